package dev.pushdeck.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.textfield.TextFieldVariant;
import dev.pushdeck.security.TwoFactorEnrolment;
import dev.pushdeck.security.TwoFactorService;
import dev.pushdeck.security.TwoFactorStatus;
import dev.pushdeck.shared.error.PushdeckException;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.ui.Feedback;
import dev.pushdeck.shared.ui.SvgImage;
import dev.pushdeck.shared.ui.Times;
import java.util.List;
import java.util.function.Function;

/**
 * The account page's two-factor part: set up with an authenticator app (QR code, secret
 * as text), confirm with a code, recovery codes shown once, new recovery codes and
 * turning off, each with a code.
 */
class TwoFactorSection extends VerticalLayout {

    private final transient TwoFactorService twoFactor;
    private final VerticalLayout body = new VerticalLayout();

    TwoFactorSection(TwoFactorService twoFactor) {
        this.twoFactor = twoFactor;
        setPadding(false);
        body.setPadding(false);
        add(new H3(getTranslation("two-factor.title")), body);
        showStatus();
    }

    private void showStatus() {
        body.removeAll();
        TwoFactorStatus status = twoFactor.status();
        if (!status.enabled()) {
            Button setUp = new Button(getTranslation("two-factor.set-up"), event -> showEnrolment(twoFactor.begin()));
            setUp.setId("two-factor-set-up");
            body.add(new Paragraph(getTranslation("two-factor.off")), setUp);
            return;
        }
        Paragraph on = new Paragraph(getTranslation("two-factor.on", Times.format(status.since(), this),
                status.recoveryCodesLeft()));
        on.setId("two-factor-status");
        TextField code = codeField("two-factor-manage-code");
        Button renew = new Button(getTranslation("two-factor.renew-codes"), event -> run(code, value -> {
            showRecoveryCodes(twoFactor.renewRecoveryCodes(value));
            return null;
        }));
        renew.setId("two-factor-renew");
        Button off = new Button(getTranslation("two-factor.turn-off"), event -> run(code, value -> {
            twoFactor.disable(value);
            Feedback.success(getTranslation("two-factor.turned-off"));
            return null;
        }));
        off.addThemeVariants(ButtonVariant.LUMO_ERROR);
        off.setId("two-factor-off");
        body.add(on, new HorizontalLayout(code, renew, off));
    }

    private void showEnrolment(TwoFactorEnrolment enrolment) {
        body.removeAll();
        TextField secret = readOnly(getTranslation("two-factor.secret"), enrolment.secret());
        secret.setId("two-factor-secret");
        TextField uri = readOnly(getTranslation("two-factor.uri"), enrolment.uri());
        TextField code = codeField("two-factor-confirm-code");
        Button confirm = new Button(getTranslation("two-factor.confirm"), event -> run(code, value -> {
            showRecoveryCodes(twoFactor.confirm(value));
            return null;
        }));
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.setId("two-factor-confirm");
        body.add(new Paragraph(getTranslation("two-factor.scan")),
                SvgImage.of(QrSvg.of(enrolment.uri()), getTranslation("two-factor.qr-alt"), "two-factor.svg"),
                secret, uri, new HorizontalLayout(code, confirm));
    }

    /** Runs an action that needs a code; a wrong or throttled code marks the field, other refusals show. */
    private void run(TextField code, Function<String, Void> action) {
        try {
            action.apply(code.getValue());
            showStatus();
        } catch (ValidationException e) {
            code.setInvalid(true);
            code.setErrorMessage(e.message(getLocale()));
        } catch (PushdeckException e) {
            Feedback.error(e.message(getLocale()));
            showStatus();
        }
    }

    private void showRecoveryCodes(List<String> codes) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("two-factor.codes.title"));
        TextArea list = new TextArea();
        list.setValue(String.join("\n", codes));
        list.setReadOnly(true);
        list.setWidthFull();
        list.addClassName("recovery-codes");
        dialog.add(new Paragraph(getTranslation("two-factor.codes.text")), list);
        dialog.getFooter().add(new Button(getTranslation("action.done"), event -> dialog.close()));
        dialog.setCloseOnOutsideClick(false);
        dialog.open();
    }

    private TextField codeField(String id) {
        TextField code = new TextField(getTranslation("two-factor.code"));
        code.setId(id);
        code.getElement().setAttribute("autocomplete", "one-time-code");
        code.setMaxLength(16);
        return code;
    }

    private static TextField readOnly(String label, String value) {
        TextField field = new TextField(label);
        field.setValue(value);
        field.setReadOnly(true);
        field.setWidthFull();
        field.addThemeVariants(TextFieldVariant.LUMO_SMALL);
        return field;
    }
}
