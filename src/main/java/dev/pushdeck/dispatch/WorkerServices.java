package dev.pushdeck.dispatch;

import dev.pushdeck.app.sending.SendingCredentials;
import dev.pushdeck.dispatch.internal.ClaimRepository;
import dev.pushdeck.dispatch.internal.OutcomeRepository;
import dev.pushdeck.dispatch.internal.RunRepository;
import dev.pushdeck.dispatch.internal.SettlementRepository;
import dev.pushdeck.dispatch.policy.OutcomePolicy;
import dev.pushdeck.dispatch.policy.RunGuard;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every {@link DispatchWorker} of a node shares; made once by the {@link DispatchEngine}.
 *
 * @param drainSoon asks for stopped runs to be drained in the background
 */
record WorkerServices(RunRepository runs, ClaimRepository claims, OutcomeRepository outcomes,
                      SettlementRepository settled, ApnsClients clients, SendingCredentials credentials,
                      TokenFeedback feedback, ApplicationEventPublisher events, TransactionTemplate transactions,
                      DispatchSettings settings, DispatchMetrics metrics, OutcomePolicy policy, RunGuard guard,
                      Runnable drainSoon) {
}
