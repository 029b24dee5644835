package dev.pushdeck.campaign;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * A schedule turned into instants, with what daylight saving did to it.
 *
 * @param firstAt     when the campaign launches: the zone's instant, or for device-local
 *                    time the earliest instant any zone reaches the local time
 * @param zoneAt      the instant in the campaign's zone (devices without a zone)
 * @param lastAt      the last instant any device is due (equals {@code zoneAt} unless device-local)
 * @param gap         non-null when the local time does not exist in the zone (spring forward):
 *                    the time was moved forward by this length
 * @param laterOffsetAt non-null when the local time occurs twice (fall back): the earlier
 *                    offset was chosen and this is the later occurrence, not used
 */
public record ResolvedSchedule(Schedule schedule, ZoneId zone, Instant firstAt, Instant zoneAt, Instant lastAt,
                               @Nullable Duration gap, @Nullable Instant laterOffsetAt) {
}
