package dev.pushdeck.dispatch;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.sending.SendingCredentials;
import dev.pushdeck.dispatch.internal.ClaimRepository;
import dev.pushdeck.dispatch.internal.OutcomeRepository.ResultRow;
import dev.pushdeck.dispatch.internal.OutcomeRepository;
import dev.pushdeck.dispatch.internal.RunRepository.RunRef;
import dev.pushdeck.dispatch.internal.RunRepository.SendableRun;
import dev.pushdeck.dispatch.internal.RunRepository;
import dev.pushdeck.dispatch.internal.SettlementRepository.RunTally;
import dev.pushdeck.dispatch.internal.SettlementRepository;
import dev.pushdeck.dispatch.policy.Outcome;
import dev.pushdeck.dispatch.policy.OutcomePolicy;
import dev.pushdeck.dispatch.policy.ReplyClass;
import dev.pushdeck.dispatch.policy.RunGuard;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a batch of judged replies and acts on them, in one transaction: the outcome rows
 * (fenced by attempt number, so a late reply never overwrites a newer attempt), then, for
 * the rows that landed, their effects: a device gone from its app is marked (a Live Activity
 * token ends; see {@link TokenFeedback}), a refused credential pauses its app's environment, a
 * refused notification stops its run, and a run
 * whose refusals dominate is stopped by the {@link RunGuard} before any device is marked.
 * After the commit, runs with deliveries due again are woken and finished runs completed.
 *
 * <p>Called by the writer threads, several batches at once; holds no state of its own.
 */
final class AnswerRecorder {

    /** What the claimer should hear of after a batch. */
    interface Listener {
        /** A run's app environment was paused, or a run was stopped or woken: the candidates changed. */
        void candidatesChanged();

        /** Runs were stopped (committed): what they left queued can be drained. */
        void runsStopped();
    }

    private final OutcomeRepository outcomes;
    private final ClaimRepository claims;
    private final RunRepository runs;
    private final SettlementRepository settled;
    private final SendingCredentials credentials;
    private final TokenFeedback feedback;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final DispatchMetrics metrics;
    private final RunGuard guard;
    private final ApnsClients clients;
    private final Listener listener;

    AnswerRecorder(WorkerServices services, Listener listener) {
        this.outcomes = services.outcomes();
        this.claims = services.claims();
        this.runs = services.runs();
        this.settled = services.settled();
        this.credentials = services.credentials();
        this.feedback = services.feedback();
        this.events = services.events();
        this.transactions = services.transactions();
        this.metrics = services.metrics();
        this.guard = services.guard();
        this.clients = services.clients();
        this.listener = listener;
    }

    /**
     * Records {@code batch}; answers the runs with deliveries due again (and when), for the
     * caller to wake after this returns.
     */
    Map<UUID, Instant> record(List<Answered> batch) {
        List<ResultRow> rows = batch.stream().map(AnswerRecorder::row).toList();
        Map<UUID, Instant> dueAgain = new HashMap<>();
        Effects effects = new Effects();
        transactions.executeWithoutResult(status -> {
            Set<Long> landed = new HashSet<>(outcomes.writeResults(rows));
            for (Answered answered : batch) {
                if (landed.contains(answered.claim().id())) {
                    act(answered, effects, dueAgain);
                }
            }
            effects.apply();
        });
        if (!effects.pauses.isEmpty() || !effects.stops.isEmpty()) {
            listener.candidatesChanged();
        }
        if (!effects.stops.isEmpty()) {
            listener.runsStopped();
        }
        return dueAgain;
    }

    /** Wakes runs with deliveries due again and completes runs with nothing left; outside any transaction. */
    void afterRecord(Map<UUID, Instant> dueAgain, Collection<UUID> settledRuns) {
        dueAgain.forEach(claims::wake);
        if (!dueAgain.isEmpty()) {
            listener.candidatesChanged();
        }
        if (!settledRuns.isEmpty()) {
            transactions.executeWithoutResult(status -> {
                for (RunRef run : runs.completeFinished(settledRuns)) {
                    events.publishEvent(new RunCompleted(run.tenantId(), run.runId()));
                }
            });
        }
    }

    private static ResultRow row(Answered answered) {
        Outcome outcome = answered.outcome();
        return new ResultRow(answered.claim().id(), answered.claim().attempt(), outcome.status(),
                outcome.statusCode(), outcome.reason(), outcome.appleTimestamp(), outcome.retryAt(), outcome.refund(),
                outcome.uniqueId());
    }

    private void act(Answered answered, Effects effects, Map<UUID, Instant> dueAgain) {
        SendableRun run = answered.run();
        Outcome outcome = answered.outcome();
        ReplyClass kind = outcome.replyClass();
        switch (kind.settle()) {
            case ACCEPTED -> metrics.accepted();
            case REJECTED -> metrics.rejected(outcome.reason());
            case RETRY, GIVE_BACK -> {
                if (outcome.status() == DeliveryStatus.PENDING) {
                    dueAgain.merge(run.id(), outcome.retryAt(), (a, b) -> a.isBefore(b) ? a : b);
                    if (kind.settle() == ReplyClass.Settle.RETRY) {
                        metrics.retried(outcome.reason());
                    }
                } else {
                    gaveUp(outcome);
                }
            }
            case GIVE_UP -> gaveUp(outcome);
        }
        if (kind == ReplyClass.DEVICE_GONE) {
            Instant when = outcome.appleTimestamp() == null ? Instant.now() : outcome.appleTimestamp();
            feedback.gone(run.tenantId(), run.appId(), run.environment(), run.pushType(), answered.claim().deviceId(),
                    answered.claim().token(), when,
                    Objects.requireNonNull(outcome.reason(), "a refusal has a reason"));
        } else if (kind == ReplyClass.CREDENTIAL) {
            effects.pauses.putIfAbsent(new AppEnvironment(run.tenantId(), run.appId(), run.environment()),
                    OutcomePolicy.pauseReason(outcome.statusCode(), outcome.reason()));
        } else if (kind.stopsRun()) {
            effects.stops.putIfAbsent(run, OutcomePolicy.stopReason(kind, outcome.reason()));
        } else if (kind.isRefusal()) {
            effects.refused.add(run);
        }
    }

    private void gaveUp(Outcome outcome) {
        if (outcome.status() == DeliveryStatus.EXPIRED) {
            metrics.expired();
        } else {
            metrics.failed();
        }
    }

    private record AppEnvironment(UUID tenantId, UUID appId, ApnsEnvironment environment) {
    }

    /** What a batch does beyond its rows, gathered so each pause and stop happens once. */
    private final class Effects {
        final Map<AppEnvironment, String> pauses = new LinkedHashMap<>();
        final Map<SendableRun, String> stops = new LinkedHashMap<>();
        final Set<SendableRun> refused = new HashSet<>();

        void apply() {
            pauses.forEach((key, reason) -> {
                credentials.pauseSending(key.tenantId(), key.appId(), key.environment(), reason);
                clients.forget(key.tenantId(), key.appId(), key.environment());
            });
            if (!refused.isEmpty()) {
                Map<UUID, SendableRun> byId = new HashMap<>();
                refused.forEach(run -> byId.put(run.id(), run));
                for (RunTally tally : settled.tallies(byId.keySet())) {
                    String reason = guard.stopReason(new RunGuard.Tally(tally.accepted(), refusals(tally)));
                    if (reason != null) {
                        stops.putIfAbsent(byId.get(tally.runId()), reason);
                    }
                }
            }
            stops.forEach((run, reason) -> {
                if (runs.stopRun(run.id(), RunStatus.FAILED, reason)) {
                    events.publishEvent(new RunStopped(run.tenantId(), run.id(), RunStatus.FAILED, reason));
                }
            });
        }
    }

    /** The token refusals among a run's reasons (its counters also hold other rejections and failures). */
    static Map<String, Long> refusals(RunTally tally) {
        Map<String, Long> refusals = new HashMap<>();
        tally.reasons().forEach((reason, count) -> {
            if (OutcomePolicy.isTokenRefusal(reason)) {
                refusals.put(reason, count);
            }
        });
        return refusals;
    }
}
