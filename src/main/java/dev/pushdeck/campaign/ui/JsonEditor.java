package dev.pushdeck.campaign.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.pushdeck.campaign.internal.StrictJson;

/**
 * A JSON object typed by hand: a monospace text area checked on every keystroke by the campaign
 * rules (the composer shows their message on it) and a button that lays out what was typed.
 * Laying out never changes what it means: text that is not JSON stays as it is.
 */
final class JsonEditor extends Div {

    final TextArea area = new TextArea();
    final Button format = new Button();

    JsonEditor(String label, String placeholder) {
        addClassName("json-editor");
        area.setLabel(label);
        area.setPlaceholder(placeholder);
        area.setValueChangeMode(ValueChangeMode.EAGER);
        area.setWidthFull();
        area.addClassName("json-text");
        format.setText(getTranslation("composer.live-activity.format"));
        format.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        format.addClickListener(click -> area.setValue(laidOut(area.getValue())));
        add(area, format);
    }

    /** The text, pretty-printed when it is JSON; anything else as it is. */
    static String laidOut(String text) {
        if (text == null || text.isBlank()) {
            return text;
        }
        try {
            JsonNode parsed = StrictJson.MAPPER.readTree(text);
            return parsed == null ? text : StrictJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(parsed);
        } catch (JsonProcessingException e) {
            return text;
        }
    }
}
