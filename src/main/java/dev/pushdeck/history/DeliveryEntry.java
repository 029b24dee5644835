package dev.pushdeck.history;

import dev.pushdeck.dispatch.DeliveryStatus;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One delivery as listed: to whom, its apns-id (null until its first attempt draws it; every
 * attempt then carries the same one), what became of it, and Apple's apns-unique-id when Apple
 * gave one (sandbox sends and broadcasts), which Apple's Push Notifications Console looks up;
 * and when the app reported it received and opened, if it did.
 */
public record DeliveryEntry(long id, UUID runId, UUID deviceId, String token, @Nullable UUID apnsId,
                            DeliveryStatus status, int attempts, @Nullable Integer statusCode, @Nullable String reason,
                            @Nullable Instant appleTimestamp, Instant releaseAt, @Nullable Instant lastAttemptAt,
                            @Nullable Instant acceptedAt, @Nullable UUID apnsUniqueId, @Nullable Instant receivedAt,
                            @Nullable Instant openedAt) {

    /** A delivery as the log or the queue holds it, before the app's reports are looked up. */
    public DeliveryEntry(long id, UUID runId, UUID deviceId, String token, @Nullable UUID apnsId,
                         DeliveryStatus status, int attempts, @Nullable Integer statusCode, @Nullable String reason,
                         @Nullable Instant appleTimestamp, Instant releaseAt, @Nullable Instant lastAttemptAt,
                         @Nullable Instant acceptedAt, @Nullable UUID apnsUniqueId) {
        this(id, runId, deviceId, token, apnsId, status, attempts, statusCode, reason, appleTimestamp, releaseAt,
                lastAttemptAt, acceptedAt, apnsUniqueId, null, null);
    }

    public DeliveryEntry reported(@Nullable Instant received, @Nullable Instant opened) {
        return new DeliveryEntry(id, runId, deviceId, token, apnsId, status, attempts, statusCode, reason,
                appleTimestamp, releaseAt, lastAttemptAt, acceptedAt, apnsUniqueId, received, opened);
    }
}
