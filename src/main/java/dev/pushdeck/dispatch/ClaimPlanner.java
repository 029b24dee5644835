package dev.pushdeck.dispatch;

import dev.pushdeck.dispatch.internal.ClaimRepository;
import dev.pushdeck.dispatch.internal.RunRepository;
import dev.pushdeck.dispatch.internal.ClaimRepository.ClaimBatch;
import dev.pushdeck.dispatch.internal.ClaimRepository.DueCursor;
import dev.pushdeck.dispatch.internal.ClaimRepository.RunCandidate;
import dev.pushdeck.dispatch.internal.RunRepository.SendableRun;
import dev.pushdeck.dispatch.policy.FairOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Decides which runs the claimer serves and claims for them: the runs with work due now
 * (found in SQL: their rest time has come, their throttle holds a token, their app's
 * environment is not paused), in {@link FairOrder}, with each run's throttle bucket and
 * its place in the due order. A run whose claim comes back short rests in the database
 * until its next delivery is due, so no node claims for it in vain.
 *
 * <p>The candidates are read again only when a run gave fewer than asked, after
 * {@code idle-poll}, or after a nudge: while big runs keep yielding full claims, re-reading
 * would cost a query per claim (the claim itself checks that the run is still sending). Run
 * snapshots are fixed at launch and cached. Used by the claimer thread only, except
 * {@link #stale}, which any thread may call.
 */
final class ClaimPlanner {

    private final ClaimRepository claims;
    private final RunRepository sendableRuns;
    private final DispatchSettings settings;
    private final Map<UUID, SendableRun> snapshots = new HashMap<>();
    /** Per run, where this worker's last full claim ended: the next one starts there (see ClaimRepository#claim). */
    private final Map<UUID, DueCursor> cursors = new HashMap<>();
    private List<RunCandidate> candidates = List.of();
    private long readAt;
    private volatile boolean stale = true;
    private int rotation;

    ClaimPlanner(ClaimRepository claims, RunRepository sendableRuns, DispatchSettings settings) {
        this.claims = claims;
        this.sendableRuns = sendableRuns;
        this.settings = settings;
    }

    /** The candidates must be read again before the next round (a launch, a wake-up, a short claim). */
    void stale() {
        stale = true;
    }

    /** This round's runs in serving order, with their snapshots. */
    List<SendableRun> round() {
        if (stale || System.nanoTime() - readAt > settings.idlePoll.toNanos()) {
            stale = false;
            readAt = System.nanoTime();
            candidates = claims.candidates();
            Set<UUID> ids = candidates.stream().map(RunCandidate::id).collect(Collectors.toSet());
            cursors.keySet().retainAll(ids);
            snapshots.keySet().retainAll(ids);
        }
        List<SendableRun> runs = new ArrayList<>(candidates.size());
        for (RunCandidate candidate : FairOrder.of(candidates, RunCandidate::tenantId, rotation++)) {
            SendableRun run = snapshots.computeIfAbsent(candidate.id(),
                    id -> sendableRuns.sendableRun(id).orElse(null));
            if (run != null) {
                runs.add(run);
            }
        }
        return runs;
    }

    /** Takes up to {@code want} from a throttled run's bucket; an unthrottled run may send them all. */
    int throttle(SendableRun run, int want) {
        return run.throttlePerMinute() == null ? want : claims.takeThrottle(run.id(), want);
    }

    /** Gives back throttle taken but not used. */
    void unused(SendableRun run, int count) {
        if (run.throttlePerMinute() != null && count > 0) {
            claims.returnThrottle(run.id(), count);
            stale();
        }
    }

    /**
     * Claims up to {@code limit} due deliveries of {@code run} for {@code owner}, from where
     * this worker's last full claim of it ended. A short claim sends the run to rest (from
     * that place on) and starts its next claim from the front.
     */
    ClaimBatch claim(SendableRun run, String owner, int limit) {
        DueCursor from = cursors.getOrDefault(run.id(), DueCursor.START);
        ClaimBatch batch = claims.claim(run.id(), owner, limit, (int) settings.lease.toSeconds(), from);
        if (batch.claims().size() < limit) {
            cursors.remove(run.id());
            claims.rest(run.id(), batch.end() == null ? from : batch.end());
            stale();
        } else {
            cursors.put(run.id(), batch.end());
        }
        return batch;
    }
}
