package dev.pushdeck.dispatch.internal;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How the dispatcher's statements on {@code delivery_queue} are planned: they find their rows by
 * key, never by reading the whole queue (docs/decisions/061-claims-find-their-rows-by-key.md).
 * The queue swings from empty to millions of rows within a minute, so its statistics are often
 * those of another moment: analyzed while empty, a plan that joins a batch of ids to the queue
 * by scanning it looks free, and then runs for minutes against a million rows.
 *
 * <p>Each call applies to the caller's transaction only ({@code set_config(…, true)}), so the
 * methods that use it are {@code @Transactional}; other statements are planned as PostgreSQL
 * chooses.
 */
final class QueuePlans {

    private QueuePlans() {
    }

    /** Sequential scans only where no index can serve, for the rest of this transaction. */
    static void byKey(JdbcClient jdbc) {
        jdbc.sql("select set_config('enable_seqscan', 'off', true)").query(String.class).single();
    }

    /**
     * {@link #byKey}, and the statement's generic plan: planned for its values, a claim was planned
     * again at every call, at milliseconds a plan while answered rows await vacuum.
     */
    static void byKeyOnGenericPlan(JdbcClient jdbc) {
        jdbc.sql("select set_config('enable_seqscan', 'off', true), set_config('plan_cache_mode', 'force_generic_plan', true)")
                .query((rs, row) -> rs.getString(1)).single();
    }
}
