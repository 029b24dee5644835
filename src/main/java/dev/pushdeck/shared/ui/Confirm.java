package dev.pushdeck.shared.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;

/** Asks before anything destructive happens. */
public final class Confirm {

    private Confirm() {
    }

    /**
     * Opens a dialog; {@code action} runs only when the person confirms.
     *
     * @param confirmText the text of the red button, naming the action ("Remove", "Revoke")
     */
    public static void destructive(String header, String text, String confirmText, Runnable action) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader(header);
        dialog.setText(text);
        dialog.setCancelable(true);
        dialog.setCancelText(UI.getCurrent().getTranslation("action.cancel"));
        dialog.setConfirmText(confirmText);
        dialog.setConfirmButtonTheme("error primary");
        dialog.addConfirmListener(event -> action.run());
        dialog.open();
    }
}
