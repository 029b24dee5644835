package dev.pushdeck.dispatch.internal;

import dev.pushdeck.device.Audience;
import dev.pushdeck.dispatch.DeliveryStatus;
import dev.pushdeck.dispatch.LaunchRequest;
import dev.pushdeck.dispatch.RunStatus;
import dev.pushdeck.shared.RecordRows;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

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

    /** A sending run, with the snapshot the worker needs to build notifications. */
    public record SendableRun(UUID id, UUID tenantId, UUID appId, String environment, String topic, String payload,
                              String pushType, int priority, Instant expiresAt, String collapseId,
                              Integer throttlePerMinute) {
    }

    /** A delivery this node has just claimed; {@code attempt} fences the answer. */
    public record Claimed(long id, UUID deviceId, String token, UUID apnsId, int attempt) {
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
    public record ClaimBatch(List<Claimed> claims, DueCursor end) {
    }

    /** What to write for one answered delivery. {@code refund} gives the attempt back. */
    public record ResultRow(long id, int attempt, DeliveryStatus status, Integer statusCode, String reason,
                            Instant appleTimestamp, Instant nextAttemptAt, boolean refund) {
    }

    public record RunRow(UUID id, UUID tenantId, UUID appId, String environment, RunStatus status, String stopReason,
                         int deliveriesTotal, Instant launchedAt, Instant completedAt) {
    }

    public record RunRef(UUID tenantId, UUID runId) {
    }

    /** What a fan-out queued: how many deliveries, and the id range they took (null when none). */
    public record Queued(int count, Long firstId, Long lastId) {
    }

    /** Queued deliveries that are not in flight: never claimed, waiting for a retry, or with a lease run out. */
    private static final String NOT_IN_FLIGHT = "(q.lease_owner is null or q.next_attempt_at <= now())";
    /** A run's final outcomes so far, from its stored counters {@code c}: the run is done when they reach its size. */
    private static final String FINAL_OUTCOMES = "(c.accepted + c.rejected + c.failed + c.expired + c.cancelled)";

    // --- Launch ---------------------------------------------------------------------

    public boolean runExists(UUID runId) {
        return jdbc.sql("select exists (select 1 from dispatch_runs where id = :id)").param("id", runId)
                .query(Boolean.class).single();
    }

    public void insertRun(LaunchRequest r, int payloadBytes) {
        jdbc.sql("""
                        insert into dispatch_runs (id, tenant_id, app_id, environment, topic, payload, payload_bytes,
                            push_type, priority, expires_at, collapse_id, throttle_per_minute)
                        values (:id, :tenant, :app, :env, :topic, :payload, :bytes, :pushType, :priority, :expires,
                            :collapse, :throttle)""")
                .param("id", r.runId()).param("tenant", r.tenantId()).param("app", r.appId())
                .param("env", r.environment().wire()).param("topic", r.topic()).param("payload", r.payload())
                .param("bytes", payloadBytes).param("pushType", r.pushType()).param("priority", r.priority())
                .param("expires", timestamp(r.expiresAt())).param("collapse", r.collapseId())
                .param("throttle", r.throttlePerMinute()).update();
    }

    /**
     * One delivery per targeted ACTIVE device, set-based. With a device-local time, each
     * row's release is that wall-clock time in the device's zone (the fallback zone when it
     * has none or PostgreSQL does not know it).
     *
     * @return how many deliveries were queued, and their id range
     */
    public Queued fanOut(LaunchRequest r) {
        Audience audience = r.audience();
        boolean local = r.deviceLocalTime() != null;
        StringBuilder sql = new StringBuilder("with ");
        if (local) {
            sql.append("zones as (select name from pg_timezone_names), ");
        }
        sql.append("""
                queued as (
                insert into delivery_queue (tenant_id, app_id, run_id, device_id, token, release_at, next_attempt_at)
                select d.tenant_id, d.app_id, :run, d.id, d.token, r.at, r.at from devices d
                """);
        if (local) {
            // A local time that has already passed releases at the launch: no delivery's time
            // is ever before its run's launch, which the delivery log's time ranges rely on.
            sql.append(" left join zones z on z.name = d.time_zone cross join lateral (select greatest(now(),"
                    + " cast(:local as timestamp) at time zone coalesce(z.name, :fallback)) as at) r");
        } else {
            sql.append(" cross join (select now() as at) r");
        }
        sql.append(" where d.tenant_id = :tenant and d.app_id = :app and d.environment = :env and d.status = 'ACTIVE'");
        if (!audience.tagsAny().isEmpty()) {
            sql.append(" and d.tags && cast(:any as text[])");
        }
        if (!audience.tagsAll().isEmpty()) {
            sql.append(" and d.tags @> cast(:all as text[])");
        }
        if (!audience.tokens().isEmpty()) {
            sql.append(" and d.token = any(cast(:tokens as text[]))");
        }
        if (audience.testDevicesOnly()) {
            sql.append(" and d.test_device");
        }
        if (!audience.aliases().isEmpty()) {
            // Exact match; the lower-case condition lets the (app_id, lower(alias)) index narrow first.
            sql.append(" and lower(d.alias) collate \"C\" = any(cast(:lowerAliases as text[]))"
                    + " and d.alias = any(cast(:aliases as text[]))");
        }
        sql.append(" returning id) select count(*) as count, min(id) as first_id, max(id) as last_id from queued");
        LocalDateTime localTime = r.deviceLocalTime();
        return jdbc.sql(sql.toString()).param("run", r.runId()).param("tenant", r.tenantId()).param("app", r.appId())
                .param("env", r.environment().wire())
                .param("local", localTime == null ? null : Timestamp.valueOf(localTime))
                .param("fallback", r.fallbackZone() == null ? "UTC" : r.fallbackZone().getId())
                .param("any", array(audience.tagsAny())).param("all", array(audience.tagsAll()))
                .param("tokens", array(audience.tokens())).param("aliases", array(audience.aliases()))
                .param("lowerAliases", audience.aliases().stream().map(a -> a.toLowerCase(Locale.ROOT))
                        .toArray(String[]::new))
                .query(RecordRows.of(Queued.class)).single();
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
     * Sending runs with deliveries left (by the stored counters; some may be in flight or due
     * later), oldest launch first. Asking the queue which runs have rows due now would step
     * over the dead entries of answered rows, several times a second.
     */
    public List<SendableRun> sendableRuns(int limit) {
        return jdbc.sql("""
                        select id, tenant_id, app_id, environment, topic, payload, push_type, priority, expires_at,
                               collapse_id, throttle_per_minute
                        from dispatch_runs r join run_counts c on c.run_id = r.id
                        where r.status = 'SENDING' and\s""" + FINAL_OUTCOMES + """
                         < r.deliveries_total
                        order by launched_at limit :limit""")
                .param("limit", limit).query(RecordRows.of(SendableRun.class)).list();
    }

    /**
     * Takes up to {@code want} from the run's throttle in the current one-minute window
     * (opening a new window when the last one is over); the row lock makes it exact across nodes.
     *
     * @return how many may be sent now
     */
    public int takeThrottle(UUID runId, int want) {
        return jdbc.sql("""
                        with w as (
                            select id, throttle_per_minute as cap,
                                   case when throttle_window_at is null or throttle_window_at <= now() - interval '1 minute'
                                        then now() else throttle_window_at end as at,
                                   case when throttle_window_at is null or throttle_window_at <= now() - interval '1 minute'
                                        then 0 else throttle_window_used end as used
                            from dispatch_runs where id = :id for update)
                        update dispatch_runs r set throttle_window_at = w.at,
                            throttle_window_used = w.used + least(:want, greatest(0, w.cap - w.used))
                        from w where r.id = w.id
                        returning least(:want, greatest(0, w.cap - w.used))""")
                .param("id", runId).param("want", want).query(Integer.class).optional().orElse(0);
    }

    /** Gives back throttle that was taken but not used (fewer rows were due than expected). */
    public void returnThrottle(UUID runId, int unused) {
        jdbc.sql("update dispatch_runs set throttle_window_used = greatest(0, throttle_window_used - :n) where id = :id")
                .param("n", unused).param("id", runId).update();
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
     */
    public ClaimBatch claim(UUID runId, String owner, int limit, int leaseSeconds, DueCursor after) {
        List<Object[]> rows = jdbc.sql("""
                        with picked as materialized (
                            select id, next_attempt_at as due from delivery_queue
                            where run_id = :run and next_attempt_at <= now()
                              and (next_attempt_at, id) > (:afterAt, :afterId)
                              and exists (select 1 from dispatch_runs r where r.id = :run and r.status = 'SENDING')
                            order by next_attempt_at, id limit :limit for update skip locked)
                        update delivery_queue q set lease_owner = :owner,
                            next_attempt_at = now() + make_interval(secs => :lease), attempts = q.attempts + 1,
                            last_attempt_at = now(), apns_id = coalesce(q.apns_id, gen_random_uuid())
                        from picked where q.id = picked.id
                        returning q.id, q.device_id, q.token, q.apns_id, q.attempts, picked.due""")
                .param("owner", owner).param("lease", leaseSeconds).param("run", runId).param("limit", limit)
                .param("afterAt", after.at()).param("afterId", after.id())
                .query((rs, row) -> new Object[] {new Claimed(rs.getLong(1), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getObject(4, UUID.class), rs.getInt(5)),
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
        }
        return jdbc.sql(OutcomeCounters.after("""
                        with v as (
                            select * from unnest(cast(:ids as bigint[]), cast(:attempts as integer[]),
                                                 cast(:statuses as text[]), cast(:codes as smallint[]),
                                                 cast(:reasons as text[]), cast(:apple as timestamptz[]),
                                                 cast(:nextAts as timestamptz[]), cast(:refunds as integer[]))
                                 as v(id, attempt, status, code, reason, apple, next_at, refund)),
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
                                      v.apple as answer_apple""",
                                "outcome", "answer_code", "answer_reason", "answer_apple"),
                        " select id from requeued union all select id from changed"))
                .param("ids", ids).param("attempts", attempts).param("statuses", statuses).param("codes", codes)
                .param("reasons", reasons).param("apple", appleTimes).param("nextAts", nextAts)
                .param("refunds", refunds)
                .query(Long.class).list();
    }

    /**
     * The CTEs {@code gone} (the given delete from the queue, returning its rows plus what the
     * named expressions read) and {@code changed} (their final rows inserted into the log,
     * returning what {@link OutcomeCounters} counts).
     */
    private static String moveToLog(String deleteReturning, String status, String code, String reason,
                                    String apple) {
        return """
                gone as (%s),
                changed as (
                    insert into deliveries as d (id, tenant_id, app_id, run_id, device_id, token, apns_id, status,
                        attempts, release_at, status_code, reason, apple_timestamp, last_attempt_at, accepted_at)
                    select id, tenant_id, app_id, run_id, device_id, token, apns_id, %s, attempts, release_at, %s, %s,
                           %s, last_attempt_at, case when %2$s = 'ACCEPTED' then now() end
                    from gone
                    %s)""".formatted(deleteReturning, status, code, reason, apple, OutcomeCounters.RETURNING);
    }

    /** Moves the queued deliveries a delete selects into the log as {@code status}; counts them and answers how many. */
    private int finish(String deleteReturning, String status, String reason, Map<String, ?> params) {
        return jdbc.sql(OutcomeCounters.after("with " + moveToLog(deleteReturning, "'" + status + "'", "status_code",
                        reason, "cast(null as timestamptz)"), " select count(*) from changed"))
                .params(params).query(Integer.class).single();
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

    /** Queued deliveries of open runs whose expiration has passed become EXPIRED unsent. */
    public int expireOverdue() {
        return finish("""
                delete from delivery_queue q using dispatch_runs r
                where q.run_id = r.id and r.status in ('SENDING', 'PAUSED') and r.expires_at <= now()
                  and %s
                returning q.*""".formatted(NOT_IN_FLIGHT), "EXPIRED", "'Expired'", Map.of());
    }

    /**
     * Queued deliveries of stopped runs that are not in flight (a late retry answer, a lease
     * that ran out on a node that died) become CANCELLED.
     */
    public int cancelOrphans() {
        return finish("""
                delete from delivery_queue q using dispatch_runs r
                where q.run_id = r.id and r.status in ('CANCELLED', 'FAILED') and %s
                returning q.*""".formatted(NOT_IN_FLIGHT), "CANCELLED", "reason", Map.of());
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
    public List<RunRef> completeFinished(Collection<UUID> runIds) {
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
     * Stops an open run (CANCELLED or FAILED); its queued deliveries that are not in flight
     * are CANCELLED (those in flight become final with their answer). False if already final.
     */
    public boolean stopRun(UUID runId, RunStatus status, String reason) {
        boolean stopped = jdbc.sql("""
                        update dispatch_runs set status = :status, stop_reason = :reason, completed_at = now()
                        where id = :id and status in ('SENDING', 'PAUSED')""")
                .param("status", status.name()).param("reason", reason).param("id", runId).update() == 1;
        if (stopped) {
            finish("""
                    delete from delivery_queue q where q.run_id = :id and %s
                    returning q.*""".formatted(NOT_IN_FLIGHT), "CANCELLED", "reason", Map.of("id", runId));
        }
        return stopped;
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

    /** Moves a run from one status to another; false when it was not in {@code from}. */
    public boolean changeStatus(UUID tenantId, UUID runId, RunStatus from, RunStatus to) {
        return jdbc.sql("update dispatch_runs set status = :to where tenant_id = :tenant and id = :id and status = :from")
                .param("to", to.name()).param("tenant", tenantId).param("id", runId).param("from", from.name())
                .update() == 1;
    }

    private static String[] array(List<String> values) {
        return values == null ? null : values.toArray(String[]::new);
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
