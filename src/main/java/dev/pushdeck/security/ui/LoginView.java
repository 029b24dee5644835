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
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The sign-in page. Offers single sign-on when configured, and the email and password form
 * (with "forgot password") unless password sign-in is switched off.
 */
@Route(value = "login", autoLayout = false)
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final LoginForm form = new LoginForm();
    /** Why someone arrives here: just joined a team, or just chose a new password. */
    final Paragraph notice = new Paragraph();
    private final Paragraph ssoProblem = new Paragraph();

    private final transient TwoFactorSignIn twoFactor;

    LoginView(ObjectProvider<LoginHints> hints, SingleSignOn singleSignOn, TwoFactorSignIn twoFactor) {
        this.twoFactor = twoFactor;
        addClassName("login-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        notice.setId("login-notice");
        notice.setVisible(false);
        ssoProblem.addClassName("login-sso-problem");
        ssoProblem.setVisible(false);
        add(new H1(getTranslation("app.name")), notice, ssoProblem);
        if (singleSignOn.enabled()) {
            add(singleSignOnButton(singleSignOn));
        }
        if (singleSignOn.passwordLoginEnabled()) {
            form.setAction("login");
            form.setForgotPasswordButtonVisible(true);
            form.addForgotPasswordListener(event -> getUI().ifPresent(ui -> ui.navigate("forgot-password")));
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
        i18n.getForm().setForgotPassword(getTranslation("login.forgot"));
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
        // Fixed words only: nothing from the address is shown, so a crafted link cannot put text here.
        if (parameters.containsKey("joined")) {
            notice.setText(getTranslation("login.joined"));
        } else if (parameters.containsKey("reset")) {
            notice.setText(getTranslation("login.reset"));
        }
        notice.setVisible(parameters.containsKey("joined") || parameters.containsKey("reset"));
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
