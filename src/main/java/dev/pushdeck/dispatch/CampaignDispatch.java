package dev.pushdeck.dispatch;

import dev.pushdeck.campaign.CampaignLaunched;
import dev.pushdeck.campaign.CampaignLifecycle;
import dev.pushdeck.campaign.CampaignSendingChanged;
import dev.pushdeck.campaign.LaunchPlan;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Connects campaigns to the delivery queue. A campaign sent now is fanned out in the
 * transaction that moved it to SENDING; the scheduler launches due campaigns (judged on
 * database time, so each fires once across nodes); pause, resume and cancel follow the
 * campaign; a finished run completes or fails its campaign.
 *
 * <p>Listeners run synchronously on the publisher's thread and inside its transaction.
 */
@Component
class CampaignDispatch {

    private static final Logger log = LoggerFactory.getLogger(CampaignDispatch.class);
    private static final int DUE_BATCH = 50;

    private final DispatchService dispatch;
    private final CampaignLifecycle lifecycle;
    private final TransactionTemplate transactions;
    private final boolean schedulerEnabled;

    CampaignDispatch(DispatchService dispatch, CampaignLifecycle lifecycle, TransactionTemplate transactions,
                     @Value("${pushdeck.scheduler.enabled:true}") boolean schedulerEnabled) {
        this.dispatch = dispatch;
        this.lifecycle = lifecycle;
        this.transactions = transactions;
        this.schedulerEnabled = schedulerEnabled;
    }

    @EventListener
    void launched(CampaignLaunched event) {
        dispatch.launch(request(event.plan()));
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
    void completed(RunCompleted event) {
        lifecycle.markCompleted(event.tenantId(), event.runId());
    }

    @EventListener
    void stopped(RunStopped event) {
        if (event.status() == RunStatus.FAILED) {
            lifecycle.markFailed(event.tenantId(), event.runId(), event.reason());
        }
    }

    /** The scheduler's tick; while the database is unreachable it skips (the next tick tries again). */
    @Scheduled(fixedDelayString = "${pushdeck.scheduler.interval:PT5S}")
    void launchDueCampaigns() {
        if (!schedulerEnabled) {
            return;
        }
        try {
            launchDue();
        } catch (DataAccessException | TransactionException e) {
            log.warn("Scheduler skipped: database unreachable ({})", e.getMessage());
        }
    }

    /**
     * Launches every campaign that is due now, in batches, each batch in one transaction
     * with its fan-out.
     *
     * @return how many campaigns were launched
     */
    int launchDue() {
        int launched = 0;
        int batch;
        do {
            batch = transactions.execute(status -> {
                List<LaunchPlan> due = lifecycle.takeDue(DUE_BATCH);
                due.forEach(plan -> dispatch.launch(request(plan)));
                return due.size();
            });
            launched += batch;
        } while (batch == DUE_BATCH);
        if (launched > 0) {
            log.info("Launched {} scheduled campaign(s)", launched);
        }
        return launched;
    }

    static LaunchRequest request(LaunchPlan plan) {
        return new LaunchRequest(plan.tenantId(), plan.campaignId(), plan.appId(), plan.environment(), plan.topic(),
                plan.payload(), plan.pushType().wire(), plan.priority(), plan.expiresAt(), plan.expiresAfter(),
                plan.collapseId(),
                plan.throttlePerMinute(), plan.audience(), plan.deviceLocalTime() ? plan.localTime() : null,
                plan.fallbackZone());
    }
}
