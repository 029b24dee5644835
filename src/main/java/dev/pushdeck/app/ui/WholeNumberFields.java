package dev.pushdeck.app.ui;

import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.data.binder.ValueContext;

/**
 * The app forms' whole-number fields, where an empty field has a meaning of its own (no cap, the
 * node default). Text the browser cannot read as a whole number reaches the server as an empty
 * value, so a form must ask the field's own validator before saving, or a typo would be stored as
 * that meaning.
 */
final class WholeNumberFields {

    private WholeNumberFields() {
    }

    /**
     * Marks the field invalid with the message if its text is not a whole number within its
     * bounds; the caller saves nothing then.
     *
     * @return whether the field was refused
     */
    static boolean refuseUnreadable(IntegerField field, String message) {
        if (!field.getDefaultValidator().apply(field.getValue(), new ValueContext(field)).isError()) {
            return false;
        }
        field.setInvalid(true);
        field.setErrorMessage(message);
        return true;
    }
}
