package dev.pushdeck.campaign.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ItemLabelGenerator;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A titled part of the composer's form: a heading over its fields, in two columns on a wide
 * screen and one on a phone. The sections build their fields with the helpers here, so that
 * every text field checks on each keystroke and every choice starts on its default.
 */
class ComposerSection extends Div {

    ComposerSection() {
        addClassName("composer-section");
    }

    /** Puts the heading and the fields in place; called once the subclass's fields exist. */
    final void layOut(String titleKey, Component... fields) {
        FormLayout layout = new FormLayout(fields);
        layout.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("32em", 2));
        add(new H3(getTranslation(titleKey)), layout);
    }

    final TextField field(String key) {
        TextField field = new TextField(getTranslation(key));
        field.setValueChangeMode(ValueChangeMode.EAGER);
        return field;
    }

    final <T> void choice(Select<T> select, String labelKey, List<T> items, T initial, ItemLabelGenerator<T> label) {
        select.setLabel(getTranslation(labelKey));
        select.setItems(items);
        select.setItemLabelGenerator(label);
        select.setValue(initial);
    }

    /**
     * Shows a stored value as it is, offered beside the usual choices when it is no longer one
     * of them (the check then names the problem on the field), rather than quietly changing it.
     */
    static <T> void showStored(Select<T> select, List<T> offered, T stored) {
        List<T> items = new ArrayList<>(offered);
        if (!items.contains(stored)) {
            items.add(stored);
        }
        select.setItems(items);
        select.setValue(stored);
    }

    static String text(@Nullable String value) {
        return value == null ? "" : value;
    }
}
