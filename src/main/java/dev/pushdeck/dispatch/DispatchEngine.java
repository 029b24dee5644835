package dev.pushdeck.dispatch;

import dev.pushdeck.app.sending.SendingCredentials;
import dev.pushdeck.device.feedback.ActivityFeedback;
import dev.pushdeck.device.feedback.DeviceFeedback;
import dev.pushdeck.dispatch.internal.ClaimRepository;
import dev.pushdeck.dispatch.internal.OutcomeRepository;
import dev.pushdeck.dispatch.internal.RunRepository.RunRef;
import dev.pushdeck.dispatch.internal.RunRepository;
import dev.pushdeck.dispatch.internal.SettlementRepository;
import dev.pushdeck.dispatch.policy.OutcomePolicy;
import dev.pushdeck.dispatch.policy.RunGuard;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs this node's {@link DispatchWorker} for the application's lifetime and the reaper
 * beside it. Stops early in shutdown (a high phase), before the web server and the
 * database pool go away: stop claiming, await answers, write them, release the rest,
 * close the APNs clients.
 */
@Component
class DispatchEngine implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DispatchEngine.class);

    private final RunRepository runs;
    private final ClaimRepository claims;
    private final OutcomeRepository outcomes;
    private final ApnsClients clients;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final DispatchSettings settings;
    private final DispatchMetrics metrics;
    private final WorkerServices services;
    private final RunSettlement settlement;
    private final DispatchWorker worker;
    /** Drains stopped runs off the request and writer threads; one drain at a time, the next asked for by a flag. */
    private final ExecutorService drainer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dispatch-drain");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean drainAsked = new AtomicBoolean();
    private volatile boolean running;

    DispatchEngine(RunRepository runs, ClaimRepository claims, OutcomeRepository outcomes,
                   SettlementRepository settled, ApnsClients clients, SendingCredentials credentials,
                   DeviceFeedback devices, ActivityFeedback activities, ApplicationEventPublisher events,
                   PlatformTransactionManager transactions,
                   DispatchSettings settings, DispatchMetrics metrics) {
        this.runs = runs;
        this.claims = claims;
        this.outcomes = outcomes;
        this.clients = clients;
        this.events = events;
        this.transactions = new TransactionTemplate(transactions);
        this.settings = settings;
        this.metrics = metrics;
        // Jitter from the calling thread's own generator: replies are judged on many threads.
        OutcomePolicy policy = new OutcomePolicy(settings.retryBase, settings.retryCap, settings.retryWindow,
                () -> ThreadLocalRandom.current().nextLong());
        TokenFeedback feedback = new TokenFeedback(devices, activities);
        this.services = new WorkerServices(runs, claims, outcomes, settled, clients, credentials, feedback, events,
                this.transactions, settings, metrics, policy, RunGuard.DEFAULT, this::drainSoon);
        this.settlement = new RunSettlement(settled, feedback, this.transactions, RunGuard.DEFAULT);
        this.worker = newWorker(nodeName());
    }

    /** A worker with its own owner name and in-flight bound; this node runs one, tests may start more. */
    DispatchWorker newWorker(String owner) {
        return new DispatchWorker(owner, services);
    }

    DispatchWorker worker() {
        return worker;
    }

    /** Wakes the idle claimer, e.g. after a launch committed. */
    void nudge() {
        worker.nudge();
    }

    @Override
    public void start() {
        if (settings.workerEnabled) {
            worker.start();
        }
        running = true;
    }

    @Override
    public void stop() {
        worker.stop(settings.shutdownTimeout);
        clients.close();
        drainer.shutdown();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server's graceful shutdown and long before the database pool closes. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    /**
     * Ends overdue deliveries (their deadline passed while they waited), drains stopped runs
     * in batches, completes finished runs, judges the refused devices of ended runs, and
     * refreshes the queue gauge. Deliveries whose lease ran out need nothing: they are due
     * again and the next claim takes them. Every node runs it; each statement is idempotent.
     */
    @Scheduled(fixedDelayString = "${pushdeck.dispatch.reaper-interval:15s}",
            initialDelayString = "${pushdeck.dispatch.reaper-interval:15s}")
    void reap() {
        try {
            inBatches(() -> outcomes.expireOverdue(settings.retryWindow, settings.housekeepingBatch));
            drainStopped();
            transactions.executeWithoutResult(status -> {
                for (RunRef run : runs.completeFinished(null)) {
                    events.publishEvent(new RunCompleted(run.tenantId(), run.runId()));
                }
            });
            settlement.settleEnded();
            metrics.queueDepth(claims.queuedCount());
            clients.closeIdle();
            worker.forgetIdleClients();
        } catch (DataAccessException | TransactionException e) {
            log.warn("Reaper skipped: database unreachable ({})", e.getMessage());
        }
    }

    /** Cancels what stopped runs left queued, a batch per statement, until none is left. */
    void drainStopped() {
        inBatches(() -> outcomes.drainStopped(settings.housekeepingBatch));
    }

    /**
     * Drains stopped runs soon, in the background (after a cancel or a stopping answer
     * committed); the reaper drains too, so a drain that fails here is only late.
     */
    void drainSoon() {
        if (drainAsked.compareAndSet(false, true)) {
            drainer.execute(() -> {
                drainAsked.set(false);
                try {
                    drainStopped();
                } catch (DataAccessException | TransactionException e) {
                    log.warn("Draining stopped runs skipped: database unreachable ({})", e.getMessage());
                }
            });
        }
    }

    private void inBatches(IntSupplier batch) {
        while (batch.getAsInt() >= settings.housekeepingBatch) {
            Thread.yield();
        }
    }

    private static String nodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        String name = host + "/" + ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
        return name.length() > 100 ? name.substring(name.length() - 100) : name;
    }
}
