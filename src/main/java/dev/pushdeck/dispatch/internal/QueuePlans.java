package dev.pushdeck.dispatch.internal;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps the plans of the dispatcher's statements on {@code delivery_queue} from following a
 * picture of the queue taken at another moment (docs/decisions/061-claims-find-their-rows-by-key.md).
 * The queue swings from empty to millions of rows within a minute; analyzed while empty, every
 * access to it looks free to the planner, and a statement that joins a batch of ids to a million
 * rows it takes for none can run for minutes.
 */
final class QueuePlans {

    /** Below this many queued rows a launch never analyzes: a wrong plan costs little on a small queue. */
    static final long LARGE_LAUNCH = 10_000;

    private QueuePlans() {
    }

    /**
     * The caller's statement runs on its generic plan, for the rest of this transaction: planned
     * for its values, a claim was planned again at every call, at milliseconds a plan while
     * answered rows await vacuum.
     */
    static void onGenericPlan(JdbcClient jdbc) {
        jdbc.sql("select set_config('plan_cache_mode', 'force_generic_plan', true)").query(String.class).single();
    }

    /**
     * After a launch queued {@code queued} rows in the caller's transaction: analyzes the queue
     * when that is many rows and its statistics know of fewer than half of them, so no claim or
     * answer is planned on a queue taken for empty. Runs inside the launch, before its rows are
     * visible to any worker (the analysis counts the transaction's own rows); the launch waits for
     * a vacuum of the queue in progress, which autovacuum cancels for it.
     */
    static void afterLaunch(JdbcClient jdbc, long queued) {
        if (queued < LARGE_LAUNCH) {
            return;
        }
        double known = jdbc.sql("select reltuples from pg_class where oid = cast('delivery_queue' as regclass)")
                .query((rs, row) -> rs.getDouble(1)).single();
        if (known < queued / 2.0) {
            jdbc.sql("analyze delivery_queue").update();
        }
    }
}
