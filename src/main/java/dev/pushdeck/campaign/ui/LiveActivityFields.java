package dev.pushdeck.campaign.ui;

import static dev.pushdeck.campaign.ui.ComposerSection.text;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.shared.HasValidationProperties;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.pushdeck.campaign.LiveActivity;
import dev.pushdeck.campaign.LiveActivity.Event;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The composer's Live Activity mode: the event (start, update, end) and the fields it takes,
 * shown only for that event; JSON editors for the attributes and the content state; the alert of
 * a start or update. Times are read in the composer's zone, as its other pickers are. The
 * payload's {@code timestamp} is not a field: it is set when the campaign is sent.
 */
final class LiveActivityFields extends Div {

    final Select<Event> event = new Select<>();
    final TextField attributesType = new TextField();
    final JsonEditor attributes;
    final JsonEditor contentState;
    final DateTimePicker staleDate = new DateTimePicker();
    final DateTimePicker dismissalDate = new DateTimePicker();
    final NumberField relevance = new NumberField();
    final TextField alertTitle = new TextField();
    final TextArea alertBody = new TextArea();
    final TextField alertSound = new TextField();
    final Div timestamp = new Div();
    private final Supplier<ZoneId> zone;

    /** @param zone the zone the composer reads times in */
    LiveActivityFields(Supplier<ZoneId> zone) {
        this.zone = zone;
        addClassName("live-activity-fields");
        attributes = new JsonEditor(getTranslation("composer.live-activity.attributes"), "{\"orderNumber\": 1042}");
        contentState = new JsonEditor(getTranslation("composer.live-activity.content-state"),
                "{\"status\": \"on its way\", \"eta\": 12}");
        event.setLabel(getTranslation("composer.live-activity.event"));
        event.setItems(Arrays.asList(Event.values()));
        event.setItemLabelGenerator(e -> getTranslation("composer.live-activity.event." + e.wire()));
        event.setValue(Event.UPDATE);
        attributesType.setLabel(getTranslation("composer.live-activity.attributes-type"));
        attributesType.setPlaceholder("DeliveryAttributes");
        staleDate.setLabel(getTranslation("composer.live-activity.stale-date"));
        staleDate.setHelperText(getTranslation("composer.live-activity.stale-date.help"));
        dismissalDate.setLabel(getTranslation("composer.live-activity.dismissal-date"));
        dismissalDate.setHelperText(getTranslation("composer.live-activity.dismissal-date.help"));
        relevance.setLabel(getTranslation("composer.live-activity.relevance"));
        relevance.setHelperText(getTranslation("composer.live-activity.relevance.help"));
        relevance.setMin(0);
        alertTitle.setLabel(getTranslation("composer.live-activity.alert-title"));
        alertBody.setLabel(getTranslation("composer.live-activity.alert-body"));
        alertSound.setLabel(getTranslation("composer.live-activity.alert-sound"));
        alertSound.setPlaceholder("default");
        timestamp.addClassName("live-activity-timestamp");
        timestamp.setText(getTranslation("composer.live-activity.timestamp"));
        for (TextField field : List.of(attributesType, alertTitle, alertSound)) {
            field.setValueChangeMode(ValueChangeMode.EAGER);
        }
        alertBody.setValueChangeMode(ValueChangeMode.EAGER);
        relevance.setValueChangeMode(ValueChangeMode.EAGER);
        FormLayout layout = new FormLayout(event, attributesType, attributes, contentState, staleDate, dismissalDate,
                relevance, alertTitle, alertBody, alertSound);
        layout.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("32em", 2));
        layout.setColspan(attributes, 2);
        layout.setColspan(contentState, 2);
        layout.setColspan(alertBody, 2);
        add(layout, timestamp);
        event.addValueChangeListener(e -> showFieldsOfEvent());
        showFieldsOfEvent();
    }

    /** What the fields shown for the event say, as the campaign's Live Activity (hidden ones keep their text). */
    LiveActivity value() {
        boolean start = event.getValue() == Event.START;
        boolean end = event.getValue() == Event.END;
        return new LiveActivity(event.getValue(), attributesType.getValue(),
                start ? attributes.area.getValue() : null, contentState.area.getValue(),
                end ? null : instant(staleDate), end ? instant(dismissalDate) : null,
                end ? null : relevance.getValue(), end ? null : alertTitle.getValue(),
                end ? null : alertBody.getValue(), end ? null : alertSound.getValue());
    }

    /** Shows a stored Live Activity (or the defaults for none). */
    void load(LiveActivity stored) {
        LiveActivity a = stored == null ? LiveActivity.update("", "") : stored;
        event.setValue(a.event() == null ? Event.UPDATE : a.event());
        attributesType.setValue(text(a.attributesType()));
        attributes.area.setValue(JsonEditor.laidOut(text(a.attributes())));
        contentState.area.setValue(JsonEditor.laidOut(text(a.contentState())));
        staleDate.setValue(local(a.staleDate()));
        dismissalDate.setValue(local(a.dismissalDate()));
        relevance.setValue(a.relevanceScore());
        alertTitle.setValue(text(a.alertTitle()));
        alertBody.setValue(text(a.alertBody()));
        alertSound.setValue(text(a.alertSound()));
    }

    /** Every input, so the composer can refresh its previews when one changes. */
    List<HasValue<?, ?>> inputs() {
        return List.of(event, attributesType, attributes.area, contentState.area, staleDate, dismissalDate, relevance,
                alertTitle, alertBody, alertSound);
    }

    /** The fields by the JSON path the campaign rules name them with. */
    Map<String, HasValidationProperties> fieldsByPath() {
        return Map.of("liveActivity.event", event, "liveActivity.attributesType", attributesType,
                "liveActivity.attributes", attributes.area, "liveActivity.contentState", contentState.area,
                "liveActivity.staleDate", staleDate, "liveActivity.dismissalDate", dismissalDate,
                "liveActivity.relevanceScore", relevance, "liveActivity.alert", alertTitle);
    }

    /** A start takes attributes and must alert; an end takes only a final state and a dismissal date. */
    private void showFieldsOfEvent() {
        Event chosen = event.getValue();
        boolean start = chosen == Event.START;
        boolean end = chosen == Event.END;
        attributes.setVisible(start);
        attributesType.setHelperText(getTranslation(start ? "composer.live-activity.attributes-type.start"
                : "composer.live-activity.attributes-type.help"));
        contentState.area.setHelperText(getTranslation(end ? "composer.live-activity.content-state.end"
                : "composer.live-activity.content-state.help"));
        for (Component field : List.of(staleDate, relevance, alertTitle, alertBody, alertSound)) {
            field.setVisible(!end);
        }
        dismissalDate.setVisible(end);
        alertTitle.setHelperText(start ? getTranslation("composer.live-activity.alert.start") : null);
    }

    private @Nullable Instant instant(DateTimePicker picker) {
        return picker.getValue() == null ? null : picker.getValue().atZone(zone.get()).toInstant();
    }

    private @Nullable LocalDateTime local(@Nullable Instant instant) {
        return instant == null ? null : instant.atZone(zone.get()).toLocalDateTime();
    }
}
