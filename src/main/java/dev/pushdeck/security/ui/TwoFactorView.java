package dev.pushdeck.security.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.pushdeck.security.TwoFactorSignIn;
import dev.pushdeck.shared.error.ValidationException;

/**
 * The second step of a password sign-in: the code from the authenticator app, or one of
 * the recovery codes. Reached only right after a correct password; nobody is signed in
 * until the code is accepted.
 */
@Route(value = "login/two-factor", autoLayout = false)
@AnonymousAllowed
class TwoFactorView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final transient TwoFactorSignIn signIn;
    private final TextField code = new TextField();

    TwoFactorView(TwoFactorSignIn signIn) {
        this.signIn = signIn;
        addClassName("login-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        code.setLabel(getTranslation("two-factor.sign-in.code"));
        code.setHelperText(getTranslation("two-factor.sign-in.help"));
        code.getElement().setAttribute("autocomplete", "one-time-code");
        code.setMaxLength(16);
        code.setId("two-factor-code");
        code.focus();
        Button submit = new Button(getTranslation("two-factor.sign-in.submit"), event -> submit());
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickShortcut(Key.ENTER);
        submit.setId("two-factor-submit");
        add(new H1(getTranslation("app.name")), new H2(getTranslation("two-factor.sign-in.title")), code, submit,
                new Anchor("login", getTranslation("sso.no-access.back")));
    }

    private void submit() {
        try {
            String next = signIn.complete(code.getValue(),
                    () -> VaadinService.reinitializeSession(VaadinRequest.getCurrent()));
            // A full page load, so the UI starts over as the signed-in person.
            getUI().ifPresent(ui -> ui.getPage().setLocation(next));
        } catch (ValidationException e) {
            code.setInvalid(true);
            code.setErrorMessage(e.message(getLocale()));
        } catch (IllegalStateException expired) {
            getUI().ifPresent(ui -> ui.navigate(LoginView.class));
        }
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!signIn.awaitingCode()) {
            event.forwardTo(LoginView.class);
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("two-factor.sign-in.title") + " · " + getTranslation("app.name");
    }
}
