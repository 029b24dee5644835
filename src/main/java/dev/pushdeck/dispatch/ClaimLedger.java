package dev.pushdeck.dispatch;

import dev.pushdeck.dispatch.internal.ClaimRepository.Claimed;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * What one {@link DispatchWorker} holds of the queue, and the two bounds on it, both taken at
 * the claim. An in-flight permit comes back with Apple's answer, so {@code max-in-flight}
 * bounds what is sent and unanswered (as for the bare client) and a slow write does not hold
 * sending back; a backlog permit comes back when the answer is written (or the claim given
 * back), so {@code max-in-flight + max-unwritten} bounds both the replies waiting in memory and
 * what a crash can leave sent but unrecorded (resent after the lease; see
 * docs/decisions/011-dispatcher-process-tests.md and 035-dispatch-throughput.md).
 *
 * <p>Threading: the claimer, the senders' reply callbacks, the writers and the keeper call it at
 * once; the books are concurrent maps and the bounds semaphores, so no call blocks or locks.
 */
final class ClaimLedger {

    /** Claimed and not yet answered: {@code max-in-flight}. */
    private final Semaphore permits;
    /** Claimed and not yet written (or given back): {@code max-in-flight + max-unwritten}. */
    private final Semaphore backlog;
    /** Sent (or about to be) and not yet answered. */
    private final Map<Long, Claimed> inFlight = new ConcurrentHashMap<>();
    /** Claimed and not yet written: in flight, or answered and waiting for a writer. Their leases are renewed. */
    private final Map<Long, Claimed> held = new ConcurrentHashMap<>();
    /** Per run, deliveries this worker claimed and has not recorded yet: while any remain, the run cannot be complete. */
    private final Map<UUID, Integer> unrecorded = new ConcurrentHashMap<>();

    ClaimLedger(DispatchSettings settings) {
        this.permits = new Semaphore(settings.maxInFlight);
        this.backlog = new Semaphore(settings.maxInFlight + settings.maxUnwritten);
    }

    /** How many deliveries both bounds would let the claimer take now. */
    int free() {
        return Math.min(permits.availablePermits(), backlog.availablePermits());
    }

    /** Takes an in-flight and a backlog permit for each of {@code count} deliveries, or neither. */
    boolean acquire(int count) {
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
    void release(int count) {
        permits.release(count);
        backlog.release(count);
    }

    /** {@code count} deliveries of a run were claimed: the run cannot complete before they are recorded. */
    void claimed(UUID runId, int count) {
        unrecorded.merge(runId, count, Integer::sum);
    }

    /** A claim is this worker's until it is written or given back: its lease is renewed meanwhile. */
    void hold(Claimed claim) {
        held.put(claim.id(), claim);
    }

    /** A claim goes to Apple: it holds its in-flight permit until {@link #answered}. */
    void sending(Claimed claim) {
        inFlight.put(claim.id(), claim);
    }

    /** Apple answered (or the delivery was judged unsent): its in-flight permit is free; its backlog permit waits for the write. */
    void answered(Claimed claim) {
        if (inFlight.remove(claim.id()) != null) {
            permits.release();
        }
    }

    /** Claims never sent went back to the queue: no longer held, both permits free, counted off their run. */
    void gaveBack(UUID runId, List<Claimed> unsent) {
        unsent.forEach(claim -> held.remove(claim.id()));
        release(unsent.size());
        settled(runId, unsent.size());
    }

    /** Done with a batch (recorded, or dropped for the reaper): its backlog permits may be claimed again. */
    void written(List<Answered> batch) {
        batch.forEach(answered -> held.remove(answered.claim().id()));
        backlog.release(batch.size());
    }

    /**
     * Counts a written batch off the unrecorded claims; returns the runs with nothing left on
     * this worker, the only ones worth the completion check (it costs a statement per batch).
     */
    Set<UUID> settled(List<Answered> batch) {
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

    /** What this worker holds now, for the lease renewal. */
    List<Claimed> held() {
        return List.copyOf(held.values());
    }

    int inFlightCount() {
        return inFlight.size();
    }
}
