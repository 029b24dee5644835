package dev.pushdeck.dispatch;

import dev.pushdeck.app.CredentialService;
import dev.pushdeck.device.DeviceFeedback;
import dev.pushdeck.dispatch.internal.DispatchRepository;
import dev.pushdeck.dispatch.internal.DispatchRepository.RunRef;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
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

    private final DispatchRepository repository;
    private final ApnsClients clients;
    private final CredentialService credentials;
    private final DeviceFeedback feedback;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final DispatchSettings settings;
    private final DispatchMetrics metrics;
    private final DispatchWorker worker;
    private volatile boolean running;

    DispatchEngine(DispatchRepository repository, ApnsClients clients, CredentialService credentials,
                   DeviceFeedback feedback, ApplicationEventPublisher events, PlatformTransactionManager transactions,
                   DispatchSettings settings, DispatchMetrics metrics) {
        this.repository = repository;
        this.clients = clients;
        this.credentials = credentials;
        this.feedback = feedback;
        this.events = events;
        this.transactions = new TransactionTemplate(transactions);
        this.settings = settings;
        this.metrics = metrics;
        this.worker = newWorker(nodeName());
    }

    /** A worker with its own owner name and in-flight bound; this node runs one, tests may start more. */
    DispatchWorker newWorker(String owner) {
        return new DispatchWorker(owner, repository, clients, credentials, feedback, events, transactions, settings,
                metrics);
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
     * Expires overdue deliveries, cancels leftovers of stopped runs, completes finished runs
     * and refreshes the queue gauge. Deliveries whose lease ran out need nothing: they are
     * due again and the next claim takes them.
     * Every node runs it; each statement is idempotent.
     */
    @Scheduled(fixedDelayString = "${pushdeck.dispatch.reaper-interval:15s}",
            initialDelayString = "${pushdeck.dispatch.reaper-interval:15s}")
    void reap() {
        try {
            repository.expireOverdue();
            repository.cancelOrphans();
            transactions.executeWithoutResult(status -> {
                for (RunRef run : repository.completeFinished(null)) {
                    events.publishEvent(new RunCompleted(run.tenantId(), run.runId()));
                }
            });
            metrics.queueDepth(repository.queuedCount());
            clients.closeIdle();
        } catch (DataAccessException | TransactionException e) {
            log.warn("Reaper skipped: database unreachable ({})", e.getMessage());
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
