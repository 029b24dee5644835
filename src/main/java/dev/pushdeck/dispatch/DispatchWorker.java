package dev.pushdeck.dispatch;

import dev.pushdeck.app.sending.SendingCredentials;
import dev.pushdeck.dispatch.ApnsSender.Allowance;
import dev.pushdeck.dispatch.ApnsSender.ClientHealth;
import dev.pushdeck.dispatch.ApnsSender.Route;
import dev.pushdeck.dispatch.internal.DispatchRepository;
import dev.pushdeck.dispatch.internal.DispatchRepository.Claimed;
import dev.pushdeck.dispatch.internal.DispatchRepository.SendableRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * One node's dispatcher: the threads that move deliveries from the queue to Apple and
 * Apple's replies into the log. Three roles:
 *
 * <ul>
 *   <li>the <b>claimer</b> asks the {@link ClaimPlanner} which runs have work due, in fair
 *       order, and claims for each what its throttle, its client (an outage waits, a probe
 *       goes alone; see {@link ApnsSender}) and the free in-flight permits allow, and sends;</li>
 *   <li><b>writers</b> ({@code pushdeck.dispatch.writers}) record judged replies in batches
 *       through the {@link AnswerRecorder};</li>
 *   <li>the <b>keeper</b> renews the leases of everything this worker holds (so a slow
 *       answer is never sent twice by another claim) and keeps the outages it waits out
 *       visible to people.</li>
 * </ul>
 *
 * <p>Two bounds, both taken at the claim: an in-flight permit comes back with Apple's answer,
 * so {@code max-in-flight} bounds what is sent and unanswered (as for the bare client) and a
 * slow write does not hold sending back; a backlog permit comes back when the answer is
 * written, so {@code max-in-flight + max-unwritten} bounds both the replies waiting in
 * memory and what a crash can leave sent but unrecorded (resent after the lease; see
 * docs/decisions/011-dispatcher-process-tests.md and 035-dispatch-throughput.md). While the database is unreachable every
 * thread backs off and carries on by itself; nothing is marked failed for it, and replies
 * wait in memory until they can be written. Several workers (in one JVM or on several
 * nodes) may share a database: claims skip rows others hold. Start once, stop once.
 * See docs/decisions/021-delivery-fault-policy.md.
 */
final class DispatchWorker {

    private static final Logger log = LoggerFactory.getLogger(DispatchWorker.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** What {@link #claimRound} answers when permits or client shares, not due work, held it back. */
    private static final int FULL = -1;
    /** How long a claimer held back by taken permits waits for answers before it looks again. */
    private static final Duration CAPACITY_WAIT = Duration.ofMillis(1);

    private final String owner;
    private final DispatchRepository repository;
    private final SendingCredentials credentials;
    private final DispatchSettings settings;
    private final ClaimPlanner planner;
    private final ApnsSender sender;
    private final AnswerRecorder recorder;

    /** Claimed and not yet answered: {@code max-in-flight}. */
    private final Semaphore permits;
    /** Claimed and not yet written (or given back): {@code max-in-flight + max-unwritten}. */
    private final Semaphore backlog;
    private final LinkedBlockingQueue<Answered> answers = new LinkedBlockingQueue<>();
    /** Sent (or about to be) and not yet answered. */
    private final Map<Long, Claimed> inFlight = new ConcurrentHashMap<>();
    /** Claimed and not yet written: in flight, or answered and waiting for a writer. Their leases are renewed. */
    private final Map<Long, Claimed> held = new ConcurrentHashMap<>();
    /** Per run, deliveries this worker claimed and has not recorded yet: while any remain, the run cannot be complete. */
    private final Map<UUID, Integer> unrecorded = new ConcurrentHashMap<>();
    /** Outages whose start or end people have not been told of yet. */
    private final Set<ClientHealth> outagesChanged = ConcurrentHashMap.newKeySet();
    private final Object wakeUp = new Object();
    private final Object keeperWakeUp = new Object();
    private volatile boolean claiming;
    private volatile boolean writing;
    private @Nullable Thread claimer;
    private @Nullable Thread keeper;
    private List<Thread> writers = List.of();

    DispatchWorker(String owner, WorkerServices services) {
        this.owner = owner;
        this.repository = services.repository();
        this.credentials = services.credentials();
        this.settings = services.settings();
        this.planner = new ClaimPlanner(repository, settings);
        this.sender = new ApnsSender(services.clients(), services.policy(), settings, services.metrics(),
                this::outageChanged);
        this.recorder = new AnswerRecorder(repository, credentials, services.feedback(), services.events(),
                services.transactions(), services.metrics(), services.guard(), services.clients(),
                new AnswerRecorder.Listener() {
                    @Override
                    public void candidatesChanged() {
                        planner.stale();
                    }

                    @Override
                    public void runsStopped() {
                        services.drainSoon().run();
                    }
                });
        this.permits = new Semaphore(settings.maxInFlight);
        this.backlog = new Semaphore(settings.maxInFlight + settings.maxUnwritten);
    }

    /** Forgets the health of clients no run used for a while; with the reaper's idle-client sweep. */
    void forgetIdleClients() {
        sender.forgetIdle();
    }

    String owner() {
        return owner;
    }

    synchronized void start() {
        if (claimer != null) {
            return;
        }
        claiming = true;
        writing = true;
        claimer = daemon(this::claimLoop, "dispatch-claim-" + owner);
        keeper = daemon(this::keepLoop, "dispatch-keep-" + owner);
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < settings.writers; i++) {
            started.add(daemon(this::writeLoop, "dispatch-write-" + i + "-" + owner));
        }
        writers = started;
    }

    /** Makes an idle claimer look for due deliveries now (e.g. right after a launch committed). */
    void nudge() {
        planner.stale();
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    /**
     * Stops claiming, waits up to {@code timeout} for the replies of what was sent, writes
     * them and returns unsent claims to the queue. Deliveries still unanswered after the
     * timeout stay leased for the reaper: they may have reached Apple.
     */
    synchronized void stop(Duration timeout) {
        if (claimer == null) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        claiming = false;
        nudge();
        join(claimer, deadline);
        while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(20));
        }
        writing = false;
        writers.forEach(writer -> join(writer, deadline + TimeUnit.SECONDS.toNanos(5)));
        synchronized (keeperWakeUp) {
            keeperWakeUp.notifyAll();
        }
        join(Objects.requireNonNull(keeper, "the keeper starts with the claimer"),
                deadline + TimeUnit.SECONDS.toNanos(5));
        if (!inFlight.isEmpty()) {
            log.warn("Dispatcher {} stopped with {} notifications unanswered; the reaper returns them after their lease",
                    owner, inFlight.size());
        }
        claimer = null;
        keeper = null;
        writers = List.of();
    }

    int inFlightCount() {
        return inFlight.size();
    }

    // --- Claiming -------------------------------------------------------------------

    private void claimLoop() {
        Duration backoff = Duration.ZERO;
        while (claiming) {
            try {
                int claimed = claimRound();
                backoff = Duration.ZERO;
                if (claimed == FULL) {
                    LockSupport.parkNanos(CAPACITY_WAIT.toNanos());
                } else if (claimed == 0) {
                    idle(settings.idlePoll);
                }
            } catch (DataAccessException | TransactionException e) {
                backoff = backoff.isZero() ? Duration.ofMillis(500) : min(backoff.multipliedBy(2), MAX_BACKOFF);
                log.warn("Dispatcher {} cannot reach the database ({}); retrying in {}", owner, e.getMessage(), backoff);
                idle(backoff);
            } catch (RuntimeException e) {
                log.error("Dispatcher {} claim round failed", owner, e);
                idle(Duration.ofSeconds(1));
            }
        }
    }

    /**
     * One pass over the runs with work due; returns how many deliveries were claimed, or
     * {@link #FULL} when nothing was claimed because the permits or the clients' shares are
     * taken: then answers, not new work, are what the claimer waits for.
     */
    private int claimRound() {
        int free = Math.min(permits.availablePermits(), backlog.availablePermits());
        if (free < settings.minimumClaim()) {
            return FULL;
        }
        List<SendableRun> order = planner.round();
        if (order.isEmpty()) {
            return 0;
        }
        int budget = Math.min(free, settings.claimBatch * order.size());
        int share = Math.max(1, Math.min(settings.claimBatch, budget / order.size()));
        int claimed = 0;
        boolean full = false;
        for (SendableRun run : order) {
            if (!claiming || budget - claimed <= 0) {
                break;
            }
            int taken = claimAndSend(run, Math.min(share, budget - claimed));
            full |= taken == FULL;
            claimed += Math.max(0, taken);
        }
        return claimed == 0 && full ? FULL : claimed;
    }

    /** Claims and sends up to {@code share} of a run's due deliveries; {@link #FULL} when its client's share is taken. */
    private int claimAndSend(SendableRun run, int share) {
        Route route = sender.route(run);
        Allowance allowance = sender.allowance(route, share, System.nanoTime());
        if (allowance.full()) {
            return FULL;
        }
        int allowed = allowance.count() == 0 ? 0 : planner.throttle(run, allowance.count());
        if (allowed == 0 || !acquire(allowed)) {
            planner.unused(run, allowed);
            if (allowance.probe()) {
                sender.probeNotSent(route);
            }
            return 0;
        }
        List<Claimed> claims;
        try {
            claims = planner.claim(run, owner, allowed).claims();
        } catch (RuntimeException e) {
            release(allowed);
            planner.unused(run, allowed);
            throw e;
        }
        release(allowed - claims.size());
        planner.unused(run, allowed - claims.size());
        if (claims.isEmpty()) {
            if (allowance.probe()) {
                sender.probeNotSent(route);
            }
            return 0;
        }
        unrecorded.merge(run.id(), claims.size(), Integer::sum);
        List<Claimed> unsent = new ArrayList<>();
        for (Claimed claim : claims) {
            held.put(claim.id(), claim);
            if (claiming) {
                inFlight.put(claim.id(), claim);
                sender.send(route, claim, allowance.probe(), this::answered);
            } else {
                unsent.add(claim);
            }
        }
        if (!unsent.isEmpty()) {
            giveBack(run, unsent);
        }
        return claims.size();
    }

    /** Claims never sent (the worker is stopping) go back to the queue as they were. */
    private void giveBack(SendableRun run, List<Claimed> unsent) {
        repository.releaseClaims(owner, unsent);
        repository.wake(run.id(), Instant.now());
        unsent.forEach(claim -> held.remove(claim.id()));
        release(unsent.size());
        settled(run.id(), unsent.size());
    }

    /** Takes an in-flight and a backlog permit for each of {@code count} deliveries, or neither. */
    private boolean acquire(int count) {
        if (!permits.tryAcquire(count)) {
            return false;
        }
        if (!backlog.tryAcquire(count)) {
            permits.release(count);
            return false;
        }
        return true;
    }

    /** Gives back both permits of {@code count} deliveries claimed but never sent. */
    private void release(int count) {
        permits.release(count);
        backlog.release(count);
    }

    /** Apple answered (or the delivery was judged unsent): its in-flight permit is free; its backlog permit waits for the write. */
    private void answered(Answered answered) {
        answers.add(answered);
        if (inFlight.remove(answered.claim().id()) != null) {
            permits.release();
        }
    }

    // --- Recording ------------------------------------------------------------------

    private void writeLoop() {
        List<Answered> batch = new ArrayList<>();
        Duration backoff = Duration.ZERO;
        while (writing || !answers.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty() && !fill(batch)) {
                    continue;
                }
                Map<UUID, Instant> dueAgain = recorder.record(batch);
                Set<UUID> settledRuns = settled(batch);
                written(batch);
                recorder.afterRecord(dueAgain, settledRuns);
                backoff = Duration.ZERO;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (DataAccessException | TransactionException e) {
                backoff = backoff.isZero() ? Duration.ofMillis(500) : min(backoff.multipliedBy(2), MAX_BACKOFF);
                log.warn("Dispatcher {} cannot write {} answers ({}); retrying in {}", owner, batch.size(),
                        e.getMessage(), backoff);
                sleep(backoff);
                if (!writing && !batch.isEmpty()) {
                    log.warn("Dispatcher {} gives up writing {} answers at shutdown; the reaper returns them", owner,
                            batch.size());
                    return;
                }
            } catch (RuntimeException e) {
                log.error("Dispatcher {} failed to record {} answers", owner, batch.size(), e);
                letGo(batch);
                settled(batch);
                written(batch);
            }
        }
    }

    /**
     * A batch that could not be recorded is dropped: its rows come back after their lease, also
     * to this worker (which never claims rows it still holds).
     */
    private void letGo(List<Answered> batch) {
        try {
            repository.disown(owner, batch.stream().map(Answered::claim).toList());
        } catch (RuntimeException e) {
            log.warn("Dispatcher {} cannot let go of {} unrecorded answers ({}); a restart or another node takes"
                    + " them after their lease", owner, batch.size(), e.toString());
        }
    }

    /** Waits for the first answer, then gathers what arrives within the flush interval; false when none came. */
    private boolean fill(List<Answered> batch) throws InterruptedException {
        Answered first = answers.poll(settings.flushInterval.toMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
            return false;
        }
        batch.add(first);
        if (answers.size() < settings.flushSize) {
            sleep(settings.flushInterval);
        }
        answers.drainTo(batch, settings.flushSize - batch.size());
        return true;
    }

    /** Done with a batch (recorded, or dropped for the reaper): its backlog permits may be claimed again. */
    private void written(List<Answered> batch) {
        batch.forEach(answered -> held.remove(answered.claim().id()));
        backlog.release(batch.size());
        batch.clear();
    }

    /**
     * Counts a written batch off {@link #unrecorded}; returns the runs with nothing left on
     * this worker, the only ones worth the completion check (it costs a statement per batch).
     */
    private Set<UUID> settled(List<Answered> batch) {
        Map<UUID, Integer> perRun = new HashMap<>();
        batch.forEach(answered -> perRun.merge(answered.run().id(), 1, Integer::sum));
        Set<UUID> settled = new HashSet<>();
        perRun.forEach((runId, count) -> {
            if (settled(runId, count)) {
                settled.add(runId);
            }
        });
        return settled;
    }

    /** Counts {@code count} of a run's claims off; true when none of them remain with this worker. */
    private boolean settled(UUID runId, int count) {
        return unrecorded.computeIfPresent(runId, (id, left) -> left > count ? left - count : null) == null;
    }

    // --- Keeping leases and outages ---------------------------------------------------

    private void outageChanged(ClientHealth health) {
        outagesChanged.add(health);
        synchronized (keeperWakeUp) {
            keeperWakeUp.notifyAll();
        }
    }

    /**
     * Every {@code lease / 4}: renews the leases of what this worker holds and refreshes the
     * outages it waits out; at once when an outage begins or ends.
     */
    private void keepLoop() {
        long renewEvery = settings.leaseRenewal().toNanos();
        long lastRenewal = System.nanoTime();
        while (claiming || writing) {
            try {
                tellOutages();
                if (System.nanoTime() - lastRenewal >= renewEvery) {
                    lastRenewal = System.nanoTime();
                    repository.renewLeases(owner, List.copyOf(held.values()), (int) settings.lease.toSeconds());
                    sender.outages().forEach(this::reportOutage);
                }
            } catch (DataAccessException | TransactionException e) {
                log.warn("Dispatcher {} cannot renew its leases ({}); retrying", owner, e.getMessage());
            } catch (RuntimeException e) {
                log.error("Dispatcher {} keeper round failed", owner, e);
            }
            synchronized (keeperWakeUp) {
                if ((claiming || writing) && outagesChanged.isEmpty()) {
                    try {
                        keeperWakeUp.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(renewEvery)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    private void tellOutages() {
        for (ClientHealth health : List.copyOf(outagesChanged)) {
            outagesChanged.remove(health);
            if (health.breaker.isOpen()) {
                reportOutage(health);
            } else {
                credentials.endOutage(health.tenantId, health.appId, health.environment);
                nudge();
            }
        }
    }

    private void reportOutage(ClientHealth health) {
        Instant since = health.breaker.since();
        if (since != null) {
            credentials.reportOutage(health.tenantId, health.appId, health.environment, since,
                    Objects.requireNonNull(health.breaker.lastTrouble(), "an outage opens on a trouble"));
        }
    }

    // --- Helpers --------------------------------------------------------------------

    private void idle(Duration duration) {
        synchronized (wakeUp) {
            if (claiming) {
                try {
                    wakeUp.wait(Math.max(1, duration.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static Thread daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread thread, long deadlineNanos) {
        try {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
