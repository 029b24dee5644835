package dev.pushdeck.dispatch;

import dev.pushdeck.app.sending.SendingCredentials;
import dev.pushdeck.dispatch.ApnsSender.ClientHealth;
import dev.pushdeck.dispatch.internal.ClaimRepository;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * A {@link DispatchWorker}'s keeper thread: every {@code lease / 4} it renews the leases of
 * everything the worker holds ({@link ClaimLedger#held()}), so a slow answer is never sent twice
 * by another claim, and refreshes the outages the worker waits out; at once when an outage
 * begins or ends, so people see it (through {@link SendingCredentials}).
 *
 * <p>Threading: one thread, started and stopped by the worker, running while the worker claims
 * or writes; {@link #outageChanged} may be called from any thread. A database that cannot be
 * reached is retried at the next round; the renewal a quarter of a lease later covers a missed one.
 */
final class WorkerKeeper {

    private static final Logger log = LoggerFactory.getLogger(WorkerKeeper.class);

    private final String owner;
    private final ClaimRepository claims;
    private final SendingCredentials credentials;
    private final DispatchSettings settings;
    private final ClaimLedger ledger;
    private final ApnsSender sender;
    /** Whether the worker still claims or writes: the keeper runs as long as it does. */
    private final BooleanSupplier working;
    /** Wakes the claimer when an outage ended: what waited on it is due again. */
    private final Runnable nudge;
    /** Outages whose start or end people have not been told of yet. */
    private final Set<ClientHealth> outagesChanged = ConcurrentHashMap.newKeySet();
    private final Object wakeUp = new Object();
    private @Nullable Thread thread;

    WorkerKeeper(String owner, WorkerServices services, ClaimLedger ledger, ApnsSender sender,
                 BooleanSupplier working, Runnable nudge) {
        this.owner = owner;
        this.claims = services.claims();
        this.credentials = services.credentials();
        this.settings = services.settings();
        this.ledger = ledger;
        this.sender = sender;
        this.working = working;
        this.nudge = nudge;
    }

    void start() {
        thread = DispatchWorker.daemon(this::keepLoop, "dispatch-keep-" + owner);
    }

    /** Wakes the keeper, which ends once the worker neither claims nor writes, and waits for it until the deadline. */
    void stop(long deadlineNanos) {
        wake();
        DispatchWorker.join(Objects.requireNonNull(thread, "the keeper starts with the claimer"), deadlineNanos);
        thread = null;
    }

    void outageChanged(ClientHealth health) {
        outagesChanged.add(health);
        wake();
    }

    private void wake() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    private void keepLoop() {
        long renewEvery = settings.leaseRenewal().toNanos();
        long lastRenewal = System.nanoTime();
        while (working.getAsBoolean()) {
            try {
                tellOutages();
                if (System.nanoTime() - lastRenewal >= renewEvery) {
                    lastRenewal = System.nanoTime();
                    claims.renewLeases(owner, ledger.held(), (int) settings.lease.toSeconds());
                    sender.outages().forEach(this::reportOutage);
                }
            } catch (DataAccessException | TransactionException e) {
                log.warn("Dispatcher {} cannot renew its leases ({}); retrying", owner, e.getMessage());
            } catch (RuntimeException e) {
                log.error("Dispatcher {} keeper round failed", owner, e);
            }
            synchronized (wakeUp) {
                if (working.getAsBoolean() && outagesChanged.isEmpty()) {
                    try {
                        wakeUp.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(renewEvery)));
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
                nudge.run();
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
}
