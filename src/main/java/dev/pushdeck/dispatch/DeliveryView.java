package dev.pushdeck.dispatch;

import java.time.Instant;
import java.util.UUID;

/**
 * One delivery as listed: to whom, its apns-id (null until its first attempt draws it; every
 * attempt then carries the same one), and what became of it.
 */
public record DeliveryView(long id, UUID runId, UUID deviceId, String token, UUID apnsId, DeliveryStatus status,
                           int attempts, Integer statusCode, String reason, Instant appleTimestamp,
                           Instant releaseAt, Instant lastAttemptAt, Instant acceptedAt) {
}
