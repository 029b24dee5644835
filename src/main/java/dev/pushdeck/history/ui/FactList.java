package dev.pushdeck.history.ui;

import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import org.jspecify.annotations.Nullable;

/** Labelled values in up to three columns, one on a phone; an absent value reads "—". */
class FactList extends FormLayout {

    FactList() {
        setResponsiveSteps(new ResponsiveStep("0", 1), new ResponsiveStep("40em", 3));
    }

    Span item(String label, @Nullable String value) {
        Span shown = new Span(value == null || value.isEmpty() ? "—" : value);
        addFormItem(shown, label);
        return shown;
    }
}
