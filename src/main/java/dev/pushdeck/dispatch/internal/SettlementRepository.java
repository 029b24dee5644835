package dev.pushdeck.dispatch.internal;

import static dev.pushdeck.dispatch.internal.OutcomeCounters.FINAL_OUTCOMES;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.shared.jdbc.RecordRows;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What an ended run teaches about devices: its tallies by reason from the stored counters, the
 * deliveries refused for their token and those accepted, read from the log through its indexes
 * for the run's id range; and the mark that a run was judged. The statements work across teams
 * by run id.
 *
 * <p>Threading: stateless; {@link #takeUnsettled} locks the runs it answers for the caller's
 * transaction, so each ended run is judged by one node.
 */
@Repository
public class SettlementRepository {

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

    private final JdbcClient jdbc;

    SettlementRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

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

    /** The run's refused and reached devices are judged: it leaves {@link #takeUnsettled} for good. */
    public void markSettled(UUID runId) {
        jdbc.sql("update dispatch_runs set devices_settled_at = now() where id = :id").param("id", runId).update();
    }
}
