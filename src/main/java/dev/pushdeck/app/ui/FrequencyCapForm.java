package dev.pushdeck.app.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.FrequencyCap;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.ui.Feedback;
import org.jspecify.annotations.Nullable;

/**
 * The app's frequency cap per device, per 24 hours and per 7 days, with what it does not hold
 * back. Admins change it; everyone else sees it read-only, since it decides what their campaigns
 * reach. An empty field is no such cap (docs/decisions/054-frequency-caps.md).
 */
class FrequencyCapForm extends VerticalLayout {

    private final transient AppService apps;
    private final PushApp app;
    private final IntegerField perDay = new IntegerField();
    private final IntegerField perWeek = new IntegerField();

    FrequencyCapForm(AppService apps, PushApp app, boolean admin) {
        this.apps = apps;
        this.app = app;
        setPadding(false);
        setId("frequency-cap");
        configure(perDay, "caps.per-day", "caps.per-day.help", FrequencyCap.MAX_PER_DAY, app.capPerDay());
        perDay.setId("cap-per-day");
        configure(perWeek, "caps.per-week", "caps.per-week.help", FrequencyCap.MAX_PER_WEEK, app.capPerWeek());
        perWeek.setId("cap-per-week");
        FormLayout form = new FormLayout(perDay, perWeek);
        form.setMaxWidth("40rem");
        Paragraph bypass = new Paragraph(getTranslation("caps.bypass"));
        bypass.addClassName("frequency-cap-bypass");
        add(new H3(getTranslation("caps.title")), new Paragraph(getTranslation("caps.explained")), form, bypass);
        if (admin) {
            Button save = new Button(getTranslation("caps.save"), event -> save());
            save.setId("save-frequency-cap");
            add(save);
        } else {
            perDay.setReadOnly(true);
            perWeek.setReadOnly(true);
        }
    }

    private void configure(IntegerField field, String labelKey, String helpKey, int max, @Nullable Integer value) {
        field.setLabel(getTranslation(labelKey));
        field.setHelperText(getTranslation(helpKey, max));
        field.setMin(1);
        field.setMax(max);
        field.setStepButtonsVisible(false);
        field.setClearButtonVisible(true);
        field.setValue(value);
    }

    private boolean unreadable(IntegerField field, int max) {
        return WholeNumberFields.refuseUnreadable(field, getTranslation("error.app.cap-range", max));
    }

    private void save() {
        perDay.setInvalid(false);
        perWeek.setInvalid(false);
        // Text that is not a whole number leaves the value empty: refuse it rather than store "no cap".
        if (unreadable(perDay, FrequencyCap.MAX_PER_DAY) | unreadable(perWeek, FrequencyCap.MAX_PER_WEEK)) {
            return;
        }
        try {
            apps.setFrequencyCap(app.id(), perDay.getValue(), perWeek.getValue());
            Feedback.success(getTranslation("caps.saved"));
        } catch (ValidationException e) {
            e.errors().forEach(error -> {
                IntegerField field = "perDay".equals(error.field()) ? perDay : perWeek;
                field.setInvalid(true);
                field.setErrorMessage(error.message(getLocale()));
            });
        }
    }
}
