package dev.pushdeck.campaign;

import dev.pushdeck.app.ApnsEnvironment;
import java.util.UUID;

/**
 * A broadcast channel an app lists, as a campaign may choose it.
 *
 * @param id        the listed id campaigns name the channel by
 * @param channelId Apple's {@code apns-channel-id}
 */
public record ListedChannel(UUID id, ApnsEnvironment environment, String channelId, String name) {
}
