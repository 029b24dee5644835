package dev.pushdeck.history.api;

import dev.pushdeck.history.DeliveryEntry;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One delivery in the API. {@code id} is the cursor for {@code after}/{@code before};
 * {@code campaignId} says which send it belongs to (the run id is the campaign id);
 * {@code apnsUniqueId} is Apple's id of a sandbox send or broadcast in its Push Notifications Console;
 * {@code receivedAt} and {@code openedAt} are when the app reported it received and opened (absent when it did not).
 */
record DeliveryJson(long id, UUID campaignId, String token, String status, int attempts, @Nullable UUID apnsId,
                    @Nullable Integer statusCode, @Nullable String reason, @Nullable Instant lastAttemptAt,
                    @Nullable Instant acceptedAt, @Nullable Instant appleTimestamp, @Nullable UUID apnsUniqueId,
                    @Nullable Instant receivedAt, @Nullable Instant openedAt) {

    static DeliveryJson of(DeliveryEntry d) {
        return new DeliveryJson(d.id(), d.runId(), d.token(), d.status().name(), d.attempts(), d.apnsId(),
                d.statusCode(), d.reason(), d.lastAttemptAt(), d.acceptedAt(), d.appleTimestamp(), d.apnsUniqueId(),
                d.receivedAt(), d.openedAt());
    }
}
