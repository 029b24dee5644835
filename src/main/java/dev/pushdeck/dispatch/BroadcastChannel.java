package dev.pushdeck.dispatch;

import dev.pushdeck.app.ApnsEnvironment;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A broadcast channel of an app in one environment, as created at Apple.
 *
 * @param channelId     Apple's id (apns-channel-id), which the app's activities subscribe to
 * @param storagePolicy what APNs keeps for offline devices; null for a channel found at Apple whose policy could not be read
 * @param name          what people call it (an event, a match)
 */
public record BroadcastChannel(UUID id, UUID appId, ApnsEnvironment environment, String channelId,
                               @Nullable StoragePolicy storagePolicy, String name, String createdBy,
                               Instant createdAt) {
}
