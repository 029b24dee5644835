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
 * @param capPerDay               the frequency cap per device in any 24 hours, or {@code null} for none
 * @param capPerWeek              the same in any 7 days
 */
public record PushApp(UUID id, String name, String bundleId, String createdBy, Instant createdAt,
                      @Nullable String pausedReason, @Nullable Instant pausedAt,
                      @Nullable Integer registrationKeyRate, @Nullable Integer registrationAddressRate,
                      @Nullable Integer capPerDay, @Nullable Integer capPerWeek) {

    public boolean paused() {
        return pausedReason != null;
    }

    /** The app's frequency cap, or null when its campaigns are not capped. */
    public @Nullable FrequencyCap frequencyCap() {
        return FrequencyCap.of(capPerDay, capPerWeek);
    }
}
