package dev.pushdeck.dispatch.internal;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.FrequencyCap;
import dev.pushdeck.campaign.LocaleMatch;
import dev.pushdeck.campaign.QuietHours;
import dev.pushdeck.campaign.QuietHours.Placement;
import dev.pushdeck.campaign.SplitTest;
import dev.pushdeck.campaign.VariantPayload;
import dev.pushdeck.device.ActivityTarget;
import dev.pushdeck.device.AttributeFilters;
import dev.pushdeck.device.Audience;
import dev.pushdeck.dispatch.DeliveryStatus;
import dev.pushdeck.dispatch.LaunchRequest;
import dev.pushdeck.dispatch.RunStatus;
import dev.pushdeck.shared.jdbc.RecordRows;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * SQL for {@code dispatch_runs}, the queue ({@code delivery_queue}) and the move of finished
 * deliveries into the log ({@code deliveries}). Team-facing statements are scoped by tenant;
 * the worker's statements (claim, results, reaper) work across teams by run or delivery id
 * and say so. The fan-out reads the device module's {@code devices} table (see
 * docs/decisions/007-dispatch-runs.md). A delivery is queued and claimed in the queue and
 * written to the log once, when its outcome is final (docs/decisions/017-delivery-queue.md).
 *
 * <p>A claimed delivery is in flight while its lease ({@code next_attempt_at}) lies ahead;
 * when the lease runs out the delivery is simply due again, so no reaper has to hand it back.
 */
@Repository
public class DispatchRepository {

    private final JdbcClient jdbc;

    DispatchRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A sending run, with the snapshot the worker needs to build notifications: fixed at
     * launch, so it may be cached for the run's lifetime.
     *
     * @param expiresAt           the apns-expiration of every delivery, or null
     * @param expiresAfterSeconds each delivery's apns-expiration is its release plus this, or null
     *                            (both null: APNs tries once)
     * @param deliveryKey         whether each delivery's payload adds its id to the tracking key ending the payload
     * @param variantPayloads     the payloads of variants 1, 2, ... beside {@code payload} (variant 0); empty for most
     *                            runs (docs/decisions/055-content-per-language.md)
     */
    public record SendableRun(UUID id, UUID tenantId, UUID appId, ApnsEnvironment environment, String topic,
                              String payload, String pushType, int priority, @Nullable Instant expiresAt,
                              @Nullable Long expiresAfterSeconds, @Nullable String collapseId,
                              @Nullable Integer throttlePerMinute, boolean deliveryKey, List<String> variantPayloads) {

        /** A run with one payload for all. */
        public SendableRun(UUID id, UUID tenantId, UUID appId, ApnsEnvironment environment, String topic,
                           String payload,
                           String pushType, int priority, @Nullable Instant expiresAt,
                           @Nullable Long expiresAfterSeconds, @Nullable String collapseId,
                           @Nullable Integer throttlePerMinute, boolean deliveryKey) {
            this(id, tenantId, appId, environment, topic, payload, pushType, priority, expiresAt, expiresAfterSeconds,
                    collapseId, throttlePerMinute, deliveryKey, List.of());
        }

        /**
         * The payload one delivery of {@code variant} sends: with the tracking key, {@code "d": "<deliveryId>"}
         * is added to the key's object, which ends every variant's payload ({@code ...,"pd":{"c":"..."}});
         * one string copy, no database work.
         */
        public String payloadFor(long deliveryId, int variant) {
            String sent = variant == 0 ? payload : variantPayloads.get(variant - 1);
            if (!deliveryKey) {
                return sent;
            }
            int end = sent.length() - 2;
            return new StringBuilder(sent.length() + 26).append(sent, 0, end).append(",\"d\":\"")
                    .append(deliveryId).append('"').append(sent, end, sent.length()).toString();
        }

        /** The apns-expiration of a delivery released at {@code releaseAt}, or null for "try once". */
        public @Nullable Instant expiresAt(Instant releaseAt) {
            return expiresAt != null ? expiresAt : expiresAfterSeconds != null
                    ? releaseAt.plusSeconds(expiresAfterSeconds) : null;
        }
    }

    /** A sending run with deliveries due now (by its stored rest time), whose app environment is not paused. */
    public record RunCandidate(UUID id, UUID tenantId, UUID appId, ApnsEnvironment environment, boolean throttled) {
    }

    /**
     * A delivery this node has just claimed; {@code attempt} fences the answer.
     *
     * @param releaseAt  when it first became due (its own expiration and retry window count from here)
     * @param lastReason the reason of its last retried reply, or null
     */
    public record Claimed(long id, UUID deviceId, String token, UUID apnsId, int attempt, Instant releaseAt,
                          @Nullable String lastReason, int variant) {
    }

    /** A run's acceptances and refusals so far, by reason, from its stored counters. */
    public record RunTally(UUID runId, long accepted, Map<String, Long> reasons) {
    }

    /** A delivery a run saw refused for its token. */
    public record Refused(UUID deviceId, String token, String reason, Instant at) {
    }

    /**
     * An ended run whose refused devices are still to be judged.
     *
     * @param endsActivities whether it sent a Live Activity {@code end} event: the activities it reached ended
     */
    public record Unsettled(UUID id, UUID tenantId, UUID appId, ApnsEnvironment environment, String pushType,
                            boolean endsActivities, @Nullable Long firstDeliveryId, @Nullable Long lastDeliveryId,
                            Instant launchedAt) {
    }

    /** A delivery APNs accepted, and when. */
    public record AcceptedToken(long id, String token, Instant acceptedAt) {
    }

    /** A place in a run's due order ({@code next_attempt_at}, {@code id}): where a claim ended. */
    public record DueCursor(Timestamp at, long id) {

        /** Before every delivery. */
        public static final DueCursor START = new DueCursor(Timestamp.from(Instant.EPOCH), 0);

        boolean isBefore(DueCursor other) {
            int byTime = at.compareTo(other.at);
            return byTime < 0 || (byTime == 0 && id < other.id);
        }
    }

    /** What a claim took, and where in the due order it ended (null when it took nothing). */
    public record ClaimBatch(List<Claimed> claims, @Nullable DueCursor end) {
    }

    /**
     * What to write for one answered delivery. {@code refund} gives the attempt back;
     * {@code uniqueId} is Apple's apns-unique-id of a final answer, or null.
     */
    public record ResultRow(long id, int attempt, DeliveryStatus status, @Nullable Integer statusCode,
                            @Nullable String reason, @Nullable Instant appleTimestamp,
                            @Nullable Instant nextAttemptAt, boolean refund, @Nullable UUID uniqueId) {

        /** A row without an apns-unique-id. */
        public ResultRow(long id, int attempt, DeliveryStatus status, @Nullable Integer statusCode,
                         @Nullable String reason, @Nullable Instant appleTimestamp, @Nullable Instant nextAttemptAt,
                         boolean refund) {
            this(id, attempt, status, statusCode, reason, appleTimestamp, nextAttemptAt, refund, null);
        }
    }

    public record RunRow(UUID id, UUID tenantId, UUID appId, ApnsEnvironment environment, RunStatus status,
                         @Nullable String stopReason, int deliveriesTotal, Instant launchedAt,
                         @Nullable Instant completedAt) {
    }

    public record RunRef(UUID tenantId, UUID runId) {
    }

    /**
     * What a fan-out made: how many deliveries (queued and skipped), the id range they took (null
     * when none), and how many of them wait in the queue.
     */
    public record Queued(int count, @Nullable Long firstId, @Nullable Long lastId, int waiting) {
    }

    /** Queued deliveries that are not in flight: never claimed, waiting for a retry, or with a lease run out. */
    private static final String NOT_IN_FLIGHT = "(q.lease_owner is null or q.next_attempt_at <= now())";
    /** The tokens in a run's throttle bucket {@code r} now (one second's worth when never used), before capping. */
    private static final String THROTTLE_TOKENS = "coalesce(r.throttle_tokens, greatest(1, r.throttle_per_minute / 60.0))"
            + " + extract(epoch from now() - coalesce(r.throttle_refilled_at, now())) * r.throttle_per_minute / 60.0";
    /** A run's final outcomes so far, from its stored counters {@code c}: the run is done when they reach its size. */
    private static final String FINAL_OUTCOMES =
            "(c.accepted + c.rejected + c.failed + c.expired + c.cancelled + c.skipped)";
    /**
     * A device's place in its A/B test's order: by a hash of the run and the device, so the order
     * is fixed for a campaign and unrelated to when or how the device registered.
     */
    private static final String SPLIT_RANK = "row_number() over (order by md5(:seed || cast(d.id as text)), d.id)";
    /** Whether a device is held for the winner: outside the first test share of the audience in that order. */
    private static final String HELD = "(" + SPLIT_RANK + " > floor(count(*) over () * :testPercent / 100.0))";
    /** Zone ids Java knows: quiet hours are judged on its rules (as schedules are). */
    private static final Set<String> JAVA_ZONES = ZoneId.getAvailableZoneIds();
    /** Where each zone's deliveries go under quiet hours: bound by {@link #bindPlacements}. */
    static final String PLACED = "placed as (select * from unnest(cast(:zoneNames as text[]),"
            + " cast(:zoneAts as timestamptz[]), cast(:zoneSkips as boolean[])) as p(name, at, skipped))";
    /** The release {@code r} of a device {@code d} under quiet hours: its zone's place, or the fallback's. */
    private static final String PLACED_RELEASE = " left join placed p on p.name = d.time_zone"
            + " cross join lateral (select coalesce(p.at, :fallbackAt) as at,"
            + " coalesce(p.skipped, :fallbackSkipped) as skipped) r";
    /** The fallback of a run without one, as the plain fan-out's {@code :fallback} has it. */
    private static final ZoneId UTC = ZoneId.of("UTC");

    // --- Launch ---------------------------------------------------------------------

    public boolean runExists(UUID runId) {
        return jdbc.sql("select exists (select 1 from dispatch_runs where id = :id)").param("id", runId)
                .query(Boolean.class).single();
    }

    public void insertRun(LaunchRequest r, int payloadBytes) {
        jdbc.sql("""
                        insert into dispatch_runs (id, tenant_id, app_id, environment, topic, payload, payload_bytes,
                            push_type, priority, expires_at, expires_after_seconds, collapse_id, throttle_per_minute,
                            delivery_key)
                        values (:id, :tenant, :app, :env, :topic, :payload, :bytes, :pushType, :priority, :expires,
                            :expiresAfter, :collapse, :throttle, :deliveryKey)""")
                .param("id", r.runId()).param("tenant", r.tenantId()).param("app", r.appId())
                .param("env", r.environment().wire()).param("topic", r.topic()).param("payload", r.payload())
                .param("bytes", payloadBytes).param("pushType", r.pushType()).param("priority", r.priority())
                .param("expires", timestamp(r.expiresAt()))
                .param("expiresAfter", r.expiresAfter() == null ? null : r.expiresAfter().toSeconds())
                .param("collapse", r.collapseId()).param("throttle", r.throttlePerMinute())
                .param("deliveryKey", r.deliveryKey()).update();
    }

    /**
     * Stores the run's variant payloads, numbered from 1 in the request's order. With an A/B test,
     * every version's payloads are stored a second time after them, from {@link #restBase}: the
     * held rest is numbered there, so the log tells a tested delivery from one of the rest after
     * the winner is released to it (docs/decisions/058-ab-tests.md).
     */
    public void insertVariants(LaunchRequest r) {
        List<VariantPayload> stored = new ArrayList<>(r.variants());
        if (r.split() != null) {
            stored.add(new VariantPayload(0, null, r.payload()));
            stored.addAll(r.variants());
        }
        jdbc.sql("""
                        insert into run_variants (run_id, variant, label, payload, payload_bytes, version)
                        select :run, v.n, v.label, v.payload, octet_length(v.payload), v.version
                        from unnest(cast(:labels as text[]), cast(:payloads as text[]), cast(:versions as smallint[]))
                             with ordinality as v(label, payload, version, n)""")
                .param("run", r.runId())
                .param("labels", stored.stream().map(VariantPayload::locale).toArray(String[]::new))
                .param("payloads", stored.stream().map(VariantPayload::payload).toArray(String[]::new))
                .param("versions", stored.stream().map(v -> Integer.toString(v.version())).toArray(String[]::new))
                .update();
    }

    /** The first variant number of the held rest: after every tested version's. */
    public static int restBase(LaunchRequest r) {
        return Objects.requireNonNull(r.split(), "only a run with an A/B test has a rest").versions() * r.stride();
    }

    /**
     * One delivery per targeted ACTIVE device, set-based; or, for an audience with an activity
     * target, one per live Live Activity token it names on the devices selected (the device
     * module's {@code activity_registrations}, read as {@code devices} is), filed under its device.
     * With a device-local time, each row's release is that wall-clock time in the device's zone
     * (the fallback zone when it has none or PostgreSQL does not know it). The audience's attribute
     * filters apply in the same statement ({@link AttributeFilters}). With quiet hours, each
     * row's release is placed by zone ({@link #bindPlacements}); those that skip, and with the app's
     * frequency cap those to devices at it, are written to the log at once ({@link #fanOutSkipping}).
     * A run without either runs the plain insert, untouched by both. With content variants, each row
     * carries the variant of its device's locale ({@link #matchedTable}).
     *
     * @return how many deliveries were made, their id range and how many were queued
     */
    public Queued fanOut(LaunchRequest r) {
        QuietHours quiet = r.quietHours();
        if (r.frequencyCap() != null || quiet != null && quiet.action() == QuietHours.Action.SKIP
                || r.split() != null) {
            return fanOutSkipping(r, quiet);
        }
        StringBuilder sql = new StringBuilder("with ").append(matchedTable(r)).append(releaseSource(r)).append("""
                queued as (
                insert into delivery_queue (tenant_id, app_id, run_id, device_id, token, release_at, next_attempt_at""")
                .append(variantColumn(r)).append(")\n");
        sql.append(targets(r, "r.at, r.at" + variantValue(r))).append(releaseJoin(r)).append(variantJoin(r));
        Map<String, Object> filterParams = new HashMap<>();
        sql.append(audienceConditions(r.audience(), filterParams));
        sql.append(" returning id) select count(*) as count, min(id) as first_id, max(id) as last_id,"
                + " count(*) as waiting from queued");
        JdbcClient.StatementSpec statement = bindVariants(bindAudience(jdbc.sql(sql.toString()), r, filterParams), r);
        return (quiet == null ? statement : bindPlacements(statement, r, quiet)).query(RecordRows.of(Queued.class))
                .single();
    }

    /** The CTE (with its comma) that a run's releases join: quiet hours' placements, the known zones, or none. */
    private static String releaseSource(LaunchRequest r) {
        if (r.quietHours() != null) {
            return PLACED + ", ";
        }
        return r.deviceLocalTime() != null ? "zones as (select name from pg_timezone_names), " : "";
    }

    /** Joins each device {@code d}'s release {@code r} (its {@code at}, and with quiet hours {@code skipped}). */
    private static String releaseJoin(LaunchRequest r) {
        if (r.quietHours() != null) {
            return PLACED_RELEASE;
        }
        // A local time that has already passed releases at the launch: no delivery's time
        // is ever before its run's launch, which the delivery log's time ranges rely on.
        return r.deviceLocalTime() != null
                ? " left join zones z on z.name = d.time_zone cross join lateral (select greatest(now(),"
                + " cast(:local as timestamp) at time zone coalesce(z.name, :fallback)) as at) r"
                : " cross join (select now() as at) r";
    }

    /**
     * The fan-out of a run that skips deliveries (quiet hours that skip, or the app's frequency
     * cap): the deliveries to send are queued and, in the same statement, the skipped ones are
     * written to the log as SKIPPED with their reason ({@value QuietHours#SKIP_REASON} first, then
     * {@value FrequencyCap#SKIP_REASON}) and counted, like any final outcome.
     */
    private Queued fanOutSkipping(LaunchRequest r, @Nullable QuietHours quiet) {
        Map<String, Object> filterParams = new HashMap<>();
        String quietReason = quiet == null ? "cast(null as text)" : "case when r.skipped then :skipReason end";
        FrequencyCap cap = r.frequencyCap();
        if (cap != null) {
            FrequencyCapSql.serialize(jdbc, r.appId());
        }
        String sql = OutcomeCounters.after("with " + matchedTable(r) + releaseSource(r) + "targets as materialized ("
                + targets(r, "r.at, " + quietReason + " as reason" + variantValue(r)) + releaseJoin(r) + variantJoin(r)
                + audienceConditions(r.audience(), filterParams) + ")" + FrequencyCapSql.judge(cap, variantColumn(r) + heldColumn(r))
                + """
                ,
                queued as (
                    insert into delivery_queue (tenant_id, app_id, run_id, device_id, token, release_at,
                                                next_attempt_at%2$s)
                    select tenant_id, app_id, :run, device_id, token, %3$s%2$s from %1$s where reason is null
                    returning id),
                changed as (
                    insert into deliveries as d (tenant_id, app_id, run_id, device_id, token, status, attempts,
                                                 release_at, reason, active_at%2$s)
                    select tenant_id, app_id, :run, device_id, token, 'SKIPPED', 0, at, reason, at%2$s
                    from %1$s where reason is not null
                    """.formatted(FrequencyCapSql.source(cap), variantColumn(r), queuedTimes(r))
                + OutcomeCounters.RETURNING + ")", """
                 select count(*) as count, min(id) as first_id, max(id) as last_id,
                        count(*) filter (where waiting) as waiting
                 from (select id, true as waiting from queued union all select id, false from changed) made""");
        JdbcClient.StatementSpec statement = bindSplit(FrequencyCapSql.bind(
                bindVariants(bindAudience(jdbc.sql(sql), r, filterParams), r), cap), r);
        return (quiet == null ? statement : bindPlacements(statement, r, quiet))
                .param("skipReason", QuietHours.SKIP_REASON).query(RecordRows.of(Queued.class)).single();
    }

    /**
     * Binds where each zone's deliveries go under the run's quiet hours ({@link #PLACED}). A
     * delivery's release depends only on its device's zone, so it is placed once per zone the
     * database knows, by the campaign's {@link QuietHours} rules (pure and table-tested), and the
     * set-based insert joins that table of about 1,200 rows. Devices whose zone is missing or
     * unknown take the fallback zone's place (docs/decisions/049-quiet-hours.md).
     */
    private JdbcClient.StatementSpec bindPlacements(JdbcClient.StatementSpec statement, LaunchRequest r,
                                                    QuietHours quiet) {
        return bindPlacements(statement, r.deviceLocalTime(), r.fallbackZone(), quiet);
    }

    /**
     * Binds {@link #PLACED} and its fallback for deliveries due at {@code local} in each zone
     * (now, when null), the fallback zone's (UTC when null) for devices without a zone it knows.
     */
    JdbcClient.StatementSpec bindPlacements(JdbcClient.StatementSpec statement, @Nullable LocalDateTime local,
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
     * is due there, by the same rule as {@link #fanOut}: now, or the device-local time but never
     * before the launch.
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

    /**
     * The CTE {@code matched}: each stored locale of the app's devices whose best match is a
     * variant, with its number; empty text for a run without variants, whose statements stay as
     * they were. The matching is {@link LocaleMatch}, applied in Java once per distinct locale (a
     * few dozen), and the insert joins the result by the device's locale as it joins quiet hours'
     * zones (docs/decisions/055-content-per-language.md).
     */
    private static String matchedTable(LaunchRequest r) {
        return r.variants().isEmpty() ? "" : "matched as (select * from unnest(cast(:matchedLocales as text[]),"
                + " cast(:matchedVariants as smallint[])) as m(locale, variant)), ";
    }

    private static String variantColumn(LaunchRequest r) {
        return r.variants().isEmpty() ? "" : ", variant";
    }

    private static String variantValue(LaunchRequest r) {
        if (r.variants().isEmpty()) {
            return "";
        }
        return r.split() == null ? ", coalesce(m.variant, 0) as variant"
                : ", coalesce(m.variant, 0) + case when " + HELD + " then :restBase else (" + SPLIT_RANK
                + " - 1) % :versions * :stride end as variant, " + HELD + " as held";
    }

    /** The column that says a row of {@code targets} is held for an A/B test's winner; empty without a test. */
    private static String heldColumn(LaunchRequest r) {
        return r.split() == null ? "" : ", held";
    }

    /**
     * The release and first due time of a queued row of {@code targets}: its {@code at}, or for a
     * row held for an A/B test's winner, when the test is due to be decided and never (until then).
     */
    private static String queuedTimes(LaunchRequest r) {
        return r.split() == null ? "at, at"
                : "case when held then now() + make_interval(secs => :waitSeconds) else at end, case when held then timestamptz 'infinity' else at end";
    }

    /**
     * Binds an A/B test's split ({@link #SPLIT_RANK}, {@link #HELD}): the seed is the run's id, so
     * a campaign's audience always splits the same way.
     */
    private static JdbcClient.StatementSpec bindSplit(JdbcClient.StatementSpec statement, LaunchRequest r) {
        SplitTest split = r.split();
        if (split == null) {
            return statement;
        }
        return statement.param("seed", r.runId().toString()).param("testPercent", split.testPercent())
                .param("versions", split.versions()).param("stride", r.stride()).param("restBase", restBase(r))
                .param("waitSeconds", split.waitFor().toSeconds());
    }

    private static String variantJoin(LaunchRequest r) {
        return r.variants().isEmpty() ? "" : " left join matched m on m.locale = d.locale";
    }

    /** Binds {@link #matchedTable}: reads the app's distinct device locales and matches each. */
    private JdbcClient.StatementSpec bindVariants(JdbcClient.StatementSpec statement, LaunchRequest r) {
        if (r.variants().isEmpty()) {
            return statement;
        }
        List<String> variantLocales = r.variantLocales();
        List<String> locales = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (String locale : storedLocales(r)) {
            int variant = LocaleMatch.best(locale, variantLocales);
            if (variant != LocaleMatch.DEFAULT) {
                locales.add(locale);
                numbers.add(Integer.toString(variant));
            }
        }
        return statement.param("matchedLocales", locales.toArray(String[]::new))
                .param("matchedVariants", numbers.toArray(String[]::new));
    }

    /** The distinct locales the run's app's active devices in its environment report. */
    private List<String> storedLocales(LaunchRequest r) {
        return jdbc.sql("""
                        select distinct locale from devices
                        where tenant_id = :tenant and app_id = :app and environment = :env and status = 'ACTIVE'
                          and locale is not null""")
                .param("tenant", r.tenantId()).param("app", r.appId()).param("env", r.environment().wire())
                .query(String.class).list();
    }

    /**
     * {@code select <tenant, app, run, device, token>, <release>} from the devices (or their Live
     * Activity tokens, aliased {@code a}) aliased {@code d}; the caller joins the release {@code r}.
     */
    private static String targets(LaunchRequest r, String release) {
        return r.audience().activity() == null
                ? "select d.tenant_id, d.app_id, :run as run_id, d.id as device_id, d.token, " + release
                + " from devices d"
                : "select d.tenant_id, d.app_id, :run as run_id, d.id as device_id, a.token, " + release
                + " from activity_registrations a join devices d on d.id = a.device_id";
    }

    /**
     * The audience's conditions on the devices {@code d} (or their activity tokens {@code a});
     * its attribute filters' parameters go into {@code filterParams} for {@link #bindAudience}.
     */
    private static String audienceConditions(Audience audience, Map<String, Object> filterParams) {
        ActivityTarget activity = audience.activity();
        StringBuilder sql = new StringBuilder(activity == null
                ? " where d.tenant_id = :tenant and d.app_id = :app and d.environment = :env and d.status = 'ACTIVE'"
                : " where a.tenant_id = :tenant and a.app_id = :app and a.environment = :env and a.status = 'ACTIVE'"
                + " and (a.expires_at is null or a.expires_at > now()) and a.kind = :kind and a.attributes_type = :type");
        if (activity != null && !activity.activityIds().isEmpty()) {
            sql.append(" and a.activity_id = any(cast(:activities as text[]))");
        }
        if (!audience.tagsAny().isEmpty()) {
            sql.append(" and d.tags && cast(:any as text[])");
        }
        if (!audience.tagsAll().isEmpty()) {
            sql.append(" and d.tags @> cast(:all as text[])");
        }
        if (!audience.tokens().isEmpty()) {
            sql.append(activity == null ? " and d.token" : " and a.token").append(" = any(cast(:tokens as text[]))");
        }
        if (audience.testDevicesOnly()) {
            sql.append(" and d.test_device");
        }
        if (!audience.aliases().isEmpty()) {
            // Exact match; the lower-case condition lets the (app_id, lower(alias)) index narrow first.
            sql.append(" and lower(d.alias) collate \"C\" = any(cast(:lowerAliases as text[]))"
                    + " and d.alias = any(cast(:aliases as text[]))");
        }
        AttributeFilters.appendConditions(audience.filters(), sql, filterParams);
        return sql.toString();
    }

    /** The run, its team, app and environment, the device-local time and the audience's parameters and filters'. */
    private static JdbcClient.StatementSpec bindAudience(JdbcClient.StatementSpec sql, LaunchRequest r,
                                                         Map<String, Object> filterParams) {
        Audience audience = r.audience();
        ActivityTarget activity = audience.activity();
        LocalDateTime localTime = r.deviceLocalTime();
        return sql.params(filterParams).param("run", r.runId()).param("tenant", r.tenantId()).param("app", r.appId())
                .param("env", r.environment().wire())
                .param("local", localTime == null ? null : Timestamp.valueOf(localTime))
                .param("fallback", r.fallbackZone() == null ? "UTC" : r.fallbackZone().getId())
                .param("any", array(audience.tagsAny())).param("all", array(audience.tagsAll()))
                .param("tokens", array(audience.tokens())).param("aliases", array(audience.aliases()))
                .param("kind", activity == null ? null : activity.kind().name())
                .param("type", activity == null ? null : activity.attributesType())
                .param("activities", activity == null ? null : array(activity.activityIds()))
                .param("lowerAliases", audience.aliases().stream().map(a -> a.toLowerCase(Locale.ROOT))
                        .toArray(String[]::new));
    }

    /** Fixes the run's size and the id range its fan-out took. */
    public void setTotal(UUID runId, Queued queued) {
        jdbc.sql("""
                        update dispatch_runs set deliveries_total = :total, first_delivery_id = :first,
                            last_delivery_id = :last
                        where id = :id""")
                .param("total", queued.count()).param("first", queued.firstId()).param("last", queued.lastId())
                .param("id", runId).update();
        jdbc.sql("insert into run_counts (run_id) values (:id) on conflict do nothing").param("id", runId).update();
    }

    // --- Worker (all teams) --------------------------------------------------------

    /**
     * Sending runs with deliveries left (by the stored counters) and work due now: their
     * stored rest time has come, their throttle holds a token, and their app's environment
     * is not paused (the app module's {@code app_environment_pauses}, read here as the
     * fan-out reads devices). Oldest launch first; no limit, so no run is starved by older
     * ones. Broadcast runs have no queue rows and their own sender, so they are left out.
     * Asking the queue itself which runs have rows due would step over the dead index
     * entries of answered rows, several times a second.
     */
    public List<RunCandidate> candidates() {
        return jdbc.sql("""
                        select r.id, r.tenant_id, r.app_id, r.environment, r.throttle_per_minute is not null as throttled
                        from dispatch_runs r join run_counts c on c.run_id = r.id
                        where r.status = 'SENDING' and r.channel_ref is null and\s""" + FINAL_OUTCOMES + """
                         < r.deliveries_total
                          and (r.next_due_at is null or r.next_due_at <= now())
                          and (r.throttle_per_minute is null or\s""" + THROTTLE_TOKENS + """
                         >= 1)
                          and not exists (select 1 from app_environment_pauses p
                                          where p.app_id = r.app_id and p.environment = r.environment)
                        order by r.launched_at""")
                .query(RecordRows.of(RunCandidate.class)).list();
    }

    /** What a run sends, fixed at launch; empty when the run is gone. */
    public Optional<SendableRun> sendableRun(UUID runId) {
        List<String> variants = jdbc.sql("select payload from run_variants where run_id = :id order by variant")
                .param("id", runId).query(String.class).list();
        return jdbc.sql("""
                        select id, tenant_id, app_id, environment, topic, payload, push_type, priority, expires_at,
                               expires_after_seconds, collapse_id, throttle_per_minute, delivery_key
                        from dispatch_runs where id = :id""")
                .param("id", runId)
                .query((rs, row) -> new SendableRun(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), ApnsEnvironment.parse(rs.getString(4)), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getInt(8), instant(rs.getTimestamp(9)),
                        rs.getObject(10, Long.class), rs.getString(11), rs.getObject(12, Integer.class),
                        rs.getBoolean(13), variants))
                .optional();
    }

    /**
     * Takes up to {@code want} tokens from the run's throttle bucket (one second's worth at
     * most, refilled continuously at its rate); the row lock makes it exact across nodes.
     *
     * @return how many may be sent now
     */
    public int takeThrottle(UUID runId, int want) {
        return jdbc.sql("""
                        with b as (
                            select id, least(greatest(1, throttle_per_minute / 60.0),\s""" + THROTTLE_TOKENS + """
                        ) as tokens
                            from dispatch_runs r where id = :id and throttle_per_minute is not null for update)
                        update dispatch_runs r set throttle_tokens = b.tokens - least(:want, floor(b.tokens)),
                            throttle_refilled_at = now()
                        from b where r.id = b.id
                        returning cast(least(:want, floor(b.tokens)) as integer)""")
                .param("id", runId).param("want", want).query(Integer.class).optional().orElse(0);
    }

    /** Gives back tokens that were taken but not used (fewer rows were due than expected). */
    public void returnThrottle(UUID runId, int unused) {
        jdbc.sql("""
                        update dispatch_runs set throttle_tokens = least(greatest(1, throttle_per_minute / 60.0),
                            coalesce(throttle_tokens, 0) + :n)
                        where id = :id and throttle_per_minute is not null""")
                .param("n", unused).param("id", runId).update();
    }

    /**
     * Lets a run rest until its next queued delivery is due (its next release, retry or
     * lease end), at most a minute: it leaves the candidates until then. The queue is read
     * from {@code after} on (see {@link #claim}); the run row's lock, held for the whole
     * transaction, orders this against {@link #wake}, so a delivery given back meanwhile is
     * never missed.
     */
    @Transactional
    public void rest(UUID runId, DueCursor after) {
        jdbc.sql("select 1 from dispatch_runs where id = :id for update").param("id", runId).query(Integer.class)
                .optional();
        jdbc.sql("""
                        update dispatch_runs set next_due_at = least(now() + interval '1 minute',
                            (select next_attempt_at from delivery_queue
                             where run_id = :id and (next_attempt_at, id) > (:afterAt, :afterId)
                             order by next_attempt_at, id limit 1))
                        where id = :id""")
                .param("id", runId).param("afterAt", after.at()).param("afterId", after.id()).update();
    }

    /** A delivery of the run is due again at {@code at} (retried or given back): it must not rest past then. */
    public void wake(UUID runId, Instant at) {
        jdbc.sql("update dispatch_runs set next_due_at = :at where id = :id and next_due_at > :at")
                .param("at", Timestamp.from(at)).param("id", runId).update();
    }

    /**
     * Claims up to {@code limit} due deliveries of a run for {@code owner} while the run is
     * sending: rows another node holds are skipped, the attempt number goes up and a lease
     * starts (the delivery is due again when it ends). The pick is materialized: run as a
     * subquery, PostgreSQL may execute a locking LIMIT query more than once per statement
     * and claim more rows than asked.
     * Rows are mapped by hand: this runs for every delivery, and the reflective mapper showed
     * in profiles.
     *
     * <p>{@code after} starts the search after the place an earlier claim of
     * the same run ended. Answered deliveries leave dead entries at the front of the due
     * index until vacuum removes them; without a starting point every claim of a big run
     * would step over all of them. Skipping rows before {@code after} is safe: a delivery
     * becomes due again (retry, give-back, lease end) with a {@code next_attempt_at} later
     * than any claim before it. The caller starts over from the front after a short claim.
     * The place is always given ({@link DueCursor#START} for the front): an optional one
     * would be a filter instead of an index condition once PostgreSQL caches a generic plan.
     *
     * <p>The apns-id a first claim draws is random but for its last 12 hex digits, which are the
     * delivery's id (its low 48 bits), so an app reporting an open by apns-id names its delivery
     * without an index on the log (docs/decisions/045-opens-and-receipts.md).
     *
     * <p>A worker never claims a row it holds itself: its lease may have run out only
     * because the database was away while the answer waited to be written, and claiming it
     * again would send it twice. (A restarted node has a new owner name.)
     */
    public ClaimBatch claim(UUID runId, String owner, int limit, int leaseSeconds, DueCursor after) {
        List<Object[]> rows = jdbc.sql("""
                        with picked as materialized (
                            select id, next_attempt_at as due from delivery_queue
                            where run_id = :run and next_attempt_at <= now()
                              and (next_attempt_at, id) > (:afterAt, :afterId)
                              and lease_owner is distinct from :owner
                              and exists (select 1 from dispatch_runs r where r.id = :run and r.status = 'SENDING')
                            order by next_attempt_at, id limit :limit for update skip locked)
                        update delivery_queue q set lease_owner = :owner,
                            next_attempt_at = now() + make_interval(secs => :lease), attempts = q.attempts + 1,
                            last_attempt_at = now(), apns_id = coalesce(q.apns_id,
                                overlay(gen_random_uuid()::text placing right(lpad(to_hex(q.id), 12, '0'), 12) from 25)::uuid)
                        from picked where q.id = picked.id
                        returning q.id, q.device_id, q.token, q.apns_id, q.attempts, picked.due, q.release_at, q.reason,
                                  q.variant""")
                .param("owner", owner).param("lease", leaseSeconds).param("run", runId).param("limit", limit)
                .param("afterAt", after.at()).param("afterId", after.id())
                .query((rs, row) -> new Object[] {new Claimed(rs.getLong(1), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getObject(4, UUID.class), rs.getInt(5), rs.getTimestamp(7).toInstant(),
                        rs.getString(8), rs.getShort(9)),
                        new DueCursor(rs.getTimestamp(6), rs.getLong(1))})
                .list();
        List<Claimed> claims = new ArrayList<>(rows.size());
        DueCursor end = null;
        for (Object[] row : rows) {
            claims.add((Claimed) row[0]);
            DueCursor at = (DueCursor) row[1];
            if (end == null || end.isBefore(at)) {
                end = at;
            }
        }
        return new ClaimBatch(claims, end);
    }

    /**
     * Extends the leases of deliveries this owner still holds (sent and unanswered, or
     * answered and not yet written), so a slow answer never lets another claim send them
     * again. Rows whose attempt or owner changed are left alone, and so are rows a writer
     * holds locked: their answer is being written, and waiting for them (in whatever order the
     * writer locks its rows) deadlocked writers and renewals. Should that write fail, the next
     * renewal, a quarter of a lease later, extends them.
     *
     * @return how many leases were extended
     */
    public int renewLeases(String owner, Collection<Claimed> held, int leaseSeconds) {
        if (held.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        with mine as materialized (
                            select q.id from delivery_queue q
                            join unnest(cast(:ids as bigint[]), cast(:attempts as integer[])) as v(id, attempt)
                              on q.id = v.id and q.attempts = v.attempt
                            where q.lease_owner = :owner
                            for no key update of q skip locked)
                        update delivery_queue q set next_attempt_at = now() + make_interval(secs => :lease)
                        from mine where q.id = mine.id""")
                .param("ids", held.stream().map(c -> Long.toString(c.id())).toArray(String[]::new))
                .param("attempts", held.stream().map(c -> Integer.toString(c.attempt())).toArray(String[]::new))
                .param("owner", owner).param("lease", leaseSeconds).update();
    }

    /**
     * Writes answers in one statement, fenced by attempt number so a late answer never
     * overwrites a newer attempt. A final outcome moves the delivery from the queue into the
     * log and is added to the run's counters and buckets in the same statement; a retry (or
     * a delivery given back) stays queued until its next attempt. A retry of a run that
     * was stopped meanwhile is final as CANCELLED. Each answered row is looked up once (the
     * run only for retries): at full speed this statement is most of the database's work.
     *
     * @return ids of the deliveries written
     */
    public List<Long> writeResults(List<ResultRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        int n = rows.size();
        String[] ids = new String[n];
        String[] attempts = new String[n];
        String[] statuses = new String[n];
        String[] codes = new String[n];
        String[] reasons = new String[n];
        String[] appleTimes = new String[n];
        String[] nextAts = new String[n];
        String[] refunds = new String[n];
        String[] uniques = new String[n];
        for (int i = 0; i < n; i++) {
            ResultRow row = rows.get(i);
            ids[i] = Long.toString(row.id());
            attempts[i] = Integer.toString(row.attempt());
            statuses[i] = row.status().name();
            codes[i] = row.statusCode() == null ? null : row.statusCode().toString();
            reasons[i] = row.reason();
            appleTimes[i] = row.appleTimestamp() == null ? null : row.appleTimestamp().toString();
            nextAts[i] = row.nextAttemptAt() == null ? null : row.nextAttemptAt().toString();
            refunds[i] = row.refund() ? "1" : "0";
            uniques[i] = row.uniqueId() == null ? null : row.uniqueId().toString();
        }
        return jdbc.sql(OutcomeCounters.after("""
                        with v as (
                            select * from unnest(cast(:ids as bigint[]), cast(:attempts as integer[]),
                                                 cast(:statuses as text[]), cast(:codes as smallint[]),
                                                 cast(:reasons as text[]), cast(:apple as timestamptz[]),
                                                 cast(:nextAts as timestamptz[]), cast(:refunds as integer[]),
                                                 cast(:uniques as uuid[]))
                                 as v(id, attempt, status, code, reason, apple, next_at, refund, unique_id)),
                        stopped as (
                            select v.id from v join delivery_queue q on q.id = v.id join dispatch_runs r on r.id = q.run_id
                            where v.status = 'PENDING' and r.status in ('CANCELLED', 'FAILED')),
                        requeued as (
                            update delivery_queue q set lease_owner = null, status_code = v.code, reason = v.reason,
                                next_attempt_at = coalesce(v.next_at, now()), attempts = q.attempts - v.refund
                            from v
                            where q.id = v.id and q.attempts = v.attempt and v.status = 'PENDING'
                              and v.id not in (select id from stopped)
                            returning q.id),
                        """ + moveToLog("""
                            delete from delivery_queue q using v
                            where q.id = v.id and q.attempts = v.attempt
                              and (v.status <> 'PENDING' or v.id in (select id from stopped))
                            returning q.*, case when v.status = 'PENDING' then 'CANCELLED' else v.status end
                                      as outcome, v.code as answer_code, v.reason as answer_reason,
                                      v.apple as answer_apple, v.unique_id as answer_unique""",
                                "outcome", "answer_code", "answer_reason", "answer_apple", "answer_unique"),
                        " select id from requeued union all select id from changed"))
                .param("ids", ids).param("attempts", attempts).param("statuses", statuses).param("codes", codes)
                .param("reasons", reasons).param("apple", appleTimes).param("nextAts", nextAts)
                .param("refunds", refunds).param("uniques", uniques)
                .query(Long.class).list();
    }

    /**
     * The CTEs {@code gone} (the given delete from the queue, returning its rows plus what the
     * named expressions read) and {@code changed} (their final rows inserted into the log,
     * returning what {@link OutcomeCounters} counts).
     */
    private static String moveToLog(String deleteReturning, String status, String code, String reason,
                                    String apple, String unique) {
        return """
                gone as (%s),
                changed as (
                    insert into deliveries as d (id, tenant_id, app_id, run_id, device_id, token, apns_id, status,
                        attempts, release_at, status_code, reason, apple_timestamp, last_attempt_at, accepted_at,
                        apns_unique_id, active_at, variant)
                    select id, tenant_id, app_id, run_id, device_id, token, apns_id, %s, attempts, release_at, %s, %s,
                           %s, last_attempt_at, case when %2$s = 'ACCEPTED' then now() end, %s,
                           coalesce(last_attempt_at, release_at), variant
                    from gone
                    %s)""".formatted(deleteReturning, status, code, reason, apple, unique, OutcomeCounters.RETURNING);
    }

    /**
     * Moves a batch of queued deliveries into the log as {@code status}; counts them and answers
     * how many. {@code pick} selects the batch's ids (with a limit) and runs once, as a
     * materialized CTE {@code picked} that {@code deleteReturning} joins: written as
     * {@code id in (select … limit)}, a plan made while the queue looked empty may re-run the
     * pick for every queued row, which kept a batch of nothing busy for minutes.
     */
    private int finish(String pick, String deleteReturning, String status, String reason, Map<String, ?> params) {
        return jdbc.sql(OutcomeCounters.after("with picked as materialized (" + pick + "), "
                        + moveToLog(deleteReturning, status, "status_code", reason, "cast(null as timestamptz)",
                                "cast(null as uuid)"),
                        " select count(*) from changed"))
                .params(params).query(Integer.class).single();
    }

    /**
     * Lets go of claims whose answers this worker could not record (an error that is not the
     * database's): they stay due at their lease's end, and then any worker may claim them, this
     * one too, which {@link #claim} otherwise never lets a worker do with rows it holds.
     */
    public int disown(String owner, Collection<Claimed> claims) {
        if (claims.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        update delivery_queue q set lease_owner = null
                        from unnest(cast(:ids as bigint[]), cast(:attempts as integer[])) as v(id, attempt)
                        where q.id = v.id and q.attempts = v.attempt and q.lease_owner = :owner""")
                .param("ids", claims.stream().map(c -> Long.toString(c.id())).toArray(String[]::new))
                .param("attempts", claims.stream().map(c -> Integer.toString(c.attempt())).toArray(String[]::new))
                .param("owner", owner).update();
    }

    /** Gives claims this node never sent back to the queue, without counting the attempt. */
    public int releaseClaims(String owner, Collection<Claimed> claims) {
        if (claims.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        update delivery_queue q set lease_owner = null, next_attempt_at = now(),
                            attempts = q.attempts - 1
                        from unnest(cast(:ids as bigint[]), cast(:attempts as integer[])) as v(id, attempt)
                        where q.id = v.id and q.attempts = v.attempt and q.lease_owner = :owner""")
                .param("ids", claims.stream().map(c -> Long.toString(c.id())).toArray(String[]::new))
                .param("attempts", claims.stream().map(c -> Integer.toString(c.attempt())).toArray(String[]::new))
                .param("owner", owner).update();
    }

    /**
     * Up to {@code limit} queued deliveries of open runs whose deadline passed while they were
     * not in flight (their app paused, APNs away, throttled) become final unsent: EXPIRED when
     * their own expiration passed, FAILED with their last reason when the retry window after
     * their release did. Only runs whose earliest possible deadline has passed are searched
     * (no delivery is released before its run's launch). Deliveries held for an A/B test's winner
     * are not due at all until the test is decided (docs/decisions/058-ab-tests.md).
     *
     * @return how many were finished; call again while it returns {@code limit}
     */
    public int expireOverdue(Duration retryWindow, int limit) {
        String ownExpiration = "coalesce(r.expires_at, q.release_at + make_interval(secs => r.expires_after_seconds))";
        return finish("""
                select q.id from dispatch_runs r join delivery_queue q on q.run_id = r.id
                where r.status in ('SENDING', 'PAUSED')
                  and coalesce(r.expires_at, r.launched_at + make_interval(secs => r.expires_after_seconds),
                               r.launched_at + make_interval(secs => :window)) <= now()
                  and coalesce(%1$s, q.release_at + make_interval(secs => :window)) <= now()
                  and %2$s and q.next_attempt_at <> timestamptz 'infinity'
                limit :limit""".formatted(ownExpiration, NOT_IN_FLIGHT), """
                delete from delivery_queue q using picked p, dispatch_runs r
                where q.id = p.id and r.id = q.run_id
                returning q.*, case when %1$s is null then 'FAILED' else 'EXPIRED' end as outcome,
                          case when %1$s is null then coalesce(q.reason, 'RetryWindowPassed') else 'Expired' end
                              as why""".formatted(ownExpiration), "outcome", "why",
                Map.of("window", retryWindow.toSeconds(), "limit", limit));
    }

    /**
     * Up to {@code limit} queued deliveries of stopped runs that are not in flight become
     * CANCELLED: what a cancel or a stopping answer left, drained in batches so that stopping
     * a run of millions never moves them all in one statement (a late retry answer, or a lease
     * that ran out on a node that died, end up here too).
     *
     * @return how many were cancelled; call again while it returns {@code limit}
     */
    public int drainStopped(int limit) {
        return finish("""
                select q.id from dispatch_runs r join delivery_queue q on q.run_id = r.id
                where r.status in ('CANCELLED', 'FAILED') and r.devices_settled_at is null and %s
                limit :limit""".formatted(NOT_IN_FLIGHT),
                "delete from delivery_queue q using picked p where q.id = p.id returning q.*",
                "'CANCELLED'", "reason", Map.of("limit", limit));
    }

    /** Deliveries queued on all nodes, in flight included. */
    public long queuedCount() {
        return jdbc.sql("select count(*) from delivery_queue").query(Long.class).single();
    }

    /**
     * Completes the given sending runs (or every sending run, when null) that have nothing
     * queued or in flight any more, judged by the stored counters: a run is done when its final
     * outcomes add up to its size. (Asking the queue whether any row of the run is left would
     * step over the dead index entries its answered rows leave until vacuum.)
     */
    public List<RunRef> completeFinished(@Nullable Collection<UUID> runIds) {
        if (runIds != null && runIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        update dispatch_runs r set status = 'COMPLETED', completed_at = now()
                        from run_counts c
                        where c.run_id = r.id and r.status = 'SENDING'"""
                        + (runIds == null ? "" : " and r.id in (:ids)") + """
                         and\s""" + FINAL_OUTCOMES + """
                         >= r.deliveries_total
                        returning r.tenant_id, r.id as run_id""")
                .param("ids", runIds == null ? List.of() : runIds)
                .query(RecordRows.of(RunRef.class)).list();
    }

    /**
     * Stops an open run (CANCELLED or FAILED) at once; its queued deliveries that are not in
     * flight are drained to CANCELLED in batches ({@link #drainStopped}), those in flight
     * become final with their answer. False if already final.
     */
    public boolean stopRun(UUID runId, RunStatus status, String reason) {
        return jdbc.sql("""
                        update dispatch_runs set status = :status, stop_reason = :reason, completed_at = now()
                        where id = :id and status in ('SENDING', 'PAUSED')""")
                .param("status", status.name()).param("reason", reason).param("id", runId).update() == 1;
    }

    // --- Refusals and devices ------------------------------------------------------------

    /** Acceptances and rejections by reason of the given runs, from their stored counters. */
    public List<RunTally> tallies(Collection<UUID> runIds) {
        if (runIds.isEmpty()) {
            return List.of();
        }
        Map<UUID, Map<String, Long>> reasons = new HashMap<>();
        jdbc.sql("select run_id, reason, count from run_reasons where run_id in (:ids)").param("ids", runIds)
                .query((rs, row) -> reasons.computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashMap<>())
                        .put(rs.getString(2), rs.getLong(3)))
                .list();
        return jdbc.sql("select run_id, accepted from run_counts where run_id in (:ids)").param("ids", runIds)
                .query((rs, row) -> {
                    UUID runId = rs.getObject(1, UUID.class);
                    return new RunTally(runId, rs.getLong(2), reasons.getOrDefault(runId, Map.of()));
                })
                .list();
    }

    /**
     * Ended runs with nothing left in the queue whose refused devices are still to be judged,
     * oldest first. Each is taken with a row lock, skipped by other nodes, so it is judged once.
     * Joins the caller's transaction.
     */
    public List<Unsettled> takeUnsettled(int limit) {
        return jdbc.sql("""
                        select r.id, r.tenant_id, r.app_id, r.environment, r.push_type,
                               r.push_type = 'liveactivity' and cast(r.payload as jsonb) #>> '{aps,event}' = 'end'
                                   as ends_activities,
                               r.first_delivery_id, r.last_delivery_id, r.launched_at
                        from dispatch_runs r join run_counts c on c.run_id = r.id
                        where r.devices_settled_at is null and r.status in ('COMPLETED', 'CANCELLED', 'FAILED')
                          and\s""" + FINAL_OUTCOMES + """
                         >= r.deliveries_total
                        order by r.completed_at limit :limit
                        for update of r skip locked""")
                .param("limit", limit).query(RecordRows.of(Unsettled.class)).list();
    }

    /** The deliveries of a run refused with one of {@code reasons}, through the log's reason index. */
    public List<Refused> refused(Unsettled run, Collection<String> reasons) {
        if (run.firstDeliveryId() == null) {
            return List.of();
        }
        return jdbc.sql("""
                        select device_id, token, reason, coalesce(last_attempt_at, release_at) as at from deliveries
                        where app_id = :app and reason in (:reasons) and id between :first and :last
                          and run_id = :run and status = 'REJECTED' and active_at >= :launched""")
                .param("app", run.appId()).param("reasons", reasons).param("first", run.firstDeliveryId())
                .param("last", run.lastDeliveryId()).param("run", run.id())
                .param("launched", Timestamp.from(run.launchedAt()))
                .query(RecordRows.of(Refused.class)).list();
    }

    /** Up to {@code limit} of a run's accepted deliveries after id {@code afterId}, in id order. */
    public List<AcceptedToken> accepted(Unsettled run, long afterId, int limit) {
        if (run.firstDeliveryId() == null) {
            return List.of();
        }
        return jdbc.sql("""
                        select id, token, accepted_at from deliveries
                        where app_id = :app and id between :first and :last and id > :after and run_id = :run
                          and status = 'ACCEPTED' and active_at >= :launched
                        order by id limit :limit""")
                .param("app", run.appId()).param("first", run.firstDeliveryId())
                .param("last", run.lastDeliveryId()).param("after", afterId).param("run", run.id())
                .param("launched", Timestamp.from(run.launchedAt()))
                .param("limit", limit).query(RecordRows.of(AcceptedToken.class)).list();
    }

    public void markSettled(UUID runId) {
        jdbc.sql("update dispatch_runs set devices_settled_at = now() where id = :id").param("id", runId).update();
    }

    // --- Team-facing -----------------------------------------------------------------

    public Optional<RunRow> findRun(UUID tenantId, UUID runId) {
        return jdbc.sql("""
                        select id, tenant_id, app_id, environment, status, stop_reason, deliveries_total, launched_at,
                               completed_at
                        from dispatch_runs where tenant_id = :tenant and id = :id""")
                .param("tenant", tenantId).param("id", runId).query(RecordRows.of(RunRow.class)).optional();
    }

    /** Deletes the app's queued deliveries (through its runs) and its delivery log (through the app index). */
    public void deleteApp(UUID tenantId, UUID appId) {
        jdbc.sql("""
                        delete from delivery_queue
                        where run_id in (select id from dispatch_runs where tenant_id = :tenant and app_id = :app)""")
                .param("tenant", tenantId).param("app", appId).update();
        jdbc.sql("delete from deliveries where app_id = :app and tenant_id = :tenant")
                .param("tenant", tenantId).param("app", appId).update();
    }

    /** Moves a run from one status to another (awake: any rest is forgotten); false when it was not in {@code from}. */
    public boolean changeStatus(UUID tenantId, UUID runId, RunStatus from, RunStatus to) {
        return jdbc.sql("""
                        update dispatch_runs set status = :to, next_due_at = null
                        where tenant_id = :tenant and id = :id and status = :from""")
                .param("to", to.name()).param("tenant", tenantId).param("id", runId).param("from", from.name())
                .update() == 1;
    }

    private static String @Nullable [] array(@Nullable List<String> values) {
        return values == null ? null : values.toArray(String[]::new);
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
