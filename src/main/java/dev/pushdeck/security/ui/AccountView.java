package dev.pushdeck.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.pushdeck.security.UserAccount;
import dev.pushdeck.security.UserService;
import dev.pushdeck.shared.ValidationException;
import dev.pushdeck.shared.ui.Feedback;
import jakarta.annotation.security.PermitAll;

/** The signed-in person's own account: who they are, and changing their password. */
@Route("account")
@PermitAll
class AccountView extends VerticalLayout implements HasDynamicTitle {

    private final transient UserService users;
    private final PasswordField current = new PasswordField();
    private final PasswordField fresh = new PasswordField();
    private final PasswordField repeat = new PasswordField();

    AccountView(UserService users) {
        this.users = users;
        UserAccount me = users.me();
        add(new H2(getTranslation("account.title")), new Paragraph(me.displayName() + " · " + me.email()));
        current.setLabel(getTranslation("account.current-password"));
        fresh.setLabel(getTranslation("account.new-password"));
        fresh.setHelperText(getTranslation("account.password-rule", UserService.MIN_PASSWORD_LENGTH));
        repeat.setLabel(getTranslation("account.repeat-password"));
        Button change = new Button(getTranslation("account.change-password"), event -> changePassword());
        change.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        change.setId("change-password");
        FormLayout form = new FormLayout(current, fresh, repeat);
        form.setMaxWidth("28rem");
        add(form, change);
    }

    private void changePassword() {
        clearErrors();
        if (!fresh.getValue().equals(repeat.getValue())) {
            repeat.setInvalid(true);
            repeat.setErrorMessage(getTranslation("account.passwords-differ"));
            return;
        }
        try {
            users.changeOwnPassword(current.getValue(), fresh.getValue());
            current.clear();
            fresh.clear();
            repeat.clear();
            Feedback.success(getTranslation("account.password-changed"));
        } catch (ValidationException e) {
            PasswordField field = "currentPassword".equals(e.errors().get(0).field()) ? current : fresh;
            field.setInvalid(true);
            field.setErrorMessage(e.message(getLocale()));
        }
    }

    private void clearErrors() {
        current.setInvalid(false);
        fresh.setInvalid(false);
        repeat.setInvalid(false);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("account.title") + " · " + getTranslation("app.name");
    }
}
