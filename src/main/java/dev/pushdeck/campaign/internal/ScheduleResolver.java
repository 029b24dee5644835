package dev.pushdeck.campaign.internal;

import dev.pushdeck.campaign.ResolvedSchedule;
import dev.pushdeck.campaign.Schedule;
import dev.pushdeck.shared.error.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Set;

/**
 * Turns a local date-time and an IANA zone into instants, as a pure function. A time
 * that falls in a daylight-saving gap moves forward by the gap's length; a time that
 * occurs twice takes the earlier offset (both as {@link ZonedDateTime#ofLocal} does). For
 * device-local time the campaign starts when the first zone on Earth reaches the local
 * time and ends when the last one does. Thread-safe.
 */
public final class ScheduleResolver {

    /** Region ids only (plus UTC and Etc/*): offsets like "+08:00" are not IANA zones. */
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();
    private static final List<ZoneId> ALL_ZONES = ZONES.stream().sorted().map(ZoneId::of).toList();

    private ScheduleResolver() {
    }

    /**
     * Resolves a schedule.
     *
     * @throws ValidationException on {@code schedule.at} (missing) or {@code schedule.zone} (unknown)
     */
    public static ResolvedSchedule resolve(Schedule schedule) {
        if (schedule.at() == null) {
            throw new ValidationException("schedule.at", "campaign.schedule.at.required");
        }
        ZoneId zone = zone(schedule.zone());
        LocalDateTime local = schedule.at();
        Instant zoneAt = ZonedDateTime.ofLocal(local, zone, null).toInstant();
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        Duration gap = transition != null && transition.isGap() ? transition.getDuration() : null;
        Instant later = transition != null && transition.isOverlap()
                ? local.atOffset(transition.getOffsetAfter()).toInstant() : null;
        Instant first = zoneAt;
        Instant last = zoneAt;
        if (schedule.deviceLocalTime()) {
            for (ZoneId each : ALL_ZONES) {
                Instant instant = ZonedDateTime.ofLocal(local, each, null).toInstant();
                first = instant.isBefore(first) ? instant : first;
                last = instant.isAfter(last) ? instant : last;
            }
        }
        return new ResolvedSchedule(schedule, zone, first, zoneAt, last, gap, later);
    }

    /**
     * An IANA zone id.
     *
     * @throws ValidationException on {@code schedule.zone} when it is missing or unknown
     */
    public static ZoneId zone(String id) {
        if (id == null || !ZONES.contains(id.trim())) {
            throw new ValidationException("schedule.zone", "campaign.schedule.zone.unknown", id == null ? "" : id);
        }
        return ZoneId.of(id.trim());
    }
}
