package dev.pushdeck.dispatch;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One broadcast to a channel and Apple's answer: one request reaches every activity subscribed
 * to the channel, so this is the whole delivery.
 *
 * @param id           null until it is recorded
 * @param status       ACCEPTED (Apple took it), REJECTED (Apple refused it: {@code reason}) or FAILED (no answer)
 * @param statusCode   Apple's HTTP status, or null when none came
 * @param expiresAt    the apns-expiration sent, or null for 0 (nothing stored for offline devices)
 * @param apnsUniqueId Apple's id of an accepted broadcast, for its Push Notifications Console
 * @param sentAt       null until it is recorded
 */
public record ChannelBroadcast(@Nullable UUID id, UUID channelRef, String payload, int priority,
                               @Nullable Instant expiresAt, String status, @Nullable Integer statusCode,
                               @Nullable String reason, @Nullable UUID apnsRequestId, @Nullable UUID apnsUniqueId,
                               String sentBy, @Nullable Instant sentAt) {

    public boolean accepted() {
        return "ACCEPTED".equals(status);
    }
}
