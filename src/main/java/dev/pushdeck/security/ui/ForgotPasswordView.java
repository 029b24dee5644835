package dev.pushdeck.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.pushdeck.security.ForgotPasswordAnswer;
import dev.pushdeck.security.PasswordResets;
import dev.pushdeck.shared.error.ValidationException;

/**
 * "Forgot password": asks for a reset link by mail. The answer reads the same for every
 * address; without mail it says who can make a link instead.
 */
@Route(value = "forgot-password", autoLayout = false)
@AnonymousAllowed
class ForgotPasswordView extends VerticalLayout implements HasDynamicTitle {

    private final transient PasswordResets resets;
    private final EmailField email = new EmailField();
    final Paragraph answer = new Paragraph();

    ForgotPasswordView(PasswordResets resets) {
        this.resets = resets;
        setAlignItems(Alignment.CENTER);
        addClassName("forgot-view");
        email.setLabel(getTranslation("login.email"));
        email.setWidth("20rem");
        Button send = new Button(getTranslation("forgot.send"), click -> send());
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.setId("send-reset-link");
        answer.setId("forgot-answer");
        answer.setMaxWidth("28rem");
        add(new H1(getTranslation("app.name")), new H2(getTranslation("forgot.title")),
                new Paragraph(getTranslation("forgot.text")), email, send, answer,
                new Anchor("login", getTranslation("forgot.back")));
    }

    private void send() {
        email.setInvalid(false);
        try {
            ForgotPasswordAnswer outcome = resets.requestByMail(email.getValue());
            answer.setText(outcome == ForgotPasswordAnswer.ASK_AN_ADMIN ? getTranslation("forgot.ask-an-admin")
                    : getTranslation("forgot.sent", email.getValue().trim(),
                            PasswordResets.MAILED_LIFETIME.toMinutes()));
        } catch (ValidationException e) {
            email.setInvalid(true);
            email.setErrorMessage(e.message(getLocale()));
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("forgot.title") + " · " + getTranslation("app.name");
    }
}
