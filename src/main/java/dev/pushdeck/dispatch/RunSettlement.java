package dev.pushdeck.dispatch;

import dev.pushdeck.device.DeviceFeedback;
import dev.pushdeck.device.DeviceFeedback.RefusedToken;
import dev.pushdeck.dispatch.internal.DispatchRepository;
import dev.pushdeck.dispatch.internal.DispatchRepository.RunTally;
import dev.pushdeck.dispatch.internal.DispatchRepository.Unsettled;
import dev.pushdeck.dispatch.policy.OutcomePolicy;
import dev.pushdeck.dispatch.policy.RunGuard;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Judges the refused devices of runs that ended: if the run went well (see
 * {@link RunGuard#mayMarkDevices}), each device APNs refused for its token is marked
 * INVALID with the run that marked it; otherwise none is, because the refusals more likely
 * came from a setting than from the tokens. Each run is judged once, in its own
 * transaction, on whichever node takes it first. Called by the reaper.
 */
final class RunSettlement {

    private static final Logger log = LoggerFactory.getLogger(RunSettlement.class);
    private static final int RUNS_PER_TRANSACTION = 1;

    private final DispatchRepository repository;
    private final DeviceFeedback feedback;
    private final TransactionTemplate transactions;
    private final RunGuard guard;

    RunSettlement(DispatchRepository repository, DeviceFeedback feedback, TransactionTemplate transactions,
                  RunGuard guard) {
        this.repository = repository;
        this.feedback = feedback;
        this.transactions = transactions;
        this.guard = guard;
    }

    /** Settles every ended run waiting for it; answers how many runs were settled. */
    int settleEnded() {
        int settled = 0;
        Integer done;
        do {
            done = transactions.execute(status -> {
                List<Unsettled> runs = repository.takeUnsettled(RUNS_PER_TRANSACTION);
                runs.forEach(this::settle);
                return runs.size();
            });
            settled += done == null ? 0 : done;
        } while (done != null && done == RUNS_PER_TRANSACTION);
        return settled;
    }

    private void settle(Unsettled run) {
        RunTally tally = repository.tallies(List.of(run.id())).stream().findFirst().orElse(null);
        if (tally != null && guard.mayMarkDevices(new RunGuard.Tally(tally.accepted(),
                AnswerRecorder.refusals(tally)))) {
            List<RefusedToken> refused = repository.refused(run, OutcomePolicy.tokenRefusals()).stream()
                    .map(r -> new RefusedToken(r.deviceId(), r.reason(), r.at())).toList();
            int marked = feedback.invalid(run.tenantId(), run.id(), refused);
            if (marked > 0) {
                log.info("Run {} ended: {} device(s) APNs refused for their token marked invalid", run.id(), marked);
            }
        }
        repository.markSettled(run.id());
    }
}
