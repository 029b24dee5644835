package dev.pushdeck.campaign.dispatcher;

import java.util.UUID;

/** A scheduled campaign whose time has come, locked for the scheduler's transaction. */
public record DueCampaign(UUID tenantId, UUID campaignId) {
}
