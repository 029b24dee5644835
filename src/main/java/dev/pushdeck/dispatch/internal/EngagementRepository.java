package dev.pushdeck.dispatch.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for opens and receipts ({@code delivery_events}): one row per delivery and kind, found
 * by the delivery's id in the log or, while Apple's answer is still being recorded, in the queue.
 * Every lookup is bounded by the team and the app.
 */
@Repository
public class EngagementRepository {

    private final JdbcClient jdbc;

    EngagementRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A delivery an event may name: its run and its apns-id (null until its first attempt). */
    public record Known(long id, UUID runId, UUID apnsId) {
    }

    /** The team and app of a run. */
    public record Owner(UUID tenantId, UUID appId) {
    }

    /** An event to store. */
    public record Row(long deliveryId, char kind, UUID runId, Instant at) {
    }

    /** The app's deliveries among {@code ids}, from the log and the queue (primary-key lookups). */
    public Map<Long, Known> known(UUID tenantId, UUID appId, Collection<Long> ids) {
        Map<Long, Known> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                        select id, run_id, apns_id from deliveries
                        where id = any(cast(:ids as bigint[])) and tenant_id = :tenant and app_id = :app
                        union all
                        select id, run_id, apns_id from delivery_queue
                        where id = any(cast(:ids as bigint[])) and tenant_id = :tenant and app_id = :app""")
                .param("ids", ids.stream().map(String::valueOf).toArray(String[]::new))
                .param("tenant", tenantId).param("app", appId)
                .query((rs, row) -> new Known(rs.getLong("id"), rs.getObject("run_id", UUID.class),
                        rs.getObject("apns_id", UUID.class)))
                .list().forEach(known -> found.putIfAbsent(known.id(), known));
        return found;
    }

    /**
     * Stores the events not stored yet, in one statement; the first report of a delivery and kind
     * wins, including one a concurrent batch stored first.
     *
     * @return how many were new
     */
    public int insert(UUID tenantId, List<Row> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        insert into delivery_events (delivery_id, kind, tenant_id, run_id, at)
                        select v.id, v.kind, :tenant, v.run, v.at
                        from unnest(cast(:ids as bigint[]), cast(:kinds as char(1)[]), cast(:runs as uuid[]),
                                    cast(:ats as timestamptz[])) as v(id, kind, run, at)
                        on conflict (delivery_id, kind) do nothing""")
                .param("tenant", tenantId)
                .param("ids", rows.stream().map(r -> String.valueOf(r.deliveryId())).toArray(String[]::new))
                .param("kinds", rows.stream().map(r -> String.valueOf(r.kind())).toArray(String[]::new))
                .param("runs", rows.stream().map(r -> r.runId().toString()).toArray(String[]::new))
                .param("ats", rows.stream().map(r -> r.at().toString()).toArray(String[]::new))
                .update();
    }

    /** Whose run this is: for the demo's simulated phones, which know a run only by its id. */
    public Optional<Owner> owner(UUID runId) {
        return jdbc.sql("select tenant_id, app_id from dispatch_runs where id = :run").param("run", runId)
                .query((rs, row) -> new Owner(rs.getObject("tenant_id", UUID.class),
                        rs.getObject("app_id", UUID.class))).optional();
    }

    /** A run's counts by kind code ({@code R}, {@code O}); index-only. */
    public Map<Character, Long> counts(UUID runId) {
        Map<Character, Long> counts = new HashMap<>();
        jdbc.sql("select kind, count(*) as n from delivery_events where run_id = :run group by kind")
                .param("run", runId)
                .query((rs, row) -> counts.put(rs.getString("kind").charAt(0), rs.getLong("n"))).list();
        return counts;
    }

    /** When a run's first and last events happened, or null when it has none. */
    public Instant[] span(UUID runId) {
        return jdbc.sql("select min(at) as lo, max(at) as hi from delivery_events where run_id = :run")
                .param("run", runId)
                .query((rs, row) -> rs.getTimestamp("lo") == null ? null
                        : new Instant[] {rs.getTimestamp("lo").toInstant(), rs.getTimestamp("hi").toInstant()})
                .optional().orElse(null);
    }

    /** One count per bar of {@code seconds} that had events: start, received, opened. */
    public List<long[]> buckets(UUID runId, int seconds) {
        return jdbc.sql("""
                        select floor(extract(epoch from at) / :seconds)::bigint * :seconds as start,
                               count(*) filter (where kind = 'R') as received,
                               count(*) filter (where kind = 'O') as opened
                        from delivery_events where run_id = :run
                        group by 1 order by 1""")
                .param("run", runId).param("seconds", seconds)
                .query((rs, row) -> new long[] {rs.getLong("start"), rs.getLong("received"), rs.getLong("opened")})
                .list();
    }

    /** When each of these deliveries was reported received and opened (primary-key lookups). */
    public Map<Long, Instant[]> ofDeliveries(UUID tenantId, Collection<Long> ids) {
        Map<Long, Instant[]> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                        select delivery_id, kind, at from delivery_events
                        where delivery_id = any(cast(:ids as bigint[])) and tenant_id = :tenant""")
                .param("ids", ids.stream().map(String::valueOf).toArray(String[]::new)).param("tenant", tenantId)
                .query((ResultSet rs, int row) -> {
                    Instant[] both = found.computeIfAbsent(rs.getLong("delivery_id"), id -> new Instant[2]);
                    both[rs.getString("kind").charAt(0) == 'R' ? 0 : 1] = instant(rs);
                    return null;
                }).list();
        return found;
    }

    private static Instant instant(ResultSet rs) throws SQLException {
        Timestamp at = rs.getTimestamp("at");
        return at == null ? null : at.toInstant();
    }
}
