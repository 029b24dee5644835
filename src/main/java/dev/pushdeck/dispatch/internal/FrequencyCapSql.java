package dev.pushdeck.dispatch.internal;

import dev.pushdeck.app.FrequencyCap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The frequency cap's part of a skipping fan-out ({@link FanOutRepository}): which of the
 * selected devices have had as many notifications of the app as the cap allows, judged set-based
 * in the fan-out's own statement (docs/decisions/054-frequency-caps.md).
 *
 * <p>What counts for a device: deliveries of the app to the device's own token (so not its Live
 * Activity updates) that APNs accepted in the last 24 hours or 7 days before the launch, by the
 * log's {@code active_at} (when the accepted attempt was made), plus every delivery to it still in
 * the queue (waiting, held or in flight; counted as sent now). Skipped, failed, rejected, expired
 * and cancelled deliveries do not count. The log is read only in the partitions of the last week,
 * by the app's activity index or the team-and-device primary key, whichever the planner finds
 * cheaper for the audience; the queue by its app. Stateless.
 */
final class FrequencyCapSql {

    /** What counts, per device of {@code targets}: when each delivery was (or will be taken as) sent. */
    private static final String RECENT = """
            , recent as (
                select l.device_id, l.active_at as at from deliveries l
                where l.tenant_id = :tenant and l.app_id = :app and l.status = 'ACCEPTED'
                  and l.active_at >= now() - interval '7 days'
                  and (l.device_id, l.token) in (select device_id, token from targets)
                union all
                select q.device_id, now() from delivery_queue q
                where q.tenant_id = :tenant and q.app_id = :app
                  and (q.device_id, q.token) in (select device_id, token from targets))
            """;

    private FrequencyCapSql() {
    }

    /**
     * The CTEs after {@code targets} (device_id, token, at, reason: null to send) that end in
     * {@code judged}: the same rows (with {@code moreColumns} of {@code targets}, such as the
     * content variant, carried as they are), whose reason is {@value FrequencyCap#SKIP_REASON} for a
     * device at its cap unless it had one already. Empty without a cap; the caller then reads
     * {@code targets} itself ({@link #source}).
     */
    static String judge(@Nullable FrequencyCap cap, String moreColumns) {
        if (cap == null) {
            return "";
        }
        String atCap = cap.perDay() == null ? "count(*) >= :capPerWeek"
                : cap.perWeek() == null ? "count(*) filter (where at >= now() - interval '1 day') >= :capPerDay"
                : "count(*) filter (where at >= now() - interval '1 day') >= :capPerDay or count(*) >= :capPerWeek";
        return RECENT + """
                , capped as (select device_id from recent group by device_id having %s)
                , judged as (
                    select t.tenant_id, t.app_id, t.device_id, t.token, t.at,
                           coalesce(t.reason, case when c.device_id is not null then :capReason end) as reason%s
                    from targets t left join capped c on c.device_id = t.device_id)
                """.formatted(atCap, moreColumns);
    }

    /** The relation the queue's and the log's inserts read: {@code judged} with a cap, else {@code targets}. */
    static String source(@Nullable FrequencyCap cap) {
        return cap == null ? "targets" : "judged";
    }

    /** Binds the cap's numbers and reason (nothing without a cap). */
    static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, @Nullable FrequencyCap cap) {
        return cap == null ? statement : statement.param("capPerDay", cap.perDay())
                .param("capPerWeek", cap.perWeek()).param("capReason", FrequencyCap.SKIP_REASON);
    }

    /**
     * Makes the fan-outs of one capped app take turns until the transaction ends, so a second
     * launch at the same moment counts what the first queued (its statement starts after the
     * first commits) rather than both sending past the cap.
     */
    static void serialize(JdbcClient jdbc, UUID appId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('frequency-cap:' || cast(:app as text), 0))")
                .param("app", appId).query((rs, row) -> 1).single();
    }
}
