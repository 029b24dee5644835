package dev.pushdeck.security.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import dev.pushdeck.security.CreatedToken;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.ui.OnceShownSecret;
import java.util.function.Function;

/**
 * Creates a token of one kind: its name and whatever else the kind asks for, then its
 * secret shown once. A name the service refuses is marked on the field and nothing is
 * created; the dialog stays open to correct it.
 */
final class TokenCreateDialog extends Dialog {

    private final TextField name = new TextField();

    /**
     * @param title      the heading, also the save button's caption
     * @param create     makes the token from the name typed (reading the kind's own fields itself)
     * @param created    runs once the token exists, before its secret is shown (to refresh the list)
     * @param kindFields fields of this kind of token, below the name
     */
    TokenCreateDialog(String title, String saveId, Function<String, ? extends CreatedToken> create,
                      Runnable created, Component... kindFields) {
        setHeaderTitle(title);
        name.setLabel(getTranslation("tokens.name"));
        name.setRequired(true);
        name.setWidthFull();
        VerticalLayout fields = new VerticalLayout(name);
        fields.add(kindFields);
        add(fields);
        Button save = new Button(title, event -> save(create, created));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId(saveId);
        getFooter().add(new Button(getTranslation("action.cancel"), event -> close()), save);
    }

    /** Suggests a name, e.g. what the token is usually for. */
    TokenCreateDialog suggesting(String placeholder) {
        name.setPlaceholder(placeholder);
        return this;
    }

    private void save(Function<String, ? extends CreatedToken> create, Runnable created) {
        try {
            CreatedToken token = create.apply(name.getValue());
            close();
            created.run();
            OnceShownSecret.show(getTranslation("tokens.created-header", token.name()), token.token());
        } catch (ValidationException e) {
            name.setInvalid(true);
            name.setErrorMessage(e.message(getLocale()));
        }
    }
}
