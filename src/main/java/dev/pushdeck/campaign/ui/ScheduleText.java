package dev.pushdeck.campaign.ui;

import com.vaadin.flow.component.Component;
import dev.pushdeck.campaign.ResolvedSchedule;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Words for a resolved schedule: the exact instants and what daylight saving did. */
final class ScheduleText {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm (xxx)");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ScheduleText() {
    }

    static List<String> lines(Component view, ResolvedSchedule resolved) {
        List<String> lines = new ArrayList<>();
        String zone = resolved.zone().getId();
        if (resolved.schedule().deviceLocalTime()) {
            lines.add(view.getTranslation("composer.schedule.device-local", utc(resolved.firstAt()),
                    utc(resolved.lastAt())));
            lines.add(view.getTranslation("composer.schedule.fallback", zone, both(resolved.zoneAt(),
                    resolved.zone())));
        } else {
            lines.add(view.getTranslation("composer.schedule.at", both(resolved.zoneAt(), resolved.zone()), zone));
        }
        String local = resolved.schedule().at().toString().replace('T', ' ');
        if (resolved.gap() != null) {
            lines.add(view.getTranslation("composer.schedule.gap", local, zone, resolved.gap().toMinutes(),
                    both(resolved.zoneAt(), resolved.zone())));
        }
        if (resolved.laterOffsetAt() != null) {
            lines.add(view.getTranslation("composer.schedule.overlap", local, zone, utc(resolved.zoneAt()),
                    utc(resolved.laterOffsetAt())));
        }
        return lines;
    }

    static String utc(Instant instant) {
        return UTC.format(instant);
    }

    private static String both(Instant instant, ZoneId zone) {
        return LOCAL.format(instant.atZone(zone)) + " = " + utc(instant);
    }
}
