package dev.pushdeck.campaign.ui;

import com.vaadin.flow.component.Component;
import dev.pushdeck.campaign.ResolvedSchedule;
import dev.pushdeck.shared.ui.Times;
import dev.pushdeck.shared.ui.ViewerZone;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Words for a resolved schedule: the exact instants and what daylight saving did. A time in
 * the campaign's zone is followed by the same moment in the viewer's zone ({@link ViewerZone});
 * moments that belong to no zone (the first and last device of a device-local campaign) are
 * given in the viewer's zone.
 */
final class ScheduleText {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm (xxx)");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private ScheduleText() {
    }

    static List<String> lines(Component view, ResolvedSchedule resolved) {
        ZoneId viewer = ViewerZone.of(view);
        List<String> lines = new ArrayList<>();
        String zone = resolved.zone().getId();
        String both = both(resolved.zoneAt(), resolved.zone(), viewer);
        if (resolved.schedule().deviceLocalTime()) {
            lines.add(view.getTranslation("composer.schedule.device-local", viewers(resolved.firstAt(), viewer),
                    viewers(resolved.lastAt(), viewer)));
            lines.add(view.getTranslation("composer.schedule.fallback", zone, both));
        } else {
            lines.add(view.getTranslation("composer.schedule.at", both, zone));
        }
        String local = resolved.schedule().at().toString().replace('T', ' ');
        if (resolved.gap() != null) {
            lines.add(view.getTranslation("composer.schedule.gap", local, zone, resolved.gap().toMinutes(), both));
        }
        if (resolved.laterOffsetAt() != null) {
            lines.add(view.getTranslation("composer.schedule.overlap", local, zone,
                    viewers(resolved.zoneAt(), viewer), viewers(resolved.laterOffsetAt(), viewer)));
        }
        return lines;
    }

    /** e.g. "2027-03-14 15:30 UTC+8". */
    private static String viewers(Instant instant, ZoneId viewer) {
        ZonedDateTime at = instant.atZone(viewer);
        return MINUTE.format(at) + " " + Times.offset(at);
    }

    /** e.g. "2027-03-14 03:30 (-04:00) = 2027-03-14 15:30 UTC+8". */
    private static String both(Instant instant, ZoneId zone, ZoneId viewer) {
        return LOCAL.format(instant.atZone(zone)) + " = " + viewers(instant, viewer);
    }
}
