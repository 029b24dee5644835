package dev.pushdeck.tenancy.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.Roles;
import dev.pushdeck.shared.ValidationException;
import dev.pushdeck.shared.ui.Confirm;
import dev.pushdeck.shared.ui.Feedback;
import dev.pushdeck.shared.ui.Times;
import dev.pushdeck.tenancy.Member;
import dev.pushdeck.tenancy.MemberService;
import jakarta.annotation.security.RolesAllowed;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The current team's members: add, change role, remove. Owners alone manage owners. */
@Route("team/members")
@Menu(order = 90, icon = "vaadin:users", title = "nav.members")
@RolesAllowed(Roles.ADMIN)
class MembersView extends VerticalLayout implements HasDynamicTitle {

    private final transient MemberService members;
    private final transient CurrentActor actor;
    private final Grid<Member> grid = new Grid<>();
    private final TextField search = new TextField();
    private List<Member> all = List.of();

    MembersView(MemberService members, CurrentActor actor) {
        this.members = members;
        this.actor = actor;
        Button add = new Button(getTranslation("members.add"), event -> openAddDialog());
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setId("add-member");
        search.setPlaceholder(getTranslation("members.search"));
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(event -> applyFilter());
        search.setClearButtonVisible(true);
        add(new HorizontalLayout(new H2(getTranslation("nav.members")), add), search, configureGrid());
        refresh();
    }

    private Grid<Member> configureGrid() {
        grid.addColumn(Member::email).setHeader(getTranslation("members.email")).setSortable(true)
                .setComparator(Comparator.comparing(Member::email, String.CASE_INSENSITIVE_ORDER));
        grid.addColumn(Member::displayName).setHeader(getTranslation("members.name")).setSortable(true)
                .setComparator(Comparator.comparing(Member::displayName, String.CASE_INSENSITIVE_ORDER));
        grid.addComponentColumn(this::roleSelect).setHeader(getTranslation("members.role")).setWidth("10em")
                .setFlexGrow(0)
                .setSortable(true).setComparator(Comparator.comparing(Member::role));
        grid.addColumn(member -> Times.format(member.since(), this)).setHeader(getTranslation("members.since"))
                .setSortable(true).setComparator(Comparator.comparing(Member::since));
        grid.addComponentColumn(this::removeButton).setFlexGrow(0).setAutoWidth(true);
        grid.setAllRowsVisible(true);
        return grid;
    }

    private Select<Role> roleSelect(Member member) {
        Select<Role> role = new Select<>();
        role.setWidthFull();
        role.setItems(assignableRoles(member.role()));
        role.setItemLabelGenerator(r -> getTranslation(r.labelKey()));
        role.setValue(member.role());
        role.setEnabled(mayManage(member.role()));
        role.addValueChangeListener(event -> {
            if (!event.isFromClient()) {
                return;
            }
            try {
                members.changeRole(member.userId(), event.getValue());
                Feedback.success(getTranslation("members.role-changed", member.email()));
            } catch (RuntimeException e) {
                Feedback.error(e);
            }
            refresh();
        });
        return role;
    }

    private Button removeButton(Member member) {
        Button remove = new Button(getTranslation("members.remove"), event -> Confirm.destructive(
                getTranslation("members.remove.header", member.email()), getTranslation("members.remove.text"),
                getTranslation("members.remove"), () -> {
                    members.remove(member.userId());
                    Feedback.success(getTranslation("members.removed", member.email()));
                    refresh();
                }));
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        remove.setEnabled(mayManage(member.role()) && !member.userId().equals(actor.require().id()));
        return remove;
    }

    private void openAddDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("members.add"));
        EmailField email = new EmailField(getTranslation("members.email"));
        TextField name = new TextField(getTranslation("members.name"));
        PasswordField password = new PasswordField(getTranslation("members.initial-password"));
        password.setHelperText(getTranslation("members.initial-password.help"));
        Select<Role> role = new Select<>();
        role.setLabel(getTranslation("members.role"));
        role.setItems(assignableRoles(Role.VIEWER));
        role.setItemLabelGenerator(r -> getTranslation(r.labelKey()));
        role.setValue(Role.VIEWER);
        dialog.add(new FormLayout(email, name, password, role));
        Button save = new Button(getTranslation("members.add"), event -> {
            try {
                members.add(email.getValue(), name.getValue(), password.getValue(), role.getValue());
                dialog.close();
                Feedback.success(getTranslation("members.added", email.getValue()));
                refresh();
            } catch (ValidationException e) {
                showFieldError(e, email, name, password);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), event -> dialog.close()), save);
        dialog.open();
    }

    private void showFieldError(ValidationException e, EmailField email, TextField name, PasswordField password) {
        ValidationException.FieldError error = e.errors().get(0);
        switch (error.field()) {
            case "email" -> { email.setInvalid(true); email.setErrorMessage(error.message(getLocale())); }
            case "displayName" -> { name.setInvalid(true); name.setErrorMessage(error.message(getLocale())); }
            default -> { password.setInvalid(true); password.setErrorMessage(error.message(getLocale())); }
        }
    }

    /** Owners may hand out every role; admins every role but owner. */
    private List<Role> assignableRoles(Role current) {
        boolean owner = actor.require().role() == Role.OWNER;
        return List.of(Role.values()).stream().filter(r -> owner || r != Role.OWNER || r == current).toList();
    }

    private boolean mayManage(Role role) {
        return role != Role.OWNER || actor.require().role() == Role.OWNER;
    }

    private void refresh() {
        all = members.list();
        applyFilter();
    }

    private void applyFilter() {
        String text = search.getValue().trim().toLowerCase(Locale.ROOT);
        grid.setItems(all.stream().filter(member -> text.isEmpty()
                || member.email().toLowerCase(Locale.ROOT).contains(text)
                || member.displayName().toLowerCase(Locale.ROOT).contains(text)).toList());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.members") + " · " + getTranslation("app.name");
    }
}
