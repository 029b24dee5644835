package dev.pushdeck.history;

import dev.pushdeck.dispatch.DeliveryStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * One delivery as listed: to whom, its apns-id (null until its first attempt draws it; every
 * attempt then carries the same one), what became of it, and Apple's apns-unique-id when Apple
 * gave one (sandbox sends and broadcasts), which Apple's Push Notifications Console looks up;
 * and when the app reported it received and opened, if it did.
 */
public record DeliveryEntry(long id, UUID runId, UUID deviceId, String token, UUID apnsId, DeliveryStatus status,
                           int attempts, Integer statusCode, String reason, Instant appleTimestamp,
                           Instant releaseAt, Instant lastAttemptAt, Instant acceptedAt, UUID apnsUniqueId,
                           Instant receivedAt, Instant openedAt) {

    /** A delivery as the log or the queue holds it, before the app's reports are looked up. */
    public DeliveryEntry(long id, UUID runId, UUID deviceId, String token, UUID apnsId, DeliveryStatus status,
                        int attempts, Integer statusCode, String reason, Instant appleTimestamp, Instant releaseAt,
                        Instant lastAttemptAt, Instant acceptedAt, UUID apnsUniqueId) {
        this(id, runId, deviceId, token, apnsId, status, attempts, statusCode, reason, appleTimestamp, releaseAt,
                lastAttemptAt, acceptedAt, apnsUniqueId, null, null);
    }

    public DeliveryEntry reported(Instant received, Instant opened) {
        return new DeliveryEntry(id, runId, deviceId, token, apnsId, status, attempts, statusCode, reason,
                appleTimestamp, releaseAt, lastAttemptAt, acceptedAt, apnsUniqueId, received, opened);
    }
}
