package dev.pushdeck.dispatch;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.CredentialService;
import dev.pushdeck.device.DeviceFeedback;
import dev.pushdeck.dispatch.internal.DispatchRepository;
import dev.pushdeck.dispatch.internal.DispatchRepository.ClaimBatch;
import dev.pushdeck.dispatch.internal.DispatchRepository.Claimed;
import dev.pushdeck.dispatch.internal.DispatchRepository.DueCursor;
import dev.pushdeck.dispatch.internal.DispatchRepository.ResultRow;
import dev.pushdeck.dispatch.internal.DispatchRepository.RunRef;
import dev.pushdeck.dispatch.internal.DispatchRepository.SendableRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One node's dispatcher: a claimer thread takes due deliveries from the queue (never more
 * than free in-flight permits, fairly across teams and runs, within each run's throttle)
 * and sends them; Pushy's answers are classified on the event loop and queued; writer
 * threads ({@code pushdeck.dispatch.writers}) record them in batches, fenced by attempt
 * number, and act on them (device feedback, app pause, run stop, completion). Answers
 * waiting to be written hold claiming back like unanswered notifications do, so memory
 * stays bounded when the database records more slowly than Apple answers (see
 * docs/decisions/013-dispatch-throughput.md).
 *
 * <p>An in-flight permit is held from the claim until the answer is written, so
 * {@code max-in-flight} bounds both the answers waiting in memory and what a crash can
 * leave sent but unrecorded (resent after the lease; see
 * docs/decisions/011-dispatcher-process-tests.md). While the database is unreachable
 * both threads back off and carry on by themselves; nothing is marked failed for it, and
 * answers wait in memory until they can be written.
 * Several workers (in one JVM or on several nodes) may share a database: claims skip rows
 * others hold. Start once, stop once.
 */
final class DispatchWorker {

    private static final Logger log = LoggerFactory.getLogger(DispatchWorker.class);
    private static final int MAX_RUNS_PER_ROUND = 200;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /** An answer waiting to be written. */
    private record Answered(SendableRun run, Claimed claim, Answer answer) {
    }

    private record PauseState(String reason, long readAt) {
    }

    private record AppEnvironment(UUID tenantId, UUID appId, ApnsEnvironment environment) {
    }

    private final String owner;
    private final DispatchRepository repository;
    private final ApnsClients clients;
    private final CredentialService credentials;
    private final DeviceFeedback feedback;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final DispatchSettings settings;
    private final DispatchMetrics metrics;

    private final Semaphore permits;
    private final LinkedBlockingQueue<Answered> answers = new LinkedBlockingQueue<>();
    private final Map<Long, Claimed> inFlight = new ConcurrentHashMap<>();
    /** Per run, deliveries this worker claimed and has not recorded yet: while any remain, the run cannot be complete. */
    private final Map<UUID, Integer> unrecorded = new ConcurrentHashMap<>();
    private final Map<AppEnvironment, PauseState> pauses = new ConcurrentHashMap<>();
    private final Object wakeUp = new Object();
    private volatile boolean claiming;
    private volatile boolean writing;
    private Thread claimer;
    private List<Thread> writers = List.of();
    private int rotation;
    /** Runs read by the last query, reused while each keeps yielding full claims (see {@link #claimRound}). */
    private List<SendableRun> runs = List.of();
    private long runsReadAt;
    private volatile boolean runsStale = true;
    /** Per run, where this worker's last full claim ended: the next one starts there (see DispatchRepository#claim). */
    private final Map<UUID, DueCursor> cursors = new HashMap<>();
    /**
     * Runs whose last claim found nothing due (all in flight, waiting for a retry or for
     * their local time), left alone until the given {@link System#nanoTime()}: the run list
     * comes from counters and still holds them, and claiming in vain costs a query per round.
     */
    private final Map<UUID, Long> restingUntil = new HashMap<>();

    DispatchWorker(String owner, DispatchRepository repository, ApnsClients clients, CredentialService credentials,
                   DeviceFeedback feedback, ApplicationEventPublisher events, TransactionTemplate transactions,
                   DispatchSettings settings, DispatchMetrics metrics) {
        this.owner = owner;
        this.repository = repository;
        this.clients = clients;
        this.credentials = credentials;
        this.feedback = feedback;
        this.events = events;
        this.transactions = transactions;
        this.settings = settings;
        this.metrics = metrics;
        this.permits = new Semaphore(settings.maxInFlight);
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
        claimer = new Thread(this::claimLoop, "dispatch-claim-" + owner);
        claimer.setDaemon(true);
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < settings.writers; i++) {
            Thread writer = new Thread(this::writeLoop, "dispatch-write-" + i + "-" + owner);
            writer.setDaemon(true);
            writer.start();
            started.add(writer);
        }
        writers = started;
        claimer.start();
    }

    /** Makes an idle claimer look for due deliveries now (e.g. right after a launch committed). */
    void nudge() {
        runsStale = true;
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    /**
     * Stops claiming, waits up to {@code timeout} for the answers of what was sent, writes
     * them and returns unsent claims to the queue. Deliveries still unanswered after the
     * timeout stay IN_FLIGHT for the reaper: they may have reached Apple.
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
        if (!inFlight.isEmpty()) {
            log.warn("Dispatcher {} stopped with {} notifications unanswered; the reaper returns them after their lease",
                    owner, inFlight.size());
        }
        claimer = null;
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
                if (claimed == 0) {
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
     * One pass over the runs with due deliveries; returns how many were claimed. Answers
     * not yet written still hold their permits. The list of runs is read again only
     * when a run gave fewer than asked, after {@code idle-poll} or after a nudge: while a
     * big run keeps yielding full claims, re-reading it every round would cost a query per
     * claim (the claim itself checks that the run is still sending).
     */
    private int claimRound() {
        int free = permits.availablePermits();
        if (free <= 0) {
            sleep(Duration.ofMillis(10));
            return -1;
        }
        List<SendableRun> order = fairOrder(sendableRuns());
        if (order.isEmpty()) {
            return 0;
        }
        int budget = Math.min(free, settings.claimBatch * order.size());
        int share = Math.max(1, Math.min(settings.claimBatch, budget / order.size()));
        int claimed = 0;
        for (SendableRun run : order) {
            if (!claiming || budget - claimed <= 0) {
                break;
            }
            int want = Math.min(share, budget - claimed);
            int got = claimAndSend(run, want);
            if (got < want) {
                runsStale = true;
            }
            claimed += got;
        }
        return claimed;
    }

    private List<SendableRun> sendableRuns() {
        if (runsStale || System.nanoTime() - runsReadAt > settings.idlePoll.toNanos()) {
            runsStale = false;
            runsReadAt = System.nanoTime();
            runs = repository.sendableRuns(MAX_RUNS_PER_ROUND);
            List<UUID> ids = runs.stream().map(SendableRun::id).toList();
            cursors.keySet().retainAll(ids);
            restingUntil.keySet().retainAll(ids);
        }
        long now = System.nanoTime();
        return runs.stream().filter(run -> restingUntil.getOrDefault(run.id(), now) - now <= 0)
                .filter(run -> pausedReason(run) == null).toList();
    }

    /**
     * Runs ordered so that each team gets its turn before any team's second run, and the
     * team and run that go first rotate from round to round.
     */
    private List<SendableRun> fairOrder(List<SendableRun> runs) {
        if (runs.isEmpty()) {
            return runs;
        }
        Map<UUID, List<SendableRun>> byTenant = new LinkedHashMap<>();
        runs.forEach(run -> byTenant.computeIfAbsent(run.tenantId(), k -> new ArrayList<>()).add(run));
        List<List<SendableRun>> tenants = new ArrayList<>(byTenant.values());
        int turn = rotation++;
        java.util.Collections.rotate(tenants, turn % tenants.size());
        tenants.forEach(list -> java.util.Collections.rotate(list, turn % list.size()));
        List<SendableRun> order = new ArrayList<>(runs.size());
        for (int depth = 0; order.size() < runs.size(); depth++) {
            for (List<SendableRun> list : tenants) {
                if (depth < list.size()) {
                    order.add(list.get(depth));
                }
            }
        }
        return order;
    }

    private int claimAndSend(SendableRun run, int want) {
        int allowed = run.throttlePerMinute() == null ? want : repository.takeThrottle(run.id(), want);
        if (allowed == 0 || !permits.tryAcquire(allowed)) {
            if (allowed > 0) {
                repository.returnThrottle(run.id(), allowed);
            }
            return 0;
        }
        List<Claimed> claims;
        try {
            ClaimBatch batch = repository.claim(run.id(), owner, allowed, (int) settings.lease.toSeconds(),
                    cursors.getOrDefault(run.id(), DueCursor.START));
            claims = batch.claims();
            if (claims.isEmpty()) {
                restingUntil.put(run.id(), System.nanoTime() + settings.idlePoll.toNanos());
            }
            if (claims.size() < allowed) {
                cursors.remove(run.id());
            } else {
                cursors.put(run.id(), batch.end());
            }
        } catch (RuntimeException e) {
            permits.release(allowed);
            throw e;
        }
        permits.release(allowed - claims.size());
        if (run.throttlePerMinute() != null && claims.size() < allowed) {
            repository.returnThrottle(run.id(), allowed - claims.size());
        }
        if (!claims.isEmpty()) {
            unrecorded.merge(run.id(), claims.size(), Integer::sum);
        }
        List<Claimed> unsent = new ArrayList<>();
        Route route = claims.isEmpty() ? null : route(run);
        for (Claimed claim : claims) {
            if (claiming) {
                send(run, route, claim);
            } else {
                unsent.add(claim);
            }
        }
        if (!unsent.isEmpty()) {
            repository.releaseClaims(owner, unsent);
            permits.release(unsent.size());
            settled(run.id(), unsent.size());
        }
        return claims.size();
    }

    private String pausedReason(SendableRun run) {
        AppEnvironment key = new AppEnvironment(run.tenantId(), run.appId(),
                ApnsEnvironment.fromWire(run.environment()).orElseThrow());
        PauseState state = pauses.get(key);
        if (state == null || System.nanoTime() - state.readAt() > settings.pauseTtl.toNanos()) {
            state = new PauseState(credentials.pausedReason(key.tenantId(), key.appId(), key.environment())
                    .orElse(null), System.nanoTime());
            pauses.put(key, state);
        }
        return state.reason();
    }

    // --- Sending --------------------------------------------------------------------

    /** The client to send a claimed batch with, or the answer each of its claims gets instead. */
    private record Route(ApnsClient client, Answer refusal) {
    }

    /** Looked up once per claimed batch: every delivery of a run goes through the same client. */
    private Route route(SendableRun run) {
        try {
            return new Route(clients.clientFor(run), null);
        } catch (ApnsClients.NoCredentialException e) {
            return new Route(null, Answer.credential(e.getMessage()));
        } catch (RuntimeException e) {
            log.warn("Dispatcher {} cannot prepare a client for run {}: {}", owner, run.id(), e.toString());
            return new Route(null, Answer.release());
        }
    }

    private void send(SendableRun run, Route route, Claimed claim) {
        inFlight.put(claim.id(), claim);
        metrics.inFlight(1);
        if (run.expiresAt() != null && !run.expiresAt().isAfter(Instant.now())) {
            answered(run, claim, Answer.expired());
            return;
        }
        if (route.refusal() != null) {
            answered(run, claim, route.refusal());
            return;
        }
        long started = System.nanoTime();
        route.client().sendNotification(notification(run, claim)).whenComplete((response, failure) -> {
            metrics.latency(Duration.ofNanos(System.nanoTime() - started));
            answered(run, claim, failure != null ? Answer.exception(failure)
                    : Answer.of(response.getStatusCode(), response.getRejectionReason().orElse(null),
                            response.getTokenInvalidationTimestamp().orElse(null)));
        });
    }

    private static SimpleApnsPushNotification notification(SendableRun run, Claimed claim) {
        return new SimpleApnsPushNotification(claim.token(), run.topic(), run.payload(), run.expiresAt(),
                DeliveryPriority.getFromCode(run.priority()), PushType.getFromHeaderValue(run.pushType()),
                run.collapseId(), claim.apnsId());
    }

    private void answered(SendableRun run, Claimed claim, Answer answer) {
        answers.add(new Answered(run, claim, answer));
        if (inFlight.remove(claim.id()) != null) {
            metrics.inFlight(-1);
        }
    }

    // --- Recording ------------------------------------------------------------------

    private void writeLoop() {
        List<Answered> batch = new ArrayList<>();
        Duration backoff = Duration.ZERO;
        while (writing || !answers.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    Answered first = answers.poll(settings.flushInterval.toMillis(), TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    if (answers.size() < settings.flushSize) {
                        sleep(settings.flushInterval);
                    }
                    answers.drainTo(batch, settings.flushSize - batch.size());
                }
                record(batch);
                written(batch);
                backoff = Duration.ZERO;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (DataAccessException | TransactionException e) {
                backoff = backoff.isZero() ? Duration.ofMillis(500) : min(backoff.multipliedBy(2), MAX_BACKOFF);
                log.warn("Dispatcher {} cannot write {} answers ({}); retrying in {}", owner, batch.size(),
                        e.getMessage(), backoff);
                sleep(backoff);
                if (!writing) {
                    log.warn("Dispatcher {} gives up writing {} answers at shutdown; the reaper returns them", owner,
                            batch.size());
                    return;
                }
            } catch (RuntimeException e) {
                log.error("Dispatcher {} failed to record {} answers", owner, batch.size(), e);
                settled(batch);
                written(batch);
            }
        }
    }

    /** Done with a batch (recorded, or dropped for the reaper): its permits may be claimed again. */
    private void written(List<Answered> batch) {
        permits.release(batch.size());
        batch.clear();
    }

    private void record(List<Answered> batch) {
        Instant now = Instant.now();
        List<ResultRow> rows = batch.stream().map(answered -> row(answered, now)).toList();
        transactions.executeWithoutResult(status -> {
            Set<Long> landed = new HashSet<>(repository.writeResults(rows));
            Set<AppEnvironment> paused = new HashSet<>();
            Map<UUID, String> stopped = new HashMap<>();
            for (int i = 0; i < batch.size(); i++) {
                Answered answered = batch.get(i);
                if (landed.contains(answered.claim().id())) {
                    act(answered, rows.get(i), now, paused, stopped);
                }
            }
            stopped.forEach((runId, reason) -> {
                SendableRun run = batch.stream().map(Answered::run).filter(r -> r.id().equals(runId)).findFirst()
                        .orElseThrow();
                if (repository.stopRun(runId, RunStatus.FAILED, reason)) {
                    events.publishEvent(new RunStopped(run.tenantId(), runId, RunStatus.FAILED, reason));
                }
            });
        });
        completeRuns(settled(batch));
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

    private void completeRuns(Set<UUID> runIds) {
        transactions.executeWithoutResult(status -> {
            for (RunRef run : repository.completeFinished(runIds)) {
                events.publishEvent(new RunCompleted(run.tenantId(), run.runId()));
            }
        });
    }

    private ResultRow row(Answered answered, Instant now) {
        Claimed claim = answered.claim();
        Answer answer = answered.answer();
        return switch (answer.kind()) {
            case ACCEPTED -> new ResultRow(claim.id(), claim.attempt(), DeliveryStatus.ACCEPTED, answer.statusCode(),
                    null, null, null, false);
            case RETRY -> claim.attempt() >= settings.maxAttempts
                    ? new ResultRow(claim.id(), claim.attempt(), DeliveryStatus.FAILED, answer.statusCode(),
                            answer.reason(), null, null, false)
                    : new ResultRow(claim.id(), claim.attempt(), DeliveryStatus.PENDING, answer.statusCode(),
                            answer.reason(), null, now.plus(backoff(claim.attempt())), false);
            case DEVICE_INVALID, DEVICE_UNREGISTERED, RUN, REJECTED -> new ResultRow(claim.id(), claim.attempt(),
                    DeliveryStatus.REJECTED, answer.statusCode(), answer.reason(), answer.appleTimestamp(), null, false);
            case EXPIRED -> new ResultRow(claim.id(), claim.attempt(), DeliveryStatus.EXPIRED, null, answer.reason(),
                    null, null, false);
            case CREDENTIAL -> new ResultRow(claim.id(), claim.attempt(), DeliveryStatus.PENDING, answer.statusCode(),
                    answer.reason(), null, null, true);
            case RELEASE -> new ResultRow(claim.id(), claim.attempt(), DeliveryStatus.PENDING, null, null, null, null,
                    true);
        };
    }

    /** Capped exponential backoff with jitter: half the step fixed, half random. */
    private Duration backoff(int attempt) {
        long step = settings.retryBase.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(step, settings.retryCap.toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private void act(Answered answered, ResultRow row, Instant now, Set<AppEnvironment> paused,
                     Map<UUID, String> stopped) {
        SendableRun run = answered.run();
        Answer answer = answered.answer();
        UUID deviceId = answered.claim().deviceId();
        switch (answer.kind()) {
            case ACCEPTED -> metrics.accepted();
            case RETRY -> {
                if (row.status() == DeliveryStatus.FAILED) {
                    metrics.failed();
                } else {
                    metrics.retried(answer.reason());
                }
            }
            case DEVICE_INVALID -> {
                feedback.invalid(run.tenantId(), deviceId, answer.reason(), now);
                metrics.rejected(answer.reason());
            }
            case DEVICE_UNREGISTERED -> {
                Instant when = answer.appleTimestamp() == null ? now : answer.appleTimestamp();
                feedback.unregistered(run.tenantId(), deviceId, when, answer.reason());
                metrics.rejected(answer.reason());
            }
            case RUN -> {
                stopped.putIfAbsent(run.id(), answer.reason());
                metrics.rejected(answer.reason());
            }
            case REJECTED -> metrics.rejected(answer.reason());
            case EXPIRED -> metrics.expired();
            case CREDENTIAL -> {
                AppEnvironment key = new AppEnvironment(run.tenantId(), run.appId(),
                        ApnsEnvironment.fromWire(run.environment()).orElseThrow());
                if (paused.add(key)) {
                    credentials.pauseSending(key.tenantId(), key.appId(), key.environment(),
                            pauseReason(answer));
                    pauses.put(key, new PauseState(answer.reason(), System.nanoTime()));
                    clients.forget(key.tenantId(), key.appId(), key.environment());
                }
            }
            case RELEASE -> {
                // Given back untouched; nothing to count.
            }
        }
    }

    private static String pauseReason(Answer answer) {
        if (answer.statusCode() == null) {
            return "No usable APNs credential (" + answer.reason() + "). Upload a credential to resume sending.";
        }
        return "APNs refused the credential: " + answer.statusCode() + " " + answer.reason()
                + ". Upload a new credential to resume sending.";
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
