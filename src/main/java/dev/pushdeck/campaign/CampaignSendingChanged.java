package dev.pushdeck.campaign;

import java.util.UUID;

/**
 * A sending campaign was paused, resumed or cancelled by a person or a token. Published
 * inside the transaction that changed its status, so the dispatcher's queue changes with it.
 */
public record CampaignSendingChanged(UUID tenantId, UUID campaignId, Change change) {

    public enum Change { PAUSED, RESUMED, CANCELLED }
}
