package dev.pushdeck.dispatch;

import dev.pushdeck.campaign.AbTestWinnerPicked;
import dev.pushdeck.campaign.CampaignLaunched;
import dev.pushdeck.campaign.CampaignSendingChanged;
import dev.pushdeck.campaign.LaunchPlan;
import dev.pushdeck.campaign.dispatcher.CampaignLifecycle;
import dev.pushdeck.campaign.dispatcher.DueCampaign;
import dev.pushdeck.shared.error.PushdeckException;
import dev.pushdeck.shared.i18n.StoredReasons;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Connects campaigns to the delivery queue. A campaign sent now is fanned out in the
 * transaction that moved it to SENDING; the scheduler launches due campaigns (judged on
 * database time, so each fires once across nodes); pause, resume and cancel follow the
 * campaign; a finished run completes or fails its campaign.
 *
 * <p>Listeners run synchronously on the publisher's thread and inside its transaction (why these are
 * events and none is asynchronous: docs/decisions/057-events-are-inverted-calls.md).
 */
@Component
class CampaignDispatch {

    private static final Logger log = LoggerFactory.getLogger(CampaignDispatch.class);

    private final DispatchService dispatch;
    private final SplitTests splitTests;
    private final CampaignLifecycle lifecycle;
    private final TransactionTemplate transactions;
    private final boolean schedulerEnabled;

    CampaignDispatch(DispatchService dispatch, SplitTests splitTests, CampaignLifecycle lifecycle,
                     TransactionTemplate transactions,
                     @Value("${pushdeck.scheduler.enabled:true}") boolean schedulerEnabled) {
        this.dispatch = dispatch;
        this.splitTests = splitTests;
        this.lifecycle = lifecycle;
        this.transactions = transactions;
        this.schedulerEnabled = schedulerEnabled;
    }

    @EventListener
    void launched(CampaignLaunched event) {
        launch(event.plan());
    }

    /** A broadcast to a channel is one request; every other campaign fans out to the queue. */
    private void launch(LaunchPlan plan) {
        if (plan.broadcast()) {
            dispatch.launchBroadcast(new BroadcastRequest(plan.tenantId(), plan.campaignId(), plan.appId(),
                    plan.environment(), Objects.requireNonNull(plan.channel(), "a broadcast names its channel"),
                    plan.topic(), plan.payload(), plan.priority(),
                    plan.expiresAt(), plan.expiresAfter()));
        } else {
            dispatch.launch(request(plan));
        }
    }

    @EventListener
    void sendingChanged(CampaignSendingChanged event) {
        if (!dispatch.exists(event.tenantId(), event.campaignId())) {
            // A campaign that never reached the queue has nothing queued to change; its status still changes.
            return;
        }
        switch (event.change()) {
            case PAUSED -> dispatch.pause(event.tenantId(), event.campaignId());
            case RESUMED -> dispatch.resume(event.tenantId(), event.campaignId());
            case CANCELLED -> dispatch.cancel(event.tenantId(), event.campaignId());
        }
    }

    @EventListener
    void winnerPicked(AbTestWinnerPicked event) {
        splitTests.pick(event.tenantId(), event.campaignId(), event.version(), event.pickedBy());
    }

    @EventListener
    void completed(RunCompleted event) {
        lifecycle.markCompleted(event.tenantId(), event.runId());
    }

    @EventListener
    void stopped(RunStopped event) {
        if (event.status() == RunStatus.FAILED) {
            lifecycle.markFailed(event.tenantId(), event.runId(), event.reason());
        }
    }

    /**
     * The scheduler's tick: launches due campaigns, then decides A/B tests whose wait has passed
     * and releases the rest of decided ones ({@link SplitTests}). While the database is unreachable it skips, marking nothing failed
     * (the next tick tries again). It runs on Spring's scheduling pool, which has a thread for
     * every scheduled task ({@code spring.task.scheduling.pool.size}, decision 025), so a long
     * retention purge or reaper pass never delays a launch.
     */
    @Scheduled(fixedDelayString = "${pushdeck.scheduler.interval:PT5S}")
    void launchDueCampaigns() {
        if (!schedulerEnabled) {
            return;
        }
        try {
            launchDue();
            splitTests.decideDue();
            splitTests.releaseDecided();
        } catch (DataAccessException | TransactionException e) {
            log.warn("Scheduler skipped: database unreachable ({})", e.getMessage());
        }
    }

    /**
     * Launches every campaign that is due now (by database time), each in a transaction of its
     * own with its fan-out, so one campaign never holds back another
     * (docs/decisions/025-launch-faults-and-stored-expiration.md). Each is locked with
     * {@code FOR UPDATE SKIP LOCKED}, so it fires once across nodes.
     * <ul>
     * <li>A campaign refused for a reason of its own (the campaign rules or the dispatcher refuse
     * it as it is stored, e.g. priority 1 from an earlier version) becomes FAILED with that
     * reason as a message key ({@link StoredReasons}), logged once at WARN. An unexpected error
     * fails it the same way with a general reason, logged with its stack trace.</li>
     * <li>A campaign whose launch meets a database error stays SCHEDULED and is passed over
     * until the next tick.</li>
     * </ul>
     *
     * @return how many campaigns were launched
     * @throws DataAccessException  when the database cannot be reached: the tick ends, nothing is marked failed
     * @throws TransactionException likewise
     */
    int launchDue() {
        Set<UUID> passedOver = new HashSet<>();
        int launched = 0;
        DueLaunch outcome;
        while ((outcome = launchNextDue(passedOver)) != DueLaunch.NONE_DUE) {
            launched += outcome == DueLaunch.LAUNCHED ? 1 : 0;
        }
        if (launched > 0) {
            log.info("Launched {} scheduled campaign(s)", launched);
        }
        return launched;
    }

    private enum DueLaunch { LAUNCHED, FAILED, PASSED_OVER, NONE_DUE }

    private DueLaunch launchNextDue(Set<UUID> passedOver) {
        AtomicReference<DueCampaign> locked = new AtomicReference<>();
        try {
            return transactions.execute(status -> lifecycle.lockNextDue(passedOver).map(due -> {
                locked.set(due);
                return launchOrFail(due, status);
            }).orElse(DueLaunch.NONE_DUE));
        } catch (DataAccessException | TransactionException e) {
            if (locked.get() == null) {
                throw e;
            }
            passedOver.add(locked.get().campaignId());
            log.warn("Campaign {} stays scheduled until the next tick: its launch met a database error ({})",
                    locked.get().campaignId(), e.getMessage());
            return DueLaunch.PASSED_OVER;
        }
    }

    /** A refused launch is rolled back to before it began, and the campaign fails in the same transaction. */
    private DueLaunch launchOrFail(DueCampaign due, TransactionStatus status) {
        Object beforeLaunch = status.createSavepoint();
        try {
            // Locked and SCHEDULED, so it can be started.
            launch(lifecycle.startSending(due.tenantId(), due.campaignId()).orElseThrow());
            return DueLaunch.LAUNCHED;
        } catch (DataAccessException | TransactionException e) {
            throw e;
        } catch (PushdeckException refusal) {
            status.rollbackToSavepoint(beforeLaunch);
            lifecycle.markFailed(due.tenantId(), due.campaignId(), StoredReasons.of(refusal));
            log.warn("Scheduled campaign {} of team {} failed at launch: {}", due.campaignId(), due.tenantId(),
                    refusal.getMessage());
        } catch (RuntimeException unexpected) {
            status.rollbackToSavepoint(beforeLaunch);
            lifecycle.markFailed(due.tenantId(), due.campaignId(), StoredReasons.of("campaign.launch.failed"));
            log.error("Scheduled campaign {} of team {} failed at launch", due.campaignId(), due.tenantId(),
                    unexpected);
        }
        return DueLaunch.FAILED;
    }

    static LaunchRequest request(LaunchPlan plan) {
        return new LaunchRequest(plan.tenantId(), plan.campaignId(), plan.appId(), plan.environment(), plan.topic(),
                plan.payload(), plan.pushType().wire(), plan.priority(), plan.expiresAt(), plan.expiresAfter(),
                plan.collapseId(),
                plan.throttlePerMinute(),
                Objects.requireNonNull(plan.audience(), "a campaign that reaches devices has an audience"),
                plan.deviceLocalTime() ? plan.localTime() : null,
                plan.fallbackZone(), plan.deliveryKey(), plan.quietHours(), plan.frequencyCap(), plan.variants(),
                plan.split());
    }
}
