package dev.pushdeck.dispatch;

import java.time.Instant;
import java.util.UUID;

/**
 * One broadcast to a channel and Apple's answer: one request reaches every activity subscribed
 * to the channel, so this is the whole delivery.
 *
 * @param status       ACCEPTED (Apple took it), REJECTED (Apple refused it: {@code reason}) or FAILED (no answer)
 * @param statusCode   Apple's HTTP status, or null when none came
 * @param expiresAt    the apns-expiration sent, or null for 0 (nothing stored for offline devices)
 * @param apnsUniqueId Apple's id of an accepted broadcast, for its Push Notifications Console
 */
public record ChannelBroadcast(UUID id, UUID channelRef, String payload, int priority, Instant expiresAt,
                               String status, Integer statusCode, String reason, UUID apnsRequestId,
                               UUID apnsUniqueId, String sentBy, Instant sentAt) {

    public boolean accepted() {
        return "ACCEPTED".equals(status);
    }
}
