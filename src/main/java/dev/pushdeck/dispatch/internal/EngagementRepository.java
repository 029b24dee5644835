package dev.pushdeck.dispatch.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes opens and receipts ({@code delivery_events}): one row per delivery and kind, found
 * by the delivery's id in the log or, while Apple's answer is still being recorded, in the queue.
 * Every lookup is bounded by the team and the app. Reports read them back through the history
 * module's own queries (docs/decisions/052-the-delivery-log-read-by-history.md).
 */
@Repository
public class EngagementRepository {

    private final JdbcClient jdbc;

    EngagementRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A delivery an event may name: its run and its apns-id (null until its first attempt). */
    public record Known(long id, UUID runId, @Nullable UUID apnsId) {
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
}
