package dev.pushdeck.device.internal;

import dev.pushdeck.device.internal.RegistrationRepository.Key;
import dev.pushdeck.device.internal.RegistrationRepository.Registering;
import dev.pushdeck.device.internal.RegistrationRepository.Upserted;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes registrations that arrive together as one statement, so that PostgreSQL pays its
 * per-statement and per-commit cost once per group instead of once per request (see
 * docs/decisions/018-grouped-registration-writes.md).
 *
 * <p>A caller queues its registration and takes one of {@value #WRITERS} writer permits.
 * Whoever holds a permit writes everything queued, up to {@value #MAX_GROUP} rows, as one
 * statement outside any transaction of the caller (a single statement commits on its
 * own); a caller whose row another caller took waits for that group's outcome. Nobody
 * waits for a group to fill: a lone request is written at once, and requests gather only
 * while earlier groups are being written.
 *
 * <p>Thread-safe. {@link #write} blocks until the caller's row is committed or has failed,
 * and never joins a transaction of the caller. Failures: a row that breaks a constraint
 * (its app was deleted meanwhile) fails with {@link DataIntegrityViolationException} and
 * only that row fails, because such a group is written again row by row; any other
 * failure of a group (the database is unreachable) is thrown to every caller in it.
 */
@Component
public class RegistrationWriter {

    static final int MAX_GROUP = 64;
    /** Groups written at once: one can be built and answered while another waits on PostgreSQL. */
    static final int WRITERS = 2;

    private final RegistrationRepository devices;
    private final TransactionTemplate withoutCallersTransaction;
    private final Queue<Pending> queued = new ConcurrentLinkedQueue<>();
    /** Rows put back because their device was already in a group; guarded by itself. */
    private final Deque<Pending> repeats = new ArrayDeque<>();
    final Semaphore writers = new Semaphore(WRITERS);

    RegistrationWriter(RegistrationRepository devices, PlatformTransactionManager transactions) {
        this.devices = devices;
        this.withoutCallersTransaction = new TransactionTemplate(transactions);
        this.withoutCallersTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
    }

    /** Writes one registration, together with whatever else is queued, and returns its outcome. */
    public Upserted write(Registering registering) {
        Pending pending = new Pending(registering, new AtomicBoolean(), new CompletableFuture<>());
        queued.add(pending);
        while (!pending.taken().get()) {
            writers.acquireUninterruptibly();
            try {
                // Empty when the other writer took this row, and all after it, meanwhile.
                List<Pending> group = pending.taken().get() ? List.of() : nextGroup();
                if (!group.isEmpty()) {
                    writeGroup(group);
                }
            } finally {
                writers.release();
            }
        }
        return outcome(pending);
    }

    /**
     * Repeats first, then the queue, in arrival order. A second row for a device already in
     * the group waits for the next one: one upsert cannot change the same row twice.
     */
    private List<Pending> nextGroup() {
        synchronized (repeats) {
            List<Pending> group = new ArrayList<>();
            Set<Key> devicesInGroup = new HashSet<>();
            Deque<Pending> later = new ArrayDeque<>();
            Pending next;
            while (group.size() < MAX_GROUP && (next = repeats.isEmpty() ? queued.poll() : repeats.poll()) != null) {
                if (devicesInGroup.add(next.registering().key())) {
                    next.taken().set(true);
                    group.add(next);
                } else {
                    later.add(next);
                }
            }
            later.descendingIterator().forEachRemaining(repeats::addFirst);
            return group;
        }
    }

    private void writeGroup(List<Pending> group) {
        try {
            List<Upserted> outcomes = withoutCallersTransaction.execute(
                    status -> devices.registerAll(registrations(group)));
            for (int i = 0; i < group.size(); i++) {
                group.get(i).outcome().complete(outcomes.get(i));
            }
        } catch (DataIntegrityViolationException e) {
            if (group.size() == 1) {
                group.get(0).outcome().completeExceptionally(e);
            } else {
                group.forEach(pending -> writeGroup(List.of(pending)));
            }
        } catch (RuntimeException | Error e) {
            group.forEach(pending -> pending.outcome().completeExceptionally(e));
        }
    }

    private static List<Registering> registrations(List<Pending> group) {
        return group.stream().map(Pending::registering).toList();
    }

    private static Upserted outcome(Pending pending) {
        try {
            return pending.outcome().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw (Error) e.getCause();
        }
    }

    /** A queued registration; {@code taken} once it is in a group, {@code outcome} once that is written. */
    private record Pending(Registering registering, AtomicBoolean taken, CompletableFuture<Upserted> outcome) {
    }
}
