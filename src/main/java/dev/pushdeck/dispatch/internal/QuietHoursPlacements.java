package dev.pushdeck.dispatch.internal;

import dev.pushdeck.campaign.QuietHours;
import dev.pushdeck.campaign.QuietHours.Placement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where quiet hours put deliveries, zone by zone, for the statements that queue them (the
 * fan-out, {@link FanOutRepository}) or move them (an A/B test's release, {@link
 * SplitTestRepository}): a table {@link #PLACED} the statement joins by its devices' zones
 * (docs/decisions/049-quiet-hours.md).
 *
 * <p>Threading: stateless.
 */
@Component
class QuietHoursPlacements {

    /** Zone ids Java knows: quiet hours are judged on its rules (as schedules are). */
    private static final Set<String> JAVA_ZONES = ZoneId.getAvailableZoneIds();

    /** Where each zone's deliveries go under quiet hours: bound by {@link #bind}. */
    static final String PLACED = "placed as (select * from unnest(cast(:zoneNames as text[]),"
            + " cast(:zoneAts as timestamptz[]), cast(:zoneSkips as boolean[])) as p(name, at, skipped))";

    /** The release {@code r} of a device {@code d} under quiet hours: its zone's place, or the fallback's. */
    static final String PLACED_RELEASE = " left join placed p on p.name = d.time_zone"
            + " cross join lateral (select coalesce(p.at, :fallbackAt) as at,"
            + " coalesce(p.skipped, :fallbackSkipped) as skipped) r";

    /** The fallback of a run without one, as the plain fan-out's {@code :fallback} has it. */
    private static final ZoneId UTC = ZoneId.of("UTC");

    private final JdbcClient jdbc;

    QuietHoursPlacements(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Binds {@link #PLACED} and its fallback for deliveries due at {@code local} in each zone
     * (now, when null), the fallback zone's (UTC when null) for devices without a zone it knows.
     */
    JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, @Nullable LocalDateTime local,
                                  @Nullable ZoneId givenFallback, QuietHours quiet) {
        ZoneId fallbackZone = givenFallback == null ? UTC : givenFallback;
        List<String> names = new ArrayList<>();
        List<String> ats = new ArrayList<>();
        List<String> skips = new ArrayList<>();
        Placement fallback = null;
        for (ZoneDue zone : zoneDues(local, fallbackZone)) {
            if (zone.name() == null) {
                fallback = quiet.place(zone.due(), fallbackZone);
                continue;
            }
            Placement placed = quiet.place(zone.due(),
                    JAVA_ZONES.contains(zone.name()) ? ZoneId.of(zone.name()) : fallbackZone);
            names.add(zone.name());
            ats.add(placed.at().toString());
            skips.add(Boolean.toString(placed.skipped()));
        }
        Objects.requireNonNull(fallback, "zoneDues answers the fallback zone's row too");
        return statement.param("zoneNames", names.toArray(String[]::new))
                .param("zoneAts", ats.toArray(String[]::new)).param("zoneSkips", skips.toArray(String[]::new))
                .param("fallbackAt", Timestamp.from(fallback.at())).param("fallbackSkipped", fallback.skipped());
    }

    /** When a delivery of a run is due by its device's zone, before quiet hours; a null name is the fallback zone. */
    private record ZoneDue(@Nullable String name, Instant due) {
    }

    /**
     * For every zone the database knows, and (named null) for the fallback zone: when a delivery
     * is due there, by the same rule as {@link FanOutRepository#fanOut}: now, or the device-local
     * time but never before the launch.
     */
    private List<ZoneDue> zoneDues(@Nullable LocalDateTime local, ZoneId fallbackZone) {
        return jdbc.sql("""
                        select name, greatest(now(), cast(:local as timestamp) at time zone name) as due
                        from pg_timezone_names
                        union all
                        select null, greatest(now(), cast(:local as timestamp) at time zone :fallback)""")
                .param("local", local == null ? null : Timestamp.valueOf(local))
                .param("fallback", fallbackZone.getId())
                .query((rs, row) -> new ZoneDue(rs.getString(1), rs.getTimestamp(2).toInstant())).list();
    }
}
