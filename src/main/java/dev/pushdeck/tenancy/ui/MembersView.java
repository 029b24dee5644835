package dev.pushdeck.tenancy.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import dev.pushdeck.security.CreatedResetLink;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.PasswordResets;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.Roles;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.ui.Confirm;
import dev.pushdeck.shared.ui.Feedback;
import dev.pushdeck.shared.ui.OnceShownSecret;
import dev.pushdeck.shared.ui.Times;
import dev.pushdeck.tenancy.CreatedInvitation;
import dev.pushdeck.tenancy.Invitation;
import dev.pushdeck.tenancy.InvitationService;
import dev.pushdeck.tenancy.Member;
import dev.pushdeck.tenancy.MemberService;
import jakarta.annotation.security.RolesAllowed;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The current team's members and open invitations: invite by email (the link is shown once
 * and mailed when mail is set up), renew or revoke an invitation, change roles, remove
 * members, make a password-reset link for a member. Owners alone manage owners.
 */
@Route("team/members")
@Menu(order = 90, icon = "vaadin:users", title = "nav.members")
@RolesAllowed(Roles.ADMIN)
class MembersView extends VerticalLayout implements HasDynamicTitle {

    private final transient MemberService members;
    private final transient InvitationService invitations;
    private final transient PasswordResets resets;
    private final transient CurrentActor actor;
    final Grid<Member> grid = new Grid<>();
    final Grid<Invitation> invited = new Grid<>();
    private final H3 invitedTitle = new H3();
    private final TextField search = new TextField();
    private List<Member> all = List.of();

    MembersView(MemberService members, InvitationService invitations, PasswordResets resets, CurrentActor actor) {
        this.members = members;
        this.invitations = invitations;
        this.resets = resets;
        this.actor = actor;
        Button invite = new Button(getTranslation("members.invite"), event -> openInviteDialog());
        invite.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        invite.setId("invite-member");
        search.setPlaceholder(getTranslation("members.search"));
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(event -> applyFilter());
        search.setClearButtonVisible(true);
        invitedTitle.setText(getTranslation("invitations.title"));
        add(new HorizontalLayout(new H2(getTranslation("nav.members")), invite), search, configureGrid(),
                invitedTitle, configureInvited());
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
        grid.addComponentColumn(this::memberActions).setKey("actions").setFlexGrow(0).setAutoWidth(true);
        grid.setAllRowsVisible(true);
        return grid;
    }

    private Grid<Invitation> configureInvited() {
        invited.addColumn(Invitation::email).setHeader(getTranslation("members.email")).setSortable(true)
                .setComparator(Comparator.comparing(Invitation::email, String.CASE_INSENSITIVE_ORDER));
        invited.addColumn(invitation -> getTranslation(invitation.role().labelKey()))
                .setHeader(getTranslation("members.role")).setSortable(true)
                .setComparator(Comparator.comparing(Invitation::role));
        invited.addComponentColumn(this::invitationState).setHeader(getTranslation("invitations.state"));
        invited.addColumn(Invitation::invitedBy).setHeader(getTranslation("invitations.invited-by"));
        invited.addColumn(invitation -> Times.format(invitation.expiresAt(), this))
                .setHeader(getTranslation("invitations.expires")).setSortable(true)
                .setComparator(Comparator.comparing(Invitation::expiresAt));
        invited.addComponentColumn(this::invitationActions).setKey("actions").setFlexGrow(0).setAutoWidth(true);
        invited.setAllRowsVisible(true);
        return invited;
    }

    private Span invitationState(Invitation invitation) {
        Span state = new Span(getTranslation(invitation.expired() ? "invitations.expired" : "invitations.invited"));
        state.getElement().getThemeList().add(invitation.expired() ? "badge contrast" : "badge");
        return state;
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

    private HorizontalLayout memberActions(Member member) {
        boolean me = member.userId().equals(actor.require().id());
        Button reset = new Button(getTranslation("members.reset-link"), event -> Confirm.destructive(
                getTranslation("members.reset-link.header", member.email()),
                getTranslation("members.reset-link.text", member.email()), getTranslation("members.reset-link"),
                () -> showResetLink(member)));
        reset.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        reset.setEnabled(mayManage(member.role()) && !me);
        Button remove = new Button(getTranslation("members.remove"), event -> Confirm.destructive(
                getTranslation("members.remove.header", member.email()), getTranslation("members.remove.text"),
                getTranslation("members.remove"), () -> {
                    members.remove(member.userId());
                    Feedback.success(getTranslation("members.removed", member.email()));
                    refresh();
                }));
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        remove.setEnabled(mayManage(member.role()) && !me);
        return new HorizontalLayout(reset, remove);
    }

    private void showResetLink(Member member) {
        try {
            CreatedResetLink link = resets.createFor(member.userId());
            OnceShownSecret.show(getTranslation("members.reset-link.created", member.email()), link.link(),
                    getTranslation("members.reset-link.note", PasswordResets.MADE_LIFETIME.toHours()));
        } catch (RuntimeException e) {
            Feedback.error(e);
        }
    }

    private HorizontalLayout invitationActions(Invitation invitation) {
        Button renew = new Button(getTranslation("invitations.renew"), event -> {
            try {
                showLink(invitations.renew(invitation.id()));
            } catch (RuntimeException e) {
                Feedback.error(e);
            }
            refresh();
        });
        renew.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        Button revoke = new Button(getTranslation("invitations.revoke"), event -> Confirm.destructive(
                getTranslation("invitations.revoke.header", invitation.email()),
                getTranslation("invitations.revoke.text"), getTranslation("invitations.revoke"), () -> {
                    invitations.revoke(invitation.id());
                    Feedback.success(getTranslation("invitations.revoked", invitation.email()));
                    refresh();
                }));
        revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        boolean manageable = mayManage(invitation.role());
        renew.setEnabled(manageable);
        revoke.setEnabled(manageable);
        return new HorizontalLayout(renew, revoke);
    }

    private void openInviteDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("members.invite"));
        EmailField email = new EmailField(getTranslation("members.email"));
        email.setRequired(true);
        Select<Role> role = new Select<>();
        role.setLabel(getTranslation("members.role"));
        role.setItems(assignableRoles(Role.VIEWER));
        role.setItemLabelGenerator(r -> getTranslation(r.labelKey()));
        role.setValue(Role.VIEWER);
        dialog.add(new Paragraph(getTranslation("members.invite.text")), new FormLayout(email, role));
        Button send = new Button(getTranslation("members.invite.send"), event -> {
            try {
                CreatedInvitation created = invitations.invite(email.getValue(), role.getValue());
                dialog.close();
                refresh();
                showLink(created);
            } catch (ValidationException e) {
                email.setInvalid(true);
                email.setErrorMessage(e.message(getLocale()));
            } catch (RuntimeException e) {
                Feedback.error(e);
            }
        });
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.setId("send-invitation");
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), event -> dialog.close()), send);
        dialog.open();
    }

    private void showLink(CreatedInvitation created) {
        String email = created.invitation().email();
        OnceShownSecret.show(getTranslation("invitations.created", email), created.link(),
                getTranslation(created.mail().linkNoticeKey(), email));
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
        List<Invitation> open = invitations.pending();
        invited.setItems(open);
        invited.setVisible(!open.isEmpty());
        invitedTitle.setVisible(!open.isEmpty());
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
