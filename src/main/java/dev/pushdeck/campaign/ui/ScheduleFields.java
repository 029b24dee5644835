package dev.pushdeck.campaign.ui;

import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.shared.HasValidationProperties;
import dev.pushdeck.campaign.ResolvedSchedule;
import dev.pushdeck.campaign.Schedule;
import dev.pushdeck.shared.ui.ViewerZone;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * When the campaign goes: not yet (a draft), at a time in one zone, or at a wall-clock time on
 * each device; under the fields, when that is as the check resolved it.
 */
final class ScheduleFields extends ComposerSection {

    /** When the campaign goes: not yet (a draft), at a time in one zone, or at a wall-clock time on each device. */
    enum ScheduleMode {
        DRAFT, ZONE, DEVICE;

        String key() {
            return "composer.schedule." + name().toLowerCase(Locale.ROOT);
        }
    }

    final Select<ScheduleMode> scheduleMode = new Select<>();
    final DateTimePicker scheduleAt = new DateTimePicker();
    final ComboBox<String> zone = new ComboBox<>();
    final Div scheduleResolved = new Div();

    ScheduleFields() {
        choice(scheduleMode, "composer.schedule", Arrays.asList(ScheduleMode.values()), ScheduleMode.DRAFT,
                mode -> getTranslation(mode.key()));
        scheduleAt.setLabel(getTranslation("composer.schedule.local-time"));
        zone.setLabel(getTranslation("composer.schedule.zone"));
        zone.setItems(ZoneId.getAvailableZoneIds().stream().sorted().toList());
        // A new campaign is scheduled in the person's own zone unless they pick another;
        // read() puts back the zone a saved campaign was scheduled in.
        zone.setValue(ViewerZone.of(this).getId());
        scheduleResolved.addClassName("schedule-resolved");
        layOut("composer.section.schedule", scheduleMode, scheduleAt, zone, scheduleResolved);
    }

    /** Every input whose change changes the draft. */
    List<HasValue<?, ?>> inputs() {
        return List.of(scheduleMode, scheduleAt, zone);
    }

    /** The inputs by the JSON path the campaign rules name their problems with. */
    Map<String, HasValidationProperties> fieldsByPath() {
        return Map.of("schedule.at", scheduleAt, "schedule.zone", zone);
    }

    /** Shows a stored schedule; none leaves the form as a draft. */
    void read(@Nullable Schedule stored) {
        if (stored != null) {
            scheduleMode.setValue(stored.deviceLocalTime() ? ScheduleMode.DEVICE : ScheduleMode.ZONE);
            scheduleAt.setValue(stored.at());
            zone.setValue(stored.zone());
        }
    }

    /** The schedule as the fields state it; none for a draft. */
    @Nullable Schedule value() {
        return scheduleMode.getValue() == ScheduleMode.DRAFT ? null
                : new Schedule(scheduleAt.getValue(), zone.getValue(), deviceLocalTime());
    }

    boolean deviceLocalTime() {
        return scheduleMode.getValue() == ScheduleMode.DEVICE;
    }

    /** The zone chosen, or UTC while it is not a known one. */
    ZoneId zoneId() {
        String id = zone.getValue();
        return id != null && ZoneId.getAvailableZoneIds().contains(id) ? ZoneId.of(id) : ZoneId.of("UTC");
    }

    /** Shows the time and zone only for a scheduled campaign. */
    void showMode() {
        boolean scheduled = scheduleMode.getValue() != ScheduleMode.DRAFT;
        scheduleAt.setVisible(scheduled);
        zone.setVisible(scheduled);
    }

    /** Says when the campaign goes, as the check resolved it; nothing for a draft. */
    void showResolved(@Nullable ResolvedSchedule resolved) {
        scheduleResolved.removeAll();
        if (resolved != null) {
            ScheduleText.lines(this, resolved).forEach(line -> scheduleResolved.add(new Div(line)));
        }
    }
}
