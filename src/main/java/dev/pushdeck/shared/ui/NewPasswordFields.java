package dev.pushdeck.shared.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.textfield.PasswordField;
import java.util.Optional;

/**
 * A new password typed twice, as the account, reset and invitation pages ask for it. Only
 * the two fields agreeing is checked here; the rules (length) are the service's.
 */
public final class NewPasswordFields {

    private final PasswordField password = new PasswordField();
    private final PasswordField repeat = new PasswordField();

    /** @param minLength shown as the rule under the first field */
    public NewPasswordFields(int minLength) {
        UI ui = UI.getCurrent();
        password.setLabel(ui.getTranslation("account.new-password"));
        password.setHelperText(ui.getTranslation("account.password-rule", minLength));
        repeat.setLabel(ui.getTranslation("account.repeat-password"));
    }

    public PasswordField password() {
        return password;
    }

    public PasswordField repeat() {
        return repeat;
    }

    /** The new password when both fields agree; otherwise the repeat field says so and the answer is empty. */
    public Optional<String> value() {
        password.setInvalid(false);
        repeat.setInvalid(false);
        if (!password.getValue().equals(repeat.getValue())) {
            repeat.setInvalid(true);
            repeat.setErrorMessage(UI.getCurrent().getTranslation("account.passwords-differ"));
            return Optional.empty();
        }
        return Optional.of(password.getValue());
    }

    /** Shows why the service refused the password. */
    public void refuse(String message) {
        password.setInvalid(true);
        password.setErrorMessage(message);
    }

    public void clear() {
        password.clear();
        repeat.clear();
    }
}
