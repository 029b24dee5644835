package dev.pushdeck.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.pushdeck.security.PasswordResets;
import dev.pushdeck.security.UserService;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.ui.NewPasswordFields;
import java.util.Optional;

/** Where a password-reset link leads: the person chooses a new password, then signs in with it. */
@Route(value = "reset/:token", autoLayout = false)
@AnonymousAllowed
class PasswordResetView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final transient PasswordResets resets;

    PasswordResetView(PasswordResets resets) {
        this.resets = resets;
        setAlignItems(Alignment.CENTER);
        addClassName("reset-view");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        String token = event.getRouteParameters().get("token").orElse("");
        Optional<String> email = resets.open(token);
        add(new H1(getTranslation("app.name")), new H2(getTranslation("reset.title")));
        if (email.isEmpty()) {
            add(new Paragraph(getTranslation("reset.invalid")), new Anchor("forgot-password",
                    getTranslation("reset.ask-again")));
            return;
        }
        NewPasswordFields password = new NewPasswordFields(UserService.MIN_PASSWORD_LENGTH);
        Button save = new Button(getTranslation("reset.save"), click -> save(token, password));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("save-password");
        FormLayout form = new FormLayout(password.password(), password.repeat());
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        form.setMaxWidth("24rem");
        add(new Paragraph(getTranslation("reset.text", email.get())), form, save);
    }

    private void save(String token, NewPasswordFields password) {
        password.value().ifPresent(chosen -> {
            try {
                resets.complete(token, chosen);
                getUI().ifPresent(ui -> ui.navigate("login", QueryParameters.of("reset", "")));
            } catch (ValidationException e) {
                password.refuse(e.message(getLocale()));
            }
        });
    }

    @Override
    public String getPageTitle() {
        return getTranslation("reset.title") + " · " + getTranslation("app.name");
    }
}
