package dev.pushdeck.app;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An iOS app of a team.
 *
 * @param bundleId     the app's bundle identifier, the default APNs topic
 * @param pausedReason            why sending is paused, or {@code null} when the app may send
 * @param registrationKeyRate     the app's own registrations per second per app key, or {@code null}
 *                                for the node-wide setting
 * @param registrationAddressRate the same per client address
 */
public record PushApp(UUID id, String name, String bundleId, String createdBy, Instant createdAt,
                      @Nullable String pausedReason, @Nullable Instant pausedAt,
                      @Nullable Integer registrationKeyRate, @Nullable Integer registrationAddressRate) {

    public boolean paused() {
        return pausedReason != null;
    }
}
