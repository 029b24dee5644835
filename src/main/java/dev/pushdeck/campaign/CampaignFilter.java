package dev.pushdeck.campaign;

import java.util.UUID;

/** Narrows a campaign list; null parts do not filter. {@code text} matches the name. */
public record CampaignFilter(CampaignStatus status, UUID appId, String text) {

    public static final CampaignFilter ALL = new CampaignFilter(null, null, null);
}
