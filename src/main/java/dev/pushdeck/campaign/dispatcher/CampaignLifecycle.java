package dev.pushdeck.campaign.dispatcher;

import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignStatus;
import dev.pushdeck.campaign.LaunchPlan;
import dev.pushdeck.campaign.internal.CampaignRepository;
import dev.pushdeck.campaign.internal.CampaignRules;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.error.ValidationException.FieldError;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Status changes the dispatcher makes, on worker threads without a principal: tenant ids
 * are explicit and there is no role check (the dispatcher is trusted code; never expose
 * this to people or the API). Every change is one guarded UPDATE, so concurrent callers
 * on any number of nodes cannot both win; a method answers whether its change applied.
 *
 * <p>{@link #lockNextDue} and {@link #startSending} join the caller's transaction
 * ({@link Propagation#MANDATORY}): the dispatcher enqueues deliveries in the same
 * transaction, so a launch is all or nothing. The {@code mark*} methods join one or start
 * their own. Thread-safe.
 */
@Service
public class CampaignLifecycle {

    private final CampaignRepository campaigns;

    CampaignLifecycle(CampaignRepository campaigns) {
        this.campaigns = campaigns;
    }

    /**
     * Locks the SCHEDULED campaign due longest (by database time) for the rest of the caller's
     * transaction, skipping rows another transaction holds and the campaigns in
     * {@code passedOver}; the caller then launches it with {@link #startSending} or marks it
     * failed. Each due campaign is answered to exactly one caller at a time, on any node.
     *
     * @return empty when no other campaign is due
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<DueCampaign> lockNextDue(Collection<UUID> passedOver) {
        return campaigns.lockNextDue(passedOver);
    }

    /**
     * A DRAFT or SCHEDULED campaign → SENDING ("send now", or the scheduler's launch); empty
     * when it is in another state or unknown. The row stays locked until the caller's
     * transaction ends.
     *
     * @throws ValidationException when the campaign cannot be sent as it is stored (a priority
     *                             this server cannot send, left by an earlier version); nothing changed
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<LaunchPlan> startSending(UUID tenantId, UUID campaignId) {
        Optional<Campaign> campaign = campaigns.lock(tenantId, campaignId);
        if (campaign.isEmpty() || !campaign.get().status().editable()) {
            return Optional.empty();
        }
        List<FieldError> problems = CampaignRules.sendingProblems(campaign.get().draft());
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return campaigns.startSending(tenantId, campaignId);
    }

    /** SENDING → COMPLETED (every delivery has an outcome). */
    @Transactional
    public boolean markCompleted(UUID tenantId, UUID campaignId) {
        return campaigns.transition(tenantId, campaignId, EnumSet.of(CampaignStatus.SENDING),
                CampaignStatus.COMPLETED, null);
    }

    /** SCHEDULED, SENDING or PAUSED → FAILED, keeping the reason (e.g. APNs refused the topic). */
    @Transactional
    public boolean markFailed(UUID tenantId, UUID campaignId, String reason) {
        return campaigns.transition(tenantId, campaignId,
                EnumSet.of(CampaignStatus.SCHEDULED, CampaignStatus.SENDING, CampaignStatus.PAUSED),
                CampaignStatus.FAILED, truncate(reason));
    }

    /** SENDING → PAUSED (e.g. the app's credential stopped working), keeping the reason. */
    @Transactional
    public boolean markPaused(UUID tenantId, UUID campaignId, String reason) {
        return campaigns.transition(tenantId, campaignId, EnumSet.of(CampaignStatus.SENDING), CampaignStatus.PAUSED,
                truncate(reason));
    }

    /** PAUSED → SENDING. */
    @Transactional
    public boolean markResumed(UUID tenantId, UUID campaignId) {
        return campaigns.transition(tenantId, campaignId, EnumSet.of(CampaignStatus.PAUSED), CampaignStatus.SENDING,
                null);
    }

    /** SCHEDULED, SENDING or PAUSED → CANCELLED. */
    @Transactional
    public boolean markCancelled(UUID tenantId, UUID campaignId) {
        return campaigns.transition(tenantId, campaignId,
                EnumSet.of(CampaignStatus.SCHEDULED, CampaignStatus.SENDING, CampaignStatus.PAUSED),
                CampaignStatus.CANCELLED, null);
    }

    private static String truncate(String reason) {
        return reason == null || reason.length() <= 500 ? reason : reason.substring(0, 500);
    }
}
