package dev.pushdeck.campaign;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Narrows a campaign list; null parts do not filter. {@code text} matches the name,
 * {@code kind} keeps only campaigns, API sends or test sends.
 */
public record CampaignFilter(@Nullable CampaignStatus status, @Nullable UUID appId, @Nullable String text,
                             @Nullable CampaignKind kind) {

    public static final CampaignFilter ALL = new CampaignFilter(null, null, null, null);

    /** A filter over every kind. */
    public CampaignFilter(@Nullable CampaignStatus status, @Nullable UUID appId, @Nullable String text) {
        this(status, appId, text, null);
    }
}
