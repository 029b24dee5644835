package dev.pushdeck.app;

import java.time.Instant;
import java.util.UUID;

/**
 * An iOS app of a team.
 *
 * @param bundleId     the app's bundle identifier, the default APNs topic
 * @param pausedReason why sending is paused, or {@code null} when the app may send
 */
public record PushApp(UUID id, String name, String bundleId, String createdBy, Instant createdAt,
                      String pausedReason, Instant pausedAt) {

    public boolean paused() {
        return pausedReason != null;
    }
}
