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
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import dev.pushdeck.security.TwoFactorService;
import dev.pushdeck.security.UserAccount;
import dev.pushdeck.security.UserService;
import dev.pushdeck.shared.ValidationException;
import dev.pushdeck.shared.ui.Feedback;
import jakarta.annotation.security.PermitAll;

/**
 * The signed-in person's own account: who they are, changing their password, and
 * two-factor sign-in. A team that requires two-factor sign-in sends its members here
 * until they have set it up ({@link TwoFactorRequirement}).
 */
@Route("account")
@PermitAll
class AccountView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    private final transient UserService users;
    private final PasswordField current = new PasswordField();
    private final PasswordField fresh = new PasswordField();
    private final PasswordField repeat = new PasswordField();

    private final Paragraph required = new Paragraph();

    AccountView(UserService users, TwoFactorService twoFactor) {
        this.users = users;
        required.setText(getTranslation("two-factor.required-by-team"));
        required.addClassName("two-factor-required");
        required.setId("two-factor-required");
        required.setVisible(false);
        add(required);
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
        add(form, change, new TwoFactorSection(twoFactor));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        required.setVisible(event.getLocation().getQueryParameters().getParameters()
                .containsKey(TwoFactorRequirement.REQUIRED));
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
