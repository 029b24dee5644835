package dev.pushdeck.tenancy.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.PushdeckPrincipal;
import dev.pushdeck.security.UserService;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.ui.Feedback;
import dev.pushdeck.shared.ui.NewPasswordFields;
import dev.pushdeck.shared.ui.Times;
import dev.pushdeck.tenancy.InvitationDetails;
import dev.pushdeck.tenancy.InvitationService;
import dev.pushdeck.tenancy.Membership;
import dev.pushdeck.tenancy.TeamService;
import java.util.Optional;

/**
 * Where an invitation link leads. A new person chooses their own password here; someone with
 * an account signs in (any way they sign in) and accepts as themselves. A dead link says so
 * without telling anything about the team.
 */
@Route(value = "invitation/:token", autoLayout = false)
@AnonymousAllowed
class InvitationView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final String TOKEN = "token";

    private final transient InvitationService invitations;
    private final transient TeamService teams;
    private final transient CurrentActor actor;
    private final transient AuthenticationContext authentication;

    InvitationView(InvitationService invitations, TeamService teams, CurrentActor actor,
                   AuthenticationContext authentication) {
        this.invitations = invitations;
        this.teams = teams;
        this.actor = actor;
        this.authentication = authentication;
        addClassName("invitation-view");
        setAlignItems(Alignment.CENTER);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        String token = event.getRouteParameters().get(TOKEN).orElse("");
        Optional<InvitationDetails> opened = invitations.open(token);
        add(new H1(getTranslation("app.name")));
        if (opened.isEmpty()) {
            add(new H2(getTranslation("invitation.invalid.title")),
                    new Paragraph(getTranslation("invitation.invalid.text")),
                    new Anchor("login", getTranslation("invitation.to-login")));
            return;
        }
        InvitationDetails details = opened.get();
        Paragraph text = new Paragraph(getTranslation("invitation.text", details.invitedBy(), details.email(),
                details.teamName(), getTranslation(details.role().labelKey()), Times.format(details.expiresAt(), this)));
        text.setMaxWidth("28rem");
        add(new H2(getTranslation("invitation.title", details.teamName())), text);
        Optional<PushdeckPrincipal> me = actor.principal().filter(p -> p.kind() == PushdeckPrincipal.Kind.USER);
        if (me.isPresent()) {
            add(signedIn(me.get(), token, details));
        } else {
            add(newPerson(token), existingPerson(token, details));
        }
    }

    private Div signedIn(PushdeckPrincipal me, String token, InvitationDetails details) {
        Div box = box();
        if (!me.name().equalsIgnoreCase(details.email())) {
            Button signOut = new Button(getTranslation("user.sign-out"), event -> authentication.logout());
            box.add(new Paragraph(getTranslation("invitation.other-person", details.email(), me.name())), signOut);
            return box;
        }
        Button accept = new Button(getTranslation("invitation.accept"), event -> accept(token));
        accept.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        accept.setId("accept-invitation");
        box.add(accept);
        return box;
    }

    private void accept(String token) {
        try {
            Membership joined = invitations.accept(token);
            teams.switchTo(joined.teamId());
            Feedback.success(getTranslation("invitation.joined", joined.teamName()));
            getUI().ifPresent(ui -> ui.navigate(""));
        } catch (RuntimeException e) {
            Feedback.error(e);
        }
    }

    private Div newPerson(String token) {
        TextField name = new TextField(getTranslation("invitation.new.name"));
        name.setId("new-name");
        NewPasswordFields password = new NewPasswordFields(UserService.MIN_PASSWORD_LENGTH);
        password.password().setId("new-password");
        password.repeat().setId("repeat-password");
        Button create = new Button(getTranslation("invitation.new.create"), event -> password.value()
                .ifPresent(chosen -> createAccount(token, name, password, chosen)));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("create-account");
        FormLayout form = new FormLayout(name, password.password(), password.repeat());
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        Div box = box();
        box.add(new H3(getTranslation("invitation.new.title")), form, create);
        return box;
    }

    private void createAccount(String token, TextField name, NewPasswordFields password, String chosen) {
        name.setInvalid(false);
        try {
            invitations.acceptAsNewPerson(token, name.getValue(), chosen, getLocale());
            getUI().ifPresent(ui -> ui.navigate("login", QueryParameters.of("joined", "")));
        } catch (ValidationException e) {
            if ("displayName".equals(e.errors().get(0).field())) {
                name.setInvalid(true);
                name.setErrorMessage(e.message(getLocale()));
            } else {
                password.refuse(e.message(getLocale()));
            }
        }
    }

    private Div existingPerson(String token, InvitationDetails details) {
        Anchor signIn = new Anchor("invitation/" + token + "/accept", getTranslation("invitation.existing.sign-in"));
        // A full page load, so that sign-in brings the person back here afterwards.
        signIn.getElement().setAttribute("router-ignore", true);
        signIn.setId("sign-in-to-accept");
        Div box = box();
        box.add(new H3(getTranslation("invitation.existing.title")),
                new Paragraph(getTranslation("invitation.existing.text", details.email())), signIn);
        return box;
    }

    private static Div box() {
        Div box = new Div();
        box.addClassName("invitation-box");
        box.setMaxWidth("28rem");
        box.setWidthFull();
        return box;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("invitation.page-title") + " · " + getTranslation("app.name");
    }
}
