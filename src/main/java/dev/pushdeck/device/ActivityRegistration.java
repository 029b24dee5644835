package dev.pushdeck.device;

import dev.pushdeck.app.ApnsEnvironment;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One Live Activity token of a device, as stored.
 *
 * @param token          normalized lower-case hex
 * @param attributesType the ActivityAttributes type it belongs to
 * @param activityId     the app's own id of the activity, or null
 * @param endedAt        when it ended, or null while ACTIVE
 * @param endReason      why it ended ({@code EndedByApp}, {@code EndedByCampaign}, or APNs' reason), or null
 * @param expiresAt      for update tokens, when the system ends the activity at the latest; null for push-to-start
 */
public record ActivityRegistration(UUID id, UUID appId, UUID deviceId, ApnsEnvironment environment, String token,
                                   ActivityKind kind, String attributesType, @Nullable String activityId,
                                   ActivityStatus status, @Nullable Instant endedAt, @Nullable String endReason,
                                   @Nullable Instant expiresAt, Instant registeredAt,
                                   Instant createdAt) {

    /** Whether a campaign sent at {@code now} reaches it. */
    public boolean live(Instant now) {
        return status == ActivityStatus.ACTIVE && (expiresAt == null || expiresAt.isAfter(now));
    }
}
