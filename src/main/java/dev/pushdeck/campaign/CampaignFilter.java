package dev.pushdeck.campaign;

import java.util.UUID;

/**
 * Narrows a campaign list; null parts do not filter. {@code text} matches the name,
 * {@code kind} keeps only campaigns, API sends or test sends.
 */
public record CampaignFilter(CampaignStatus status, UUID appId, String text, CampaignKind kind) {

    public static final CampaignFilter ALL = new CampaignFilter(null, null, null, null);

    /** A filter over every kind. */
    public CampaignFilter(CampaignStatus status, UUID appId, String text) {
        this(status, appId, text, null);
    }
}
