package dev.pushdeck.tenancy.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import dev.pushdeck.security.CreatedResetLink;
import dev.pushdeck.security.PasswordResets;
import dev.pushdeck.security.Roles;
import dev.pushdeck.security.UserService;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.ui.Feedback;
import dev.pushdeck.shared.ui.OnceShownSecret;
import dev.pushdeck.shared.ui.Times;
import dev.pushdeck.tenancy.CreatedInvitation;
import dev.pushdeck.tenancy.NewTeam;
import dev.pushdeck.tenancy.Team;
import dev.pushdeck.tenancy.TeamService;
import jakarta.annotation.security.RolesAllowed;
import java.util.Objects;

/**
 * Instance administration: every team by name and size (never its content), creating a team
 * by inviting its first owner, naming instance administrators, and password-reset links for
 * anyone.
 */
@Route("teams")
@Menu(order = 100, icon = "vaadin:cluster", title = "nav.teams")
@RolesAllowed(Roles.INSTANCE_ADMIN)
class TeamsView extends VerticalLayout implements HasDynamicTitle {

    private final transient TeamService teams;
    private final transient UserService users;
    private final transient PasswordResets resets;
    private final Grid<Team> grid = new Grid<>();

    TeamsView(TeamService teams, UserService users, PasswordResets resets) {
        this.teams = teams;
        this.users = users;
        this.resets = resets;
        Button create = new Button(getTranslation("teams.create"), event -> openCreateDialog());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("create-team");
        // Sorted by name on the server; the list is paged lazily, so columns do not re-sort.
        grid.addColumn(Team::name).setHeader(getTranslation("teams.name"));
        grid.addColumn(Team::members).setHeader(getTranslation("teams.members"));
        grid.addColumn(team -> Times.format(team.createdAt(), this)).setHeader(getTranslation("teams.created"));
        grid.setItems(query -> teams.list(query.getOffset(), query.getLimit()).stream());
        Button promote = new Button(getTranslation("teams.promote"), event -> openPromoteDialog());
        promote.setId("promote-instance-admin");
        Button reset = new Button(getTranslation("teams.reset-link"), event -> openResetDialog());
        reset.setId("instance-reset-link");
        HorizontalLayout header = new HorizontalLayout(new H2(getTranslation("nav.teams")), create, promote, reset);
        header.addClassName("view-header");
        add(header, new Paragraph(getTranslation("teams.privacy")), grid);
    }

    private void openCreateDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("teams.create"));
        TextField name = new TextField(getTranslation("teams.name"));
        EmailField owner = new EmailField(getTranslation("teams.owner-email"));
        owner.setHelperText(getTranslation("teams.owner-email.help"));
        dialog.add(new FormLayout(name, owner));
        Button save = new Button(getTranslation("teams.create"), event -> {
            try {
                NewTeam created = teams.create(name.getValue(), owner.getValue(), false);
                dialog.close();
                grid.getDataProvider().refreshAll();
                Feedback.success(getTranslation("teams.created-ok", created.name()));
                CreatedInvitation invitation = Objects.requireNonNull(created.ownerInvitation(),
                        "a team made by create has its owner invited");
                OnceShownSecret.show(getTranslation("invitations.created", invitation.invitation().email()),
                        invitation.link(), getTranslation(invitation.mail().linkNoticeKey(),
                                invitation.invitation().email()));
            } catch (ValidationException e) {
                showFieldError(e, name, owner);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), event -> dialog.close()), save);
        dialog.open();
    }

    private void openPromoteDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("teams.promote"));
        EmailField email = new EmailField(getTranslation("members.email"));
        email.setWidthFull();
        dialog.add(new Paragraph(getTranslation("teams.promote.text")), email);
        Button save = new Button(getTranslation("teams.promote"), event -> {
            try {
                users.promoteToInstanceAdmin(email.getValue());
                dialog.close();
                Feedback.success(getTranslation("teams.promoted", email.getValue()));
            } catch (ValidationException e) {
                email.setInvalid(true);
                email.setErrorMessage(e.message(getLocale()));
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), event -> dialog.close()), save);
        dialog.open();
    }

    private void openResetDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("teams.reset-link"));
        EmailField email = new EmailField(getTranslation("members.email"));
        email.setWidthFull();
        dialog.add(new Paragraph(getTranslation("teams.reset-link.text", PasswordResets.MADE_LIFETIME.toHours())),
                email);
        Button make = new Button(getTranslation("teams.reset-link"), event -> {
            try {
                CreatedResetLink link = resets.createForEmail(email.getValue());
                dialog.close();
                OnceShownSecret.show(getTranslation("members.reset-link.created", link.email()), link.link(),
                        getTranslation("members.reset-link.note", PasswordResets.MADE_LIFETIME.toHours()));
            } catch (ValidationException e) {
                email.setInvalid(true);
                email.setErrorMessage(e.message(getLocale()));
            }
        });
        make.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), event -> dialog.close()), make);
        dialog.open();
    }

    private void showFieldError(ValidationException e, TextField name, EmailField owner) {
        ValidationException.FieldError error = e.errors().get(0);
        if ("name".equals(error.field())) {
            name.setInvalid(true);
            name.setErrorMessage(error.message(getLocale()));
        } else {
            owner.setInvalid(true);
            owner.setErrorMessage(error.message(getLocale()));
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.teams") + " · " + getTranslation("app.name");
    }
}
