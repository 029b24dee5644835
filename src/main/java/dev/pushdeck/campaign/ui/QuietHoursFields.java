package dev.pushdeck.campaign.ui;

import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.shared.HasValidationProperties;
import com.vaadin.flow.component.timepicker.TimePicker;
import dev.pushdeck.campaign.QuietHours;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The composer's quiet hours: a switch, the window in each device's local time (an end before
 * the start crosses midnight) and what happens to a notification due inside it. The helper text
 * says how devices without a known time zone are judged (docs/decisions/049-quiet-hours.md).
 * The campaign rules check the window; their problems land on the two time pickers.
 */
final class QuietHoursFields extends Div {

    /** What a new campaign offers when someone turns quiet hours on: the night, held. */
    private static final LocalTime NIGHT_FROM = LocalTime.of(22, 0);
    private static final LocalTime NIGHT_TO = LocalTime.of(8, 0);

    final Checkbox enabled = new Checkbox();
    final TimePicker from = new TimePicker();
    final TimePicker to = new TimePicker();
    final RadioButtonGroup<QuietHours.Action> action = new RadioButtonGroup<>();
    /** The times and the action, shown while quiet hours are on. */
    final FormLayout window = new FormLayout();

    QuietHoursFields() {
        addClassName("composer-section");
        addClassName("quiet-hours");
        enabled.setLabel(getTranslation("composer.quiet-hours.on"));
        enabled.setHelperText(getTranslation("composer.quiet-hours.help"));
        for (TimePicker picker : List.of(from, to)) {
            picker.setStep(Duration.ofMinutes(15));
        }
        from.setLabel(getTranslation("composer.quiet-hours.from"));
        to.setLabel(getTranslation("composer.quiet-hours.to"));
        action.setLabel(getTranslation("composer.quiet-hours.action"));
        action.setItems(Arrays.asList(QuietHours.Action.values()));
        action.setItemLabelGenerator(a -> getTranslation("composer.quiet-hours.action." + a.word()));
        load(null);
        window.add(from, to, action);
        window.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("32em", 2));
        window.setColspan(action, 2);
        FormLayout layout = new FormLayout(enabled, window);
        layout.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(new H3(getTranslation("composer.section.quiet-hours")), layout);
        enabled.addValueChangeListener(change -> showWindow());
        showWindow();
    }

    /** The quiet hours as the form states them, or null when they are off. */
    @Nullable QuietHours value() {
        return enabled.getValue() ? new QuietHours(from.getValue(), to.getValue(), action.getValue()) : null;
    }

    /** Shows stored quiet hours; none leaves the switch off with the night offered. */
    void load(@Nullable QuietHours stored) {
        enabled.setValue(stored != null);
        from.setValue(stored == null ? NIGHT_FROM : stored.from());
        to.setValue(stored == null ? NIGHT_TO : stored.to());
        action.setValue(stored == null ? QuietHours.Action.HOLD : stored.action());
    }

    /** Every input whose change changes the draft. */
    List<HasValue<?, ?>> inputs() {
        return List.of(enabled, from, to, action);
    }

    /** The pickers by the JSON path the campaign rules name their problems with. */
    Map<String, HasValidationProperties> fieldsByPath() {
        return Map.of("quietHours.from", from, "quietHours.to", to);
    }

    private void showWindow() {
        window.setVisible(enabled.getValue());
    }
}
