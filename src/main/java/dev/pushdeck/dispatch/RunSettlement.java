package dev.pushdeck.dispatch;

import dev.pushdeck.device.feedback.ActivityFeedback.EndedToken;
import dev.pushdeck.device.feedback.ActivityFeedback;
import dev.pushdeck.dispatch.internal.SettlementRepository.AcceptedToken;
import dev.pushdeck.dispatch.internal.SettlementRepository.RunTally;
import dev.pushdeck.dispatch.internal.SettlementRepository.Unsettled;
import dev.pushdeck.dispatch.internal.SettlementRepository;
import dev.pushdeck.dispatch.policy.OutcomePolicy;
import dev.pushdeck.dispatch.policy.RunGuard;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Judges the refused devices of runs that ended: if the run went well (see
 * {@link RunGuard#mayMarkDevices}), each device APNs refused for its token is marked
 * INVALID with the run that marked it (a Live Activity token ends instead; see
 * {@link TokenFeedback}); otherwise none is, because the refusals more likely came from a
 * setting than from the tokens. A Live Activity {@code end} event ends the activity tokens
 * APNs accepted it for. Each run is judged once, in its own transaction, on whichever node
 * takes it first. Called by the reaper.
 */
final class RunSettlement {

    private static final Logger log = LoggerFactory.getLogger(RunSettlement.class);
    private static final int RUNS_PER_TRANSACTION = 1;
    private static final int ENDED_PAGE = 5_000;

    private final SettlementRepository repository;
    private final TokenFeedback feedback;
    private final TransactionTemplate transactions;
    private final RunGuard guard;

    RunSettlement(SettlementRepository repository, TokenFeedback feedback, TransactionTemplate transactions,
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
            int marked = feedback.refused(run.tenantId(), run.appId(), run.environment(), run.pushType(), run.id(),
                    repository.refused(run, OutcomePolicy.tokenRefusals()));
            if (marked > 0) {
                log.info("Run {} ended: {} token(s) APNs refused marked invalid or ended", run.id(), marked);
            }
        }
        if (run.endsActivities()) {
            endActivities(run);
        }
        repository.markSettled(run.id());
    }

    /** An {@code end} event APNs accepted ended its activity: its update token takes nothing more. */
    private void endActivities(Unsettled run) {
        long after = 0;
        List<AcceptedToken> page;
        do {
            page = repository.accepted(run, after, ENDED_PAGE);
            feedback.ended(run.tenantId(), run.appId(), run.environment(), page.stream()
                    .map(a -> new EndedToken(a.token(), ActivityFeedback.ENDED_BY_CAMPAIGN, a.acceptedAt())).toList());
            after = page.isEmpty() ? after : page.get(page.size() - 1).id();
        } while (page.size() == ENDED_PAGE);
    }
}
