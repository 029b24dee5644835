package dev.pushdeck.dispatch;

import dev.pushdeck.app.sending.SendingCredentials;
import dev.pushdeck.dispatch.ApnsSender.Allowance;
import dev.pushdeck.dispatch.ApnsSender.ClientHealth;
import dev.pushdeck.dispatch.ApnsSender.Route;
import dev.pushdeck.dispatch.internal.ClaimRepository;
import dev.pushdeck.dispatch.internal.ClaimRepository.Claimed;
import dev.pushdeck.dispatch.internal.RunRepository.SendableRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
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
 *       goes alone; see {@link ApnsSender}) and the free permits of the {@link ClaimLedger}
 *       allow, and sends;</li>
 *   <li><b>writers</b> ({@code pushdeck.dispatch.writers}) record judged replies in batches
 *       through the {@link AnswerRecorder};</li>
 *   <li>the <b>keeper</b> ({@link WorkerKeeper}) renews the leases of everything this worker
 *       holds (so a slow answer is never sent twice by another claim) and keeps the outages it
 *       waits out visible to people.</li>
 * </ul>
 *
 * <p>What the worker holds, and the two bounds on it, are the {@link ClaimLedger}'s. While the
 * database is unreachable every thread backs off and carries on by itself; nothing is marked
 * failed for it, and replies wait in memory until they can be written. Several workers (in one
 * JVM or on several nodes) may share a database: claims skip rows others hold. Start once, stop
 * once. See docs/decisions/021-delivery-fault-policy.md.
 *
 * <p>The claimer and the writers stay together here: they share the run flags, the answer queue
 * and the stop sequence (stop claiming, wait for answers, drain the writers, then the keeper),
 * which reads in one place only as long as both loops are beside it.
 */
final class DispatchWorker {

    private static final Logger log = LoggerFactory.getLogger(DispatchWorker.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** What {@link #claimRound} answers when permits or client shares, not due work, held it back. */
    private static final int FULL = -1;
    /** How long a claimer held back by taken permits waits for answers before it looks again. */
    private static final Duration CAPACITY_WAIT = Duration.ofMillis(1);

    private final String owner;
    private final ClaimRepository claims;
    private final DispatchSettings settings;
    private final ClaimPlanner planner;
    private final ApnsSender sender;
    private final AnswerRecorder recorder;
    private final ClaimLedger ledger;
    private final WorkerKeeper keeper;
    private final LinkedBlockingQueue<Answered> answers = new LinkedBlockingQueue<>();
    private final Object wakeUp = new Object();
    private volatile boolean claiming;
    private volatile boolean writing;
    private @Nullable Thread claimer;
    private List<Thread> writers = List.of();

    DispatchWorker(String owner, WorkerServices services) {
        this.owner = owner;
        this.claims = services.claims();
        this.settings = services.settings();
        this.planner = new ClaimPlanner(claims, services.runs(), settings);
        this.sender = new ApnsSender(services.clients(), services.policy(), settings, services.metrics(),
                this::outageChanged);
        this.recorder = new AnswerRecorder(services, new AnswerRecorder.Listener() {
                    @Override
                    public void candidatesChanged() {
                        planner.stale();
                    }

                    @Override
                    public void runsStopped() {
                        services.drainSoon().run();
                    }
                });
        this.ledger = new ClaimLedger(settings);
        this.keeper = new WorkerKeeper(owner, services, ledger, sender, () -> claiming || writing, this::nudge);
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
        keeper.start();
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
        while (ledger.inFlightCount() > 0 && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(20));
        }
        writing = false;
        writers.forEach(writer -> join(writer, deadline + TimeUnit.SECONDS.toNanos(5)));
        keeper.stop(deadline + TimeUnit.SECONDS.toNanos(5));
        if (ledger.inFlightCount() > 0) {
            log.warn("Dispatcher {} stopped with {} notifications unanswered; the reaper returns them after their lease",
                    owner, ledger.inFlightCount());
        }
        claimer = null;
        writers = List.of();
    }

    int inFlightCount() {
        return ledger.inFlightCount();
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
        int free = ledger.free();
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
        if (allowed == 0 || !ledger.acquire(allowed)) {
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
            ledger.release(allowed);
            planner.unused(run, allowed);
            throw e;
        }
        ledger.release(allowed - claims.size());
        planner.unused(run, allowed - claims.size());
        if (claims.isEmpty()) {
            if (allowance.probe()) {
                sender.probeNotSent(route);
            }
            return 0;
        }
        ledger.claimed(run.id(), claims.size());
        List<Claimed> unsent = new ArrayList<>();
        for (Claimed claim : claims) {
            ledger.hold(claim);
            if (claiming) {
                ledger.sending(claim);
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
        claims.releaseClaims(owner, unsent);
        claims.wake(run.id(), Instant.now());
        ledger.gaveBack(run.id(), unsent);
    }

    /** Apple answered (or the delivery was judged unsent): a writer records it. */
    private void answered(Answered answered) {
        answers.add(answered);
        ledger.answered(answered.claim());
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
                Set<UUID> settledRuns = ledger.settled(batch);
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
                ledger.settled(batch);
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
            claims.disown(owner, batch.stream().map(Answered::claim).toList());
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

    /** Done with a batch (recorded, or dropped for the reaper): the ledger frees it, the writer starts afresh. */
    private void written(List<Answered> batch) {
        ledger.written(batch);
        batch.clear();
    }

    /** An outage began or ended: the keeper tells people (the sender, made before the keeper, calls this). */
    private void outageChanged(ClientHealth health) {
        keeper.outageChanged(health);
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

    static Thread daemon(Runnable body, String name) {
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

    static void join(Thread thread, long deadlineNanos) {
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
