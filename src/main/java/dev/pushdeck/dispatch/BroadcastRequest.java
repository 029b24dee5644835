package dev.pushdeck.dispatch;

import dev.pushdeck.app.ApnsEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A campaign's broadcast to a channel, fixed at launch: one request to Apple, which hands it to
 * every Live Activity subscribed to the channel (docs/decisions/044-broadcast-campaigns.md).
 *
 * @param runId        the run's id (the campaign's, so it launches at most once)
 * @param channel      the id of the app's listed channel; Apple's id of it is looked up at launch
 * @param topic        the campaign's apns-topic: the bundle id with Apple's Live Activity suffix
 * @param payload      the Live Activity update or end as sent
 * @param priority     5 or 10
 * @param expiresAt    the apns-expiration, or null
 * @param expiresAfter the apns-expiration relative to the launch, or null (with neither Apple stores nothing)
 */
public record BroadcastRequest(UUID tenantId, UUID runId, UUID appId, ApnsEnvironment environment, UUID channel,
                               String topic, String payload, int priority, @Nullable Instant expiresAt,
                               @Nullable Duration expiresAfter) {

    public BroadcastRequest {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(channel, "channel");
    }

    /** The absolute apns-expiration of a broadcast launched at {@code launch}, or null for none. */
    @Nullable Instant expiration(Instant launch) {
        return expiresAt != null ? expiresAt : expiresAfter == null ? null : launch.plus(expiresAfter);
    }
}
