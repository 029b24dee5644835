package dev.pushdeck.history.internal;

import static dev.pushdeck.shared.jdbc.RecordRows.requiredInstant;

import dev.pushdeck.history.VariantOutcome;
import java.sql.ResultSet;
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
 * Reads the opens and receipts apps reported ({@code delivery_events}, written by the dispatch
 * module's {@code NotificationEvents}): a run's counts and bars, and the reports of a page of
 * deliveries. Index-only or primary-key lookups.
 */
@Repository
public class EngagementReads {

    private final JdbcClient jdbc;

    EngagementReads(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
    public Instant @Nullable [] span(UUID runId) {
        return jdbc.sql("select min(at) as lo, max(at) as hi from delivery_events where run_id = :run")
                .param("run", runId)
                .query((rs, row) -> rs.getTimestamp("lo") == null ? null
                        : new Instant[] {requiredInstant(rs, "lo"), requiredInstant(rs, "hi")})
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

    /**
     * A run's outcomes and reports per content variant, the default first; empty for a run without
     * variants, which never reads the log here. The log is read within the run's id range through
     * the app's index; each report finds its delivery by id.
     */
    public List<VariantOutcome> byVariant(UUID runId, UUID appId, long firstId, long lastId) {
        return jdbc.sql("""
                        with labels as (
                            select variant, label from run_variants where run_id = :run
                            union all select 0, null where exists (select 1 from run_variants where run_id = :run)),
                        finished as (
                            select variant, count(*) as finished, count(*) filter (where status = 'ACCEPTED') as accepted
                            from deliveries where app_id = :app and id between :first and :last and run_id = :run
                            group by variant),
                        reported as (
                            select d.variant, count(*) filter (where e.kind = 'R') as received,
                                   count(*) filter (where e.kind = 'O') as opened
                            from delivery_events e
                            join deliveries d on d.id = e.delivery_id and d.app_id = :app and d.run_id = :run
                            where e.run_id = :run
                            group by d.variant)
                        select l.variant, l.label, coalesce(f.finished, 0) as finished,
                               coalesce(f.accepted, 0) as accepted, coalesce(r.received, 0) as received,
                               coalesce(r.opened, 0) as opened
                        from labels l left join finished f on f.variant = l.variant
                        left join reported r on r.variant = l.variant
                        order by l.variant""")
                .param("run", runId).param("app", appId).param("first", firstId).param("last", lastId)
                .query((rs, row) -> new VariantOutcome(rs.getInt("variant"), rs.getString("label"),
                        rs.getLong("finished"), rs.getLong("accepted"), rs.getLong("received"), rs.getLong("opened")))
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
                    both[rs.getString("kind").charAt(0) == 'R' ? 0 : 1] = requiredInstant(rs, "at");
                    return null;
                }).list();
        return found;
    }
}
