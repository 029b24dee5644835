package dev.pushdeck.history;

import dev.pushdeck.dispatch.DeliveryStatus;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One delivery as listed: to whom, its apns-id (null until its first attempt draws it; every
 * attempt then carries the same one), what became of it, and Apple's apns-unique-id when Apple
 * gave one (sandbox sends and broadcasts), which Apple's Push Notifications Console looks up;
 * when the app reported it received and opened, if it did; and for a run with content variants,
 * which wording it got.
 *
 * @param variant which of its run's payloads it carries (0, the default, for every run without variants)
 * @param wording the version and language that variant stands for; null for a run without variants
 */
public record DeliveryEntry(long id, UUID runId, UUID deviceId, String token, @Nullable UUID apnsId,
                            DeliveryStatus status, int attempts, @Nullable Integer statusCode, @Nullable String reason,
                            @Nullable Instant appleTimestamp, Instant releaseAt, @Nullable Instant lastAttemptAt,
                            @Nullable Instant acceptedAt, @Nullable UUID apnsUniqueId, @Nullable Instant receivedAt,
                            @Nullable Instant openedAt, int variant, @Nullable SentWording wording) {

    /** A delivery as the log or the queue holds it, before the app's reports are looked up. */
    public DeliveryEntry(long id, UUID runId, UUID deviceId, String token, @Nullable UUID apnsId,
                         DeliveryStatus status, int attempts, @Nullable Integer statusCode, @Nullable String reason,
                         @Nullable Instant appleTimestamp, Instant releaseAt, @Nullable Instant lastAttemptAt,
                         @Nullable Instant acceptedAt, @Nullable UUID apnsUniqueId, int variant) {
        this(id, runId, deviceId, token, apnsId, status, attempts, statusCode, reason, appleTimestamp, releaseAt,
                lastAttemptAt, acceptedAt, apnsUniqueId, null, null, variant, null);
    }

    public DeliveryEntry reported(@Nullable Instant received, @Nullable Instant opened) {
        return new DeliveryEntry(id, runId, deviceId, token, apnsId, status, attempts, statusCode, reason,
                appleTimestamp, releaseAt, lastAttemptAt, acceptedAt, apnsUniqueId, received, opened, variant,
                wording);
    }

    public DeliveryEntry worded(SentWording sent) {
        return new DeliveryEntry(id, runId, deviceId, token, apnsId, status, attempts, statusCode, reason,
                appleTimestamp, releaseAt, lastAttemptAt, acceptedAt, apnsUniqueId, receivedAt, openedAt, variant, sent);
    }

    /**
     * Whether it is one of an A/B test's rest still waiting for the test to be decided: queued with
     * no time to be sent at, so its release time means nothing (docs/decisions/058-ab-tests.md).
     */
    public boolean heldForWinner() {
        return wording != null && wording.rest() && wording.version() == null && status == DeliveryStatus.PENDING;
    }
}
