package dev.pushdeck.dispatch.internal;

/**
 * The SQL that keeps the stored counters (run_counts, run_reasons, run_outcome_seconds,
 * app_outcome_hours) in step with deliveries reaching a final state, in the same statement
 * and so the same transaction. See docs/decisions/009-stored-delivery-counters.md.
 *
 * <p>Every statement that moves deliveries from the queue into the log (their final state)
 * is written as a CTE {@code changed} ending in {@link #RETURNING}; {@link #after(String,
 * String)} appends the counting CTEs and the statement's own final select. A queued row is
 * deleted by the statement that inserts its final row, so every returned row is a new
 * outcome, counted once. Every returned row is final: it was inserted into {@code deliveries},
 * whose check constraint (V11) admits final statuses only, so nothing is filtered here.
 *
 * <p>Each target is written by one aggregated upsert, its rows inserted in key order, so two
 * writers touching the same runs lock counter rows in the same order and cannot deadlock.
 *
 * <p>Buckets: one second per run (a 30-second demo draws 30 points; longer runs are summed
 * into wider bars when read) and one hour per app for team statistics (seven days are at
 * most 168 rows per app however much was sent). Bucket starts are UTC-aligned.
 */
final class OutcomeCounters {

    private static final String SENT_COUNTS = """
            count(*) filter (where status = 'ACCEPTED'), count(*) filter (where status = 'REJECTED'),
            count(*) filter (where status = 'FAILED'), count(*) filter (where status = 'EXPIRED')""";
    private static final String ADD_SENT = """
            accepted = c.accepted + excluded.accepted, rejected = c.rejected + excluded.rejected,
            failed = c.failed + excluded.failed, expired = c.expired + excluded.expired""";

    /** Outcomes of deliveries never handed to APNs: counted per run, not in the buckets of what was sent. */
    private static final String NEVER_SENT = "('CANCELLED', 'SKIPPED')";

    private static final String COUNT = """
            , counted as (
                insert into run_counts as c (run_id, accepted, rejected, failed, expired, cancelled, skipped)
                select run_id, %1$s, count(*) filter (where status = 'CANCELLED'),
                       count(*) filter (where status = 'SKIPPED')
                from changed group by run_id order by run_id
                on conflict (run_id) do update set %2$s, cancelled = c.cancelled + excluded.cancelled,
                    skipped = c.skipped + excluded.skipped),
            reasons as (
                insert into run_reasons as c (run_id, reason, count)
                select run_id, reason, count(*) from changed
                where status in ('REJECTED', 'FAILED', 'SKIPPED') and reason is not null
                group by run_id, reason order by run_id, reason
                on conflict (run_id, reason) do update set count = c.count + excluded.count),
            seconds as (
                insert into run_outcome_seconds as c (run_id, at, tenant_id, app_id, accepted, rejected, failed,
                                                      expired)
                select run_id, date_bin('1 second', now(), timestamptz 'epoch'), tenant_id, app_id, %1$s
                from changed where status not in %3$s group by run_id, tenant_id, app_id order by run_id
                on conflict (run_id, at) do update set %2$s),
            hours as (
                insert into app_outcome_hours as c (tenant_id, app_id, hour, accepted, rejected, failed, expired)
                select tenant_id, app_id, date_bin('1 hour', now(), timestamptz 'epoch'), %1$s
                from changed where status not in %3$s group by tenant_id, app_id order by tenant_id, app_id
                on conflict (tenant_id, hour, app_id) do update set %2$s)
            """.formatted(SENT_COUNTS, ADD_SENT, NEVER_SENT);

    /** A run's final outcomes so far, from its stored counters {@code c}: the run is done when they reach its size. */
    static final String FINAL_OUTCOMES =
            "(c.accepted + c.rejected + c.failed + c.expired + c.cancelled + c.skipped)";

    /** What {@code changed} must return for {@link #after(String)}. */
    static final String RETURNING = "returning d.id, d.run_id, d.tenant_id, d.app_id, d.status, d.reason";

    private OutcomeCounters() {
    }

    /**
     * Appends the counting CTEs to {@code changedCte} (starting {@code with changed as (...)})
     * and ends with {@code select} (which may read {@code changed}).
     */
    static String after(String changedCte, String select) {
        return changedCte + COUNT + select;
    }
}
