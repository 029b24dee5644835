package dev.pushdeck.dispatch.internal;

import dev.pushdeck.dispatch.DeliveryStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Final outcomes: the move of deliveries from the queue ({@code delivery_queue}) into the log
 * ({@code deliveries}), counted in the same statement ({@link OutcomeCounters}). Three paths take
 * it: answers from APNs ({@link #writeResults}), and the reaper's two, deliveries whose deadline
 * passed while they waited ({@link #expireOverdue}) and what stopped runs left
 * ({@link #drainStopped}). A delivery is written to the log once, when its outcome is final
 * (docs/decisions/017-delivery-queue.md). The statements work across teams by delivery id.
 *
 * <p>Threading: stateless; each call is one statement, fenced by attempt number or row locks so
 * workers and reapers on several nodes never write one outcome twice.
 */
@Repository
public class OutcomeRepository {

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

    /** Queued deliveries that are not in flight: never claimed, waiting for a retry, or with a lease run out. */
    private static final String NOT_IN_FLIGHT = "(q.lease_owner is null or q.next_attempt_at <= now())";

    private final JdbcClient jdbc;

    OutcomeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
                            where q.id = any(cast(:ids as bigint[])) and v.status = 'PENDING'
                              and r.status in ('CANCELLED', 'FAILED')),
                        requeued as (
                            update delivery_queue q set lease_owner = null, status_code = v.code, reason = v.reason,
                                next_attempt_at = coalesce(v.next_at, now()), attempts = q.attempts - v.refund
                            from v
                            where q.id = v.id and q.id = any(cast(:ids as bigint[])) and q.attempts = v.attempt
                              and v.status = 'PENDING'
                              and v.id not in (select id from stopped)
                            returning q.id),
                        """ + moveToLog("""
                            delete from delivery_queue q using v
                            where q.id = v.id and q.id = any(cast(:ids as bigint[])) and q.attempts = v.attempt
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
     * pick for every queued row, which kept a batch of nothing busy for minutes. Each pick reads
     * the queue run by run ({@code lateral}) and each {@code deleteReturning} finds the picked rows
     * by primary key ({@code = any(array(…))}), so no plan reads the whole queue
     * (docs/decisions/061-claims-find-their-rows-by-key.md).
     */
    private int finish(String pick, String deleteReturning, String status, String reason, Map<String, ?> params) {
        return jdbc.sql(OutcomeCounters.after("with picked as materialized (" + pick + "), "
                        + moveToLog(deleteReturning, status, "status_code", reason, "cast(null as timestamptz)",
                                "cast(null as uuid)"),
                        " select count(*) from changed"))
                .params(params).query(Integer.class).single();
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
                select q.id from dispatch_runs r cross join lateral (
                    select q.id from delivery_queue q
                    where q.run_id = r.id and coalesce(%1$s, q.release_at + make_interval(secs => :window)) <= now()
                      and %2$s and q.next_attempt_at <> timestamptz 'infinity'
                    limit :limit) q
                where r.status in ('SENDING', 'PAUSED')
                  and coalesce(r.expires_at, r.launched_at + make_interval(secs => r.expires_after_seconds),
                               r.launched_at + make_interval(secs => :window)) <= now()
                limit :limit""".formatted(ownExpiration, NOT_IN_FLIGHT), """
                delete from delivery_queue q using picked p, dispatch_runs r
                where q.id = p.id and q.id = any(array(select id from picked)) and r.id = q.run_id
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
                select q.id from dispatch_runs r cross join lateral (
                    select q.id from delivery_queue q where q.run_id = r.id and %s limit :limit) q
                where r.status in ('CANCELLED', 'FAILED') and r.devices_settled_at is null
                limit :limit""".formatted(NOT_IN_FLIGHT),
                "delete from delivery_queue q using picked p where q.id = p.id and q.id = any(array(select id from picked))"
                        + " returning q.*",
                "'CANCELLED'", "reason", Map.of("limit", limit));
    }
}
