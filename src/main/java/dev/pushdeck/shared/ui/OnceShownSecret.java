package dev.pushdeck.shared.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import org.jspecify.annotations.Nullable;

/**
 * Shows a just-created secret (API token, app key, invitation or reset link) the only time
 * it exists in clear.
 * The field is read-only and selected for copying; closing the dialog forgets it.
 */
public final class OnceShownSecret {

    private OnceShownSecret() {
    }

    public static void show(String header, String secret) {
        show(header, secret, null);
    }

    /** As {@link #show(String, String)}, with a line about what to do with the secret (e.g. whether it was mailed). */
    public static void show(String header, String secret, @Nullable String note) {
        UI ui = UI.getCurrent();
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(header);
        if (note != null) {
            Paragraph notice = new Paragraph(note);
            notice.addClassName("secret-note");
            dialog.add(notice);
        }
        TextField field = new TextField();
        field.setValue(secret);
        field.setReadOnly(true);
        field.setWidthFull();
        field.addClassName("secret-value");
        field.addFocusListener(event -> field.getElement().executeJs("this.inputElement.select()"));
        dialog.add(new Paragraph(ui.getTranslation("secret.shown-once")), field);
        Button done = new Button(ui.getTranslation("action.done"), event -> dialog.close());
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(done);
        dialog.setCloseOnOutsideClick(false);
        dialog.setWidth("36rem");
        dialog.open();
    }
}
