package dev.pushdeck.dispatch;

import dev.pushdeck.device.Environment;
import java.time.Instant;
import java.util.UUID;

/**
 * Exactly what a run sent: the payload and every APNs header as fixed at launch, whatever
 * happened to its campaign afterwards.
 *
 * @param payloadBytes      the payload's size in UTF-8 bytes
 * @param expiresAt         apns-expiration, or null
 * @param throttlePerMinute the run's rate limit, or null for none
 * @param completedAt       when it completed, failed or was cancelled; null while open
 */
public record RunSnapshot(UUID runId, UUID appId, Environment environment, String topic, String payload,
                          int payloadBytes, String pushType, int priority, Instant expiresAt, String collapseId,
                          Integer throttlePerMinute, Instant launchedAt, Instant completedAt) {
}
