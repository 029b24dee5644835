package dev.pushdeck.dispatch.internal;

import static dev.pushdeck.shared.jdbc.RecordRows.instant;
import static dev.pushdeck.shared.jdbc.RecordRows.requiredInstant;

import dev.pushdeck.campaign.AbVerdict;
import dev.pushdeck.campaign.QuietHours;
import dev.pushdeck.campaign.SplitTest;
import dev.pushdeck.dispatch.LaunchRequest;
import dev.pushdeck.dispatch.SplitTestState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A/B tests of runs (docs/decisions/058-ab-tests.md): what was launched, the deciding, and the
 * release of the held rest to the winner. Held deliveries are the run's queued rows with
 * {@code next_attempt_at = 'infinity'}, found through the queue's due index.
 */
@Repository
public class SplitTestRepository {

    private static final String HELD = "next_attempt_at = timestamptz 'infinity'";

    private final JdbcClient jdbc;
    private final QuietHoursPlacements placements;

    SplitTestRepository(JdbcClient jdbc, QuietHoursPlacements placements) {
        this.jdbc = jdbc;
        this.placements = placements;
    }

    /** Records a launched run's test, counting the deliveries its fan-out held; in the launch's transaction. */
    public void insert(LaunchRequest r) {
        SplitTest split = Objects.requireNonNull(r.split(), "only a run with an A/B test has one");
        QuietHours quiet = r.quietHours();
        jdbc.sql("""
                        insert into run_tests (run_id, tenant_id, test_percent, versions, stride, decide_at, quiet_from,
                            quiet_to, fallback_zone, held)
                        values (:run, :tenant, :percent, :versions, :stride, now() + make_interval(secs => :wait),
                            :quietFrom, :quietTo, :fallback,
                            (select count(*) from delivery_queue where run_id = :run and %s))""".formatted(HELD))
                .param("run", r.runId()).param("tenant", r.tenantId())
                .param("percent", split.testPercent()).param("versions", split.versions())
                .param("stride", r.stride()).param("wait", split.waitFor().toSeconds())
                .param("quietFrom", quiet == null ? null : quiet.from()).param("quietTo", quiet == null ? null : quiet.to())
                .param("fallback", r.fallbackZone() == null ? null : r.fallbackZone().getId()).update();
    }

    public Optional<SplitTestState> find(UUID tenantId, UUID runId) {
        return jdbc.sql("select * from run_tests where tenant_id = :tenant and run_id = :run")
                .param("tenant", tenantId).param("run", runId).query(SplitTestRepository::state).optional();
    }

    /**
     * Locks one undecided test whose wait has passed and whose run is still sending or paused,
     * skipping tests another node is deciding; must run in a transaction.
     */
    public Optional<SplitTestState> lockNextDue() {
        return jdbc.sql("""
                        select t.* from run_tests t join dispatch_runs r on r.id = t.run_id
                        where t.winner is null and t.decide_at <= now() and r.status in ('SENDING', 'PAUSED')
                        order by t.decide_at limit 1
                        for update of t skip locked""").query(SplitTestRepository::state).optional();
    }

    /** Locks a run's test for a person's pick; must run in a transaction. */
    public Optional<SplitTestState> lock(UUID tenantId, UUID runId) {
        return jdbc.sql("select * from run_tests where tenant_id = :tenant and run_id = :run for update")
                .param("tenant", tenantId).param("run", runId).query(SplitTestRepository::state).optional();
    }

    /**
     * Each tested version's accepted deliveries and opens, version A first: the run's logged
     * deliveries below the rest's variants, within the run's id range.
     */
    public List<AbVerdict.Counts> testedCounts(SplitTestState test) {
        long[][] counts = new long[test.versions()][2];
        jdbc.sql("""
                        with run as (select app_id, first_delivery_id, last_delivery_id from dispatch_runs where id = :run),
                        accepted as (
                            select d.variant / :stride as version, count(*) as accepted
                            from deliveries d, run
                            where d.app_id = run.app_id and d.id between run.first_delivery_id and run.last_delivery_id
                              and d.run_id = :run and d.variant < :restBase and d.status = 'ACCEPTED'
                            group by 1),
                        opened as (
                            select d.variant / :stride as version, count(*) as opened
                            from delivery_events e join deliveries d on d.id = e.delivery_id and d.run_id = :run
                            where e.run_id = :run and e.kind = 'O' and d.variant < :restBase
                            group by 1)
                        select a.version, a.accepted, coalesce(o.opened, 0) as opened
                        from accepted a left join opened o on o.version = a.version""")
                .param("run", test.runId()).param("stride", test.stride()).param("restBase", test.restBase())
                .query((rs, row) -> {
                    counts[rs.getInt("version")][0] = rs.getLong("accepted");
                    counts[rs.getInt("version")][1] = rs.getLong("opened");
                    return null;
                }).list();
        List<AbVerdict.Counts> versions = new ArrayList<>();
        for (long[] version : counts) {
            versions.add(new AbVerdict.Counts(version[0], version[1]));
        }
        return versions;
    }

    /** Records the winner; false when the test was decided already. */
    public boolean decide(UUID runId, int winner, @Nullable String pickedBy) {
        return jdbc.sql("""
                        update run_tests set winner = :winner, decided_at = now(), picked_by = :by
                        where run_id = :run and winner is null""")
                .param("winner", winner).param("by", pickedBy).param("run", runId).update() == 1;
    }

    /** Decided tests whose rest is not all released yet, oldest decision first. */
    public List<SplitTestState> decidedUnreleased(int limit) {
        return jdbc.sql("""
                        select * from run_tests where winner is not null and released_at is null
                        order by decided_at limit :limit""")
                .param("limit", limit).query(SplitTestRepository::state).list();
    }

    /**
     * Releases up to {@code limit} held deliveries of a decided test to its winner: each takes the
     * winner's variant of its locale (the rest's numbers plus {@code winner * stride}) and is due
     * now, or where the test's quiet hours cover its device's local time now, when they end
     * ({@link QuietHoursPlacements}).
     *
     * <p>Two nodes may release the same test at once: each locks its batch, and a row another
     * node released meanwhile is no longer held when the update re-reads it, so no delivery's
     * variant is moved twice. The held rows are found again by primary key, as a claim finds its
     * rows (docs/decisions/061-claims-find-their-rows-by-key.md).
     *
     * @return how many were released; the test is marked released when none are left
     */
    public int releaseBatch(SplitTestState test, int limit) {
        int winner = Objects.requireNonNull(test.winner(), "only a decided test is released");
        QuietHours quiet = test.quietFrom() == null ? null
                : new QuietHours(test.quietFrom(), test.quietTo(), QuietHours.Action.HOLD);
        String release = quiet == null ? "now()" : "greatest(now(), coalesce(p.at, :fallbackAt))";
        String zones = quiet == null ? "" : QuietHoursPlacements.PLACED + ", ";
        // A device removed during the wait is still released, as the launch queued it (in the fallback zone).
        String join = quiet == null ? "" : " left join placed p on p.name = d.time_zone";
        JdbcClient.StatementSpec statement = jdbc.sql("""
                        with %1$sheld as (
                            select id from delivery_queue where run_id = :run and %2$s
                            order by next_attempt_at, id limit :limit for update skip locked),
                        due as (
                            select h.id, %3$s as at
                            from held h join delivery_queue q on q.id = h.id and q.id = any(array(select id from held))
                            left join devices d on d.id = q.device_id%4$s)
                        update delivery_queue q set variant = q.variant + :offset, release_at = due.at,
                            next_attempt_at = due.at
                        from due where q.id = due.id and q.id = any(array(select id from held)) and q.%2$s""".formatted(zones, HELD, release, join))
                .param("run", test.runId()).param("limit", limit).param("offset", winner * test.stride());
        if (quiet != null) {
            statement = placements.bind(statement, null, test.fallbackZone(), quiet);
        }
        int released = statement.update();
        if (released < limit) {
            jdbc.sql("update run_tests set released_at = now() where run_id = :run").param("run", test.runId()).update();
        }
        return released;
    }

    private static SplitTestState state(ResultSet rs, int row) throws SQLException {
        String fallback = rs.getString("fallback_zone");
        return new SplitTestState(rs.getObject("run_id", UUID.class), rs.getInt("test_percent"),
                rs.getInt("versions"), rs.getInt("stride"), requiredInstant(rs, "decide_at"),
                rs.getObject("winner", Integer.class), instant(rs, "decided_at"),
                rs.getString("picked_by"), rs.getLong("held"), instant(rs, "released_at"),
                rs.getObject("quiet_from", LocalTime.class), rs.getObject("quiet_to", LocalTime.class),
                fallback == null ? null : ZoneId.of(fallback));
    }
}
