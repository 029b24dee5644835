package dev.pushdeck.dispatch;

import dev.pushdeck.app.ApnsEnvironment;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Exactly what a run sent: the payload and every APNs header as fixed at launch, whatever
 * happened to its campaign afterwards.
 *
 * @param payloadBytes      the payload's size in UTF-8 bytes
 * @param expiresAt           apns-expiration of every delivery, or null
 * @param expiresAfterSeconds each delivery's apns-expiration is its release plus this, or null (both null:
 *                            apns-expiration 0, APNs tries once)
 * @param throttlePerMinute the run's rate limit, or null for none
 * @param completedAt       when it completed, failed or was cancelled; null while open
 */
public record RunSnapshot(UUID runId, UUID appId, ApnsEnvironment environment, String topic, String payload,
                          int payloadBytes, String pushType, int priority, @Nullable Instant expiresAt,
                          @Nullable Long expiresAfterSeconds, @Nullable String collapseId,
                          @Nullable Integer throttlePerMinute, Instant launchedAt, @Nullable Instant completedAt) {
}
