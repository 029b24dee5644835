package dev.pushdeck.history.internal;

import dev.pushdeck.history.DeliveryEntry;
import dev.pushdeck.history.DeliveryFilter;
import dev.pushdeck.history.internal.DeliveryLogRepository.RunBounds;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads a run's deliveries that are still queued (PENDING, or IN_FLIGHT while a claim's
 * lease lies ahead) in the shape of the delivery log, so a campaign's list shows every
 * delivery wherever it is (docs/decisions/017-delivery-queue.md). A run's queued rows lie
 * in the id range its fan-out took, so pages walk the queue's primary key within it.
 * Scoped by tenant.
 */
@Repository
public class QueueRepository {

    private static final String STATE = """
            case when q.lease_owner is not null and q.next_attempt_at > now() then 'IN_FLIGHT'
                 else 'PENDING' end""";
    private static final String COLUMNS = """
            q.id, q.run_id, q.device_id, q.token, q.apns_id, %s as status, q.attempts, q.status_code, q.reason,
            cast(null as timestamptz) as apple_timestamp, q.release_at, q.last_attempt_at,
            cast(null as timestamptz) as accepted_at, cast(null as uuid) as apns_unique_id,
            q.variant""".formatted(STATE);
    private static final String SCOPE = """
            q.tenant_id = :tenant and q.run_id = :run and q.id between :first and :last""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate streaming;

    QueueRepository(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.streaming = DeliveryReads.streaming(dataSource);
    }

    /** A page of the run's queued deliveries in id order after {@code afterId}. */
    public List<DeliveryEntry> ofRun(UUID tenantId, RunBounds run, DeliveryFilter filter, long afterId, int limit) {
        if (run.firstId() == null || !filter.admitsQueued()) {
            return List.of();
        }
        Map<String, Object> params = DeliveryReads.runParams(tenantId, run);
        params.put("after", afterId);
        params.put("limit", limit);
        return jdbc.sql("select " + COLUMNS + " from delivery_queue q where " + SCOPE + " and q.id > :after"
                        + where(filter, params) + " order by q.id limit :limit")
                .params(params).query(DeliveryLogRepository::delivery).list();
    }

    /** Streams the run's queued deliveries in id order; must run inside a transaction (a cursor). */
    public void streamRun(UUID tenantId, RunBounds run, DeliveryFilter filter, RowCallbackHandler sink) {
        if (run.firstId() == null || !filter.admitsQueued()) {
            return;
        }
        Map<String, Object> params = DeliveryReads.runParams(tenantId, run);
        streaming.query("select " + COLUMNS + " from delivery_queue q where " + SCOPE + where(filter, params)
                + " order by q.id", params, sink);
    }

    /** The filter as plain conditions: a run's queue is walked in id order, no other index applies. */
    private static String where(DeliveryFilter filter, Map<String, Object> params) {
        StringBuilder sql = new StringBuilder(DeliveryReads.statusAndReason("q", STATE, filter, params));
        String prefix = DeliveryReads.trimmed(filter.tokenPrefix());
        if (prefix != null) {
            sql.append(" and starts_with(q.token, :token)");
            params.put("token", prefix.toLowerCase(Locale.ROOT));
        }
        String alias = DeliveryReads.trimmed(filter.alias());
        if (alias != null) {
            sql.append(" and q.device_id in (select v.id from devices v where v.tenant_id = :tenant"
                    + " and v.app_id = q.app_id and v.alias = :alias)");
            params.put("alias", alias);
        }
        return sql.append(DeliveryReads.timeRange(DeliveryReads.activity("q"), filter, params)).toString();
    }
}
