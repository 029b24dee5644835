package dev.pushdeck.dispatch.internal;

import static dev.pushdeck.shared.jdbc.RecordRows.instant;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.dispatch.RunSnapshot;
import dev.pushdeck.shared.jdbc.RecordRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads a run as the dispatcher keeps it: its stored counters by status and by reason (kept up
 * to date with Apple's answers, docs/decisions/009-stored-delivery-counters.md), what is in
 * flight right now, and its snapshot. Scoped by tenant where a run is looked up by id.
 */
@Repository
public class RunProgressRepository {

    private final JdbcClient jdbc;

    RunProgressRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A run's stored counters, its size and what is in flight right now. */
    public record Counts(long total, long inFlight, long accepted, long rejected, long failed, long expired,
                         long cancelled, long skipped) {
    }

    /** How many of a run's deliveries ended REJECTED or FAILED for one reason. */
    public record ReasonCount(String reason, long count) {
    }

    /**
     * In one statement, so the numbers are of one moment. In flight: the run's queued rows
     * whose lease lies ahead. Leases end within {@code leaseSeconds}, so only that stretch of
     * the due index is read (a device-local-time run may hold a million rows due later).
     */
    public Optional<Counts> counts(UUID tenantId, UUID runId, int leaseSeconds) {
        return jdbc.sql("""
                        select r.deliveries_total as total,
                               (select count(*) from delivery_queue q where q.run_id = r.id
                                    and q.next_attempt_at > now()
                                    and q.next_attempt_at <= now() + make_interval(secs => :lease)
                                    and q.lease_owner is not null) as in_flight,
                               coalesce(c.accepted, 0) as accepted, coalesce(c.rejected, 0) as rejected,
                               coalesce(c.failed, 0) as failed, coalesce(c.expired, 0) as expired,
                               coalesce(c.cancelled, 0) as cancelled, coalesce(c.skipped, 0) as skipped
                        from dispatch_runs r left join run_counts c on c.run_id = r.id
                        where r.tenant_id = :tenant and r.id = :run""")
                .param("tenant", tenantId).param("run", runId).param("lease", leaseSeconds)
                .query(RecordRows.of(Counts.class)).optional();
    }

    /** REJECTED, FAILED and SKIPPED deliveries by reason, most frequent first. */
    public List<ReasonCount> reasons(UUID runId) {
        return jdbc.sql("select reason, count from run_reasons where run_id = :run order by count desc, reason")
                .param("run", runId).query(RecordRows.of(ReasonCount.class)).list();
    }

    /** What the run sent, as fixed at launch. */
    public Optional<RunSnapshot> snapshot(UUID tenantId, UUID runId) {
        return jdbc.sql("""
                        select id, app_id, environment, topic, payload, payload_bytes, push_type, priority, expires_at,
                               expires_after_seconds, collapse_id, throttle_per_minute, launched_at, completed_at
                        from dispatch_runs where tenant_id = :tenant and id = :run""")
                .param("tenant", tenantId).param("run", runId)
                .query((rs, row) -> new RunSnapshot(rs.getObject("id", UUID.class),
                        rs.getObject("app_id", UUID.class), ApnsEnvironment.parse(rs.getString("environment")),
                        rs.getString("topic"), rs.getString("payload"), rs.getInt("payload_bytes"),
                        rs.getString("push_type"), rs.getInt("priority"), instant(rs, "expires_at"),
                        (Long) rs.getObject("expires_after_seconds"), rs.getString("collapse_id"), (Integer) rs.getObject("throttle_per_minute"),
                        Objects.requireNonNull(instant(rs, "launched_at"), "a run is stored launched"),
                        instant(rs, "completed_at")))
                .optional();
    }
}
