package dev.pushdeck.campaign;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A stored campaign of the current team.
 *
 * @param audienceCount how many devices the audience matched when it was last saved
 * @param scheduledAt   the launch instant (earliest one for device-local time), or null
 * @param statusReason  why it failed or paused, or null
 */
public record Campaign(UUID id, UUID appId, CampaignKind kind, CampaignDraft draft, Payload payload,
                       long audienceCount, @Nullable Instant scheduledAt, CampaignStatus status, @Nullable String statusReason,
                       String createdBy, Instant createdAt, Instant updatedAt, @Nullable Instant launchedAt,
                       @Nullable Instant completedAt) {

    public String name() {
        return draft.name();
    }
}
