package dev.pushdeck.app.ui;

import com.github.mvysny.kaributesting.v10.ElementUtilsKt;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.dom.DomEvent;
import elemental.json.Json;

/** Typing into a number field what the browser cannot read as a number. */
final class UnparsableInput {

    private UnparsableInput() {
    }

    /** What the browser reports then: an empty value, the text as typed, and an unparsable change. */
    static void type(IntegerField field, String text) {
        field.clear();
        field.getElement().setProperty("_inputElementValue", text);
        ElementUtilsKt._fireDomEvent(field.getElement(), new DomEvent(field.getElement(), "unparsable-change",
                Json.createObject()));
    }
}
