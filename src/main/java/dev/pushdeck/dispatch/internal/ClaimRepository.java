package dev.pushdeck.dispatch.internal;

import static dev.pushdeck.dispatch.internal.OutcomeCounters.FINAL_OUTCOMES;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.shared.jdbc.RecordRows;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The worker's side of the queue ({@code delivery_queue}, docs/decisions/017-delivery-queue.md):
 * which runs have work due, their throttle buckets and rest times, and the claims, leases and
 * give-backs of deliveries. The statements work across teams by run or delivery id.
 *
 * <p>A claimed delivery is in flight while its lease ({@code next_attempt_at}) lies ahead;
 * when the lease runs out the delivery is simply due again, so no reaper has to hand it back.
 * Answers leave the queue through {@link OutcomeRepository}.
 *
 * <p>Threading: stateless; every method runs in its own statement (or, {@link #rest} and
 * {@link #claim}, its own transaction), so concurrent workers and nodes are ordered by the rows
 * they lock.
 */
@Repository
public class ClaimRepository {

    /** A sending run with deliveries due now (by its stored rest time), whose app environment is not paused. */
    public record RunCandidate(UUID id, UUID tenantId, UUID appId, ApnsEnvironment environment, boolean throttled) {
    }

    /**
     * A delivery this node has just claimed; {@code attempt} fences the answer.
     *
     * @param releaseAt  when it first became due (its own expiration and retry window count from here)
     * @param lastReason the reason of its last retried reply, or null
     */
    public record Claimed(long id, UUID deviceId, String token, UUID apnsId, int attempt, Instant releaseAt,
                          @Nullable String lastReason, int variant) {
    }

    /** A place in a run's due order ({@code next_attempt_at}, {@code id}): where a claim ended. */
    public record DueCursor(Timestamp at, long id) {

        /** Before every delivery. */
        public static final DueCursor START = new DueCursor(Timestamp.from(Instant.EPOCH), 0);

        boolean isBefore(DueCursor other) {
            int byTime = at.compareTo(other.at);
            return byTime < 0 || (byTime == 0 && id < other.id);
        }
    }

    /** What a claim took, and where in the due order it ended (null when it took nothing). */
    public record ClaimBatch(List<Claimed> claims, @Nullable DueCursor end) {
    }

    /** The tokens in a run's throttle bucket {@code r} now (one second's worth when never used), before capping. */
    private static final String THROTTLE_TOKENS = "coalesce(r.throttle_tokens, greatest(1, r.throttle_per_minute / 60.0))"
            + " + extract(epoch from now() - coalesce(r.throttle_refilled_at, now())) * r.throttle_per_minute / 60.0";

    private final JdbcClient jdbc;

    ClaimRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Sending runs with deliveries left (by the stored counters) and work due now: their
     * stored rest time has come, their throttle holds a token, and their app's environment
     * is not paused (the app module's {@code app_environment_pauses}, read here as the
     * fan-out reads devices). Oldest launch first; no limit, so no run is starved by older
     * ones. Broadcast runs have no queue rows and their own sender, so they are left out.
     * Asking the queue itself which runs have rows due would step over the dead index
     * entries of answered rows, several times a second.
     */
    public List<RunCandidate> candidates() {
        return jdbc.sql("""
                        select r.id, r.tenant_id, r.app_id, r.environment, r.throttle_per_minute is not null as throttled
                        from dispatch_runs r join run_counts c on c.run_id = r.id
                        where r.status = 'SENDING' and r.channel_ref is null and\s""" + FINAL_OUTCOMES + """
                         < r.deliveries_total
                          and (r.next_due_at is null or r.next_due_at <= now())
                          and (r.throttle_per_minute is null or\s""" + THROTTLE_TOKENS + """
                         >= 1)
                          and not exists (select 1 from app_environment_pauses p
                                          where p.app_id = r.app_id and p.environment = r.environment)
                        order by r.launched_at""")
                .query(RecordRows.of(RunCandidate.class)).list();
    }

    /**
     * Takes up to {@code want} tokens from the run's throttle bucket (one second's worth at
     * most, refilled continuously at its rate); the row lock makes it exact across nodes.
     *
     * @return how many may be sent now
     */
    public int takeThrottle(UUID runId, int want) {
        return jdbc.sql("""
                        with b as (
                            select id, least(greatest(1, throttle_per_minute / 60.0),\s""" + THROTTLE_TOKENS + """
                        ) as tokens
                            from dispatch_runs r where id = :id and throttle_per_minute is not null for update)
                        update dispatch_runs r set throttle_tokens = b.tokens - least(:want, floor(b.tokens)),
                            throttle_refilled_at = now()
                        from b where r.id = b.id
                        returning cast(least(:want, floor(b.tokens)) as integer)""")
                .param("id", runId).param("want", want).query(Integer.class).optional().orElse(0);
    }

    /** Gives back tokens that were taken but not used (fewer rows were due than expected). */
    public void returnThrottle(UUID runId, int unused) {
        jdbc.sql("""
                        update dispatch_runs set throttle_tokens = least(greatest(1, throttle_per_minute / 60.0),
                            coalesce(throttle_tokens, 0) + :n)
                        where id = :id and throttle_per_minute is not null""")
                .param("n", unused).param("id", runId).update();
    }

    /**
     * Lets a run rest until its next queued delivery is due (its next release, retry or
     * lease end), at most a minute: it leaves the candidates until then. The queue is read
     * from {@code after} on (see {@link #claim}); the run row's lock, held for the whole
     * transaction, orders this against {@link #wake}, so a delivery given back meanwhile is
     * never missed.
     */
    @Transactional
    public void rest(UUID runId, DueCursor after) {
        jdbc.sql("select 1 from dispatch_runs where id = :id for update").param("id", runId).query(Integer.class)
                .optional();
        jdbc.sql("""
                        update dispatch_runs set next_due_at = least(now() + interval '1 minute',
                            (select next_attempt_at from delivery_queue
                             where run_id = :id and (next_attempt_at, id) > (:afterAt, :afterId)
                             order by next_attempt_at, id limit 1))
                        where id = :id""")
                .param("id", runId).param("afterAt", after.at()).param("afterId", after.id()).update();
    }

    /** A delivery of the run is due again at {@code at} (retried or given back): it must not rest past then. */
    public void wake(UUID runId, Instant at) {
        jdbc.sql("update dispatch_runs set next_due_at = :at where id = :id and next_due_at > :at")
                .param("at", Timestamp.from(at)).param("id", runId).update();
    }

    /**
     * Claims up to {@code limit} due deliveries of a run for {@code owner} while the run is
     * sending: rows another node holds are skipped, the attempt number goes up and a lease
     * starts (the delivery is due again when it ends). The pick is materialized: run as a
     * subquery, PostgreSQL may execute a locking LIMIT query more than once per statement
     * and claim more rows than asked.
     * Rows are mapped by hand: this runs for every delivery, and the reflective mapper showed
     * in profiles.
     *
     * <p>{@code after} starts the search after the place an earlier claim of
     * the same run ended. Answered deliveries leave dead entries at the front of the due
     * index until vacuum removes them; without a starting point every claim of a big run
     * would step over all of them. Skipping rows before {@code after} is safe: a delivery
     * becomes due again (retry, give-back, lease end) with a {@code next_attempt_at} later
     * than any claim before it. The caller starts over from the front after a short claim.
     * The place is always given ({@link DueCursor#START} for the front): an optional one
     * would be a filter instead of an index condition once PostgreSQL caches a generic plan.
     *
     * <p>The apns-id a first claim draws is random but for its last 12 hex digits, which are the
     * delivery's id (its low 48 bits), so an app reporting an open by apns-id names its delivery
     * without an index on the log (docs/decisions/045-opens-and-receipts.md).
     *
     * <p>A worker never claims a row it holds itself: its lease may have run out only
     * because the database was away while the answer waited to be written, and claiming it
     * again would send it twice. (A restarted node has a new owner name.)
     *
     * <p>The claimed rows are updated through the primary key ({@code = any(array(…))}): joined to
     * the pick alone, a plan that does not know the limit expects a tenth of the run and scans the
     * whole queue for every claim. The claim runs in a transaction of its own, on its generic plan
     * ({@link QueuePlans}).
     */
    @Transactional
    public ClaimBatch claim(UUID runId, String owner, int limit, int leaseSeconds, DueCursor after) {
        QueuePlans.onGenericPlan(jdbc);
        List<Object[]> rows = jdbc.sql("""
                        with picked as materialized (
                            select id, next_attempt_at as due from delivery_queue
                            where run_id = :run and next_attempt_at <= now()
                              and (next_attempt_at, id) > (:afterAt, :afterId)
                              and lease_owner is distinct from :owner
                              and exists (select 1 from dispatch_runs r where r.id = :run and r.status = 'SENDING')
                            order by next_attempt_at, id limit :limit for update skip locked)
                        update delivery_queue q set lease_owner = :owner,
                            next_attempt_at = now() + make_interval(secs => :lease), attempts = q.attempts + 1,
                            last_attempt_at = now(), apns_id = coalesce(q.apns_id,
                                overlay(gen_random_uuid()::text placing right(lpad(to_hex(q.id), 12, '0'), 12) from 25)::uuid)
                        from picked where q.id = picked.id and q.id = any(array(select id from picked))
                        returning q.id, q.device_id, q.token, q.apns_id, q.attempts, picked.due, q.release_at, q.reason,
                                  q.variant""")
                .param("owner", owner).param("lease", leaseSeconds).param("run", runId).param("limit", limit)
                .param("afterAt", after.at()).param("afterId", after.id())
                .query((rs, row) -> new Object[] {new Claimed(rs.getLong(1), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getObject(4, UUID.class), rs.getInt(5), rs.getTimestamp(7).toInstant(),
                        rs.getString(8), rs.getShort(9)),
                        new DueCursor(rs.getTimestamp(6), rs.getLong(1))})
                .list();
        List<Claimed> claims = new ArrayList<>(rows.size());
        DueCursor end = null;
        for (Object[] row : rows) {
            claims.add((Claimed) row[0]);
            DueCursor at = (DueCursor) row[1];
            if (end == null || end.isBefore(at)) {
                end = at;
            }
        }
        return new ClaimBatch(claims, end);
    }

    /**
     * Extends the leases of deliveries this owner still holds (sent and unanswered, or
     * answered and not yet written), so a slow answer never lets another claim send them
     * again. Rows whose attempt or owner changed are left alone, and so are rows a writer
     * holds locked: their answer is being written, and waiting for them (in whatever order the
     * writer locks its rows) deadlocked writers and renewals. Should that write fail, the next
     * renewal, a quarter of a lease later, extends them.
     *
     * @return how many leases were extended
     */
    public int renewLeases(String owner, Collection<Claimed> held, int leaseSeconds) {
        if (held.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        with mine as materialized (
                            select q.id from delivery_queue q
                            join unnest(cast(:ids as bigint[]), cast(:attempts as integer[])) as v(id, attempt)
                              on q.id = v.id and q.attempts = v.attempt
                            where q.id = any(cast(:ids as bigint[])) and q.lease_owner = :owner
                            for no key update of q skip locked)
                        update delivery_queue q set next_attempt_at = now() + make_interval(secs => :lease)
                        from mine where q.id = mine.id""")
                .param("ids", ids(held)).param("attempts", attempts(held))
                .param("owner", owner).param("lease", leaseSeconds).update();
    }

    /**
     * Lets go of claims whose answers this worker could not record (an error that is not the
     * database's): they stay due at their lease's end, and then any worker may claim them, this
     * one too, which {@link #claim} otherwise never lets a worker do with rows it holds.
     */
    public int disown(String owner, Collection<Claimed> claims) {
        if (claims.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        update delivery_queue q set lease_owner = null
                        from unnest(cast(:ids as bigint[]), cast(:attempts as integer[])) as v(id, attempt)
                        where q.id = v.id and q.id = any(cast(:ids as bigint[])) and q.attempts = v.attempt
                          and q.lease_owner = :owner""")
                .param("ids", ids(claims)).param("attempts", attempts(claims))
                .param("owner", owner).update();
    }

    /** Gives claims this node never sent back to the queue, without counting the attempt. */
    public int releaseClaims(String owner, Collection<Claimed> claims) {
        if (claims.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        update delivery_queue q set lease_owner = null, next_attempt_at = now(),
                            attempts = q.attempts - 1
                        from unnest(cast(:ids as bigint[]), cast(:attempts as integer[])) as v(id, attempt)
                        where q.id = v.id and q.id = any(cast(:ids as bigint[])) and q.attempts = v.attempt
                          and q.lease_owner = :owner""")
                .param("ids", ids(claims)).param("attempts", attempts(claims))
                .param("owner", owner).update();
    }

    /** Deliveries queued on all nodes, in flight included. */
    public long queuedCount() {
        return jdbc.sql("select count(*) from delivery_queue").query(Long.class).single();
    }

    /** The claims' delivery ids, bound as {@code cast(:ids as bigint[])}. */
    private static String[] ids(Collection<Claimed> claims) {
        return claims.stream().map(c -> Long.toString(c.id())).toArray(String[]::new);
    }

    /** The claims' attempt numbers in the same order, bound as {@code cast(:attempts as integer[])}: they fence the rows. */
    private static String[] attempts(Collection<Claimed> claims) {
        return claims.stream().map(c -> Integer.toString(c.attempt())).toArray(String[]::new);
    }
}
