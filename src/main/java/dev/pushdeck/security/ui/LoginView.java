package dev.pushdeck.security.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.pushdeck.security.LoginHints;
import dev.pushdeck.security.SingleSignOn;
import dev.pushdeck.security.TwoFactorSignIn;
import java.util.Map;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The sign-in page; the only view open to anonymous visitors. Offers single sign-on when
 * configured, and the email and password form unless it is switched off.
 */
@Route(value = "login", autoLayout = false)
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final LoginForm form = new LoginForm();
    private final Paragraph ssoProblem = new Paragraph();

    private final transient TwoFactorSignIn twoFactor;

    LoginView(ObjectProvider<LoginHints> hints, SingleSignOn singleSignOn, TwoFactorSignIn twoFactor) {
        this.twoFactor = twoFactor;
        addClassName("login-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        add(new H1(getTranslation("app.name")));
        ssoProblem.addClassName("login-sso-problem");
        ssoProblem.setVisible(false);
        add(ssoProblem);
        if (singleSignOn.enabled()) {
            add(singleSignOnButton(singleSignOn));
        }
        if (singleSignOn.passwordLoginEnabled()) {
            form.setAction("login");
            form.setForgotPasswordButtonVisible(false);
            form.setI18n(i18n());
            add(form);
            hints.ifAvailable(this::showDemoAccounts);
        }
    }

    /** A plain link, not router navigation: the browser must leave for the provider. */
    private Anchor singleSignOnButton(SingleSignOn singleSignOn) {
        String label = singleSignOn.displayName().isEmpty() ? getTranslation("login.sso")
                : getTranslation("login.sso.named", singleSignOn.displayName());
        Anchor button = new Anchor(SingleSignOn.START_PATH.substring(1), label);
        button.getElement().setAttribute("router-ignore", true);
        button.addClassName("login-sso");
        button.setId("sign-in-sso");
        return button;
    }

    private LoginI18n i18n() {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle(getTranslation("login.title"));
        i18n.getForm().setUsername(getTranslation("login.email"));
        i18n.getForm().setPassword(getTranslation("login.password"));
        i18n.getForm().setSubmit(getTranslation("login.submit"));
        i18n.getErrorMessage().setTitle(getTranslation("login.error.title"));
        i18n.getErrorMessage().setMessage(getTranslation("login.error.message"));
        return i18n;
    }

    private void showDemoAccounts(LoginHints hints) {
        Div box = new Div();
        box.addClassName("demo-accounts");
        box.add(new Paragraph(getTranslation("login.demo", hints.password())));
        hints.accounts().forEach(account -> box.add(new Div(new Span(account))));
        add(box);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> parameters = event.getLocation().getQueryParameters().getParameters();
        if (parameters.containsKey("error") && twoFactor.awaitingCode()) {
            // The password was right; the second factor is asked for next.
            event.forwardTo(TwoFactorView.class);
            return;
        }
        form.setError(parameters.containsKey("error"));
        String problem = parameters.containsKey("sso-unavailable") ? "login.sso.unavailable"
                : parameters.containsKey("sso-error") ? "login.sso.failed" : null;
        ssoProblem.setVisible(problem != null);
        if (problem != null) {
            ssoProblem.setText(getTranslation(problem));
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("login.title") + " · " + getTranslation("app.name");
    }
}
