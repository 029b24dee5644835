package dev.pushdeck.campaign;

import java.time.Instant;
import java.util.UUID;

/**
 * Where a campaign stands in the newest-first list (created, then id): the cursor a long
 * walk through the list continues from, served by the (team, created, id) indexes.
 */
public record CampaignPosition(Instant createdAt, UUID id) {

    public static CampaignPosition of(Campaign campaign) {
        return new CampaignPosition(campaign.createdAt(), campaign.id());
    }
}
