package dev.pushdeck.dispatch.policy;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The times that bound one delivery.
 *
 * @param attempt     how often it has been handed to a client, this time included
 * @param releaseAt   when it became due for the first time (the launch, or the device's local time)
 * @param expiresAt   its own apns-expiration, or null when APNs is to try once (apns-expiration 0)
 * @param lastReason  the reason of its last retried reply, or null
 */
public record DeliveryClock(int attempt, Instant releaseAt, @Nullable Instant expiresAt, @Nullable String lastReason) {

    /** When the dispatcher gives up: the notification's own expiration, else the end of the retry window. */
    public Instant deadline(Duration retryWindow) {
        return expiresAt != null ? expiresAt : releaseAt.plus(retryWindow);
    }
}
