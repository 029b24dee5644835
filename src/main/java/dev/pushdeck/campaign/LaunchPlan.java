package dev.pushdeck.campaign;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.FrequencyCap;
import dev.pushdeck.device.Audience;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the dispatcher needs to send a campaign that has just moved to SENDING.
 *
 * @param topic            the APNs topic: the app's bundle id with the push type's suffix
 * @param payload          the exact JSON to send
 * @param deliveryKey      whether the payload ends with the {@link TrackingKey}, to which the dispatcher adds
 *                         each delivery's id
 * @param expiresAt        a fixed apns-expiration instant, or null
 * @param expiresAfter     a relative expiration: each delivery's apns-expiration is its own release plus this
 *                         (neither set: APNs tries once)
 * @param collapseId       apns-collapse-id, or null
 * @param throttlePerMinute null for no throttle
 * @param deviceLocalTime  true when each device is due at {@code localTime} in its own zone
 *                         ({@code fallbackZone} for devices without one); then the dispatcher
 *                         holds each delivery until that instant
 * @param audience         the devices (or their activities) to fan out to; null for a broadcast
 * @param channel          the listed broadcast channel the one request goes to, or null when the campaign
 *                         reaches devices (docs/decisions/044-broadcast-campaigns.md)
 * @param quietHours       the daily window in each device's local time when nothing is sent, or null;
 *                         devices without a known zone are judged in {@code fallbackZone} (UTC when null)
 * @param frequencyCap     the app's frequency cap when it holds this campaign back, else null (transactional and
 *                         test sends, Live Activity updates and broadcasts are not capped)
 * @param variants         the content per locale beside {@code payload}, each device getting its best match
 *                         ({@link LocaleMatch}), and of the further versions of an A/B test
 *                         ({@code VariantPayload.version}); empty for a campaign without variants or test
 * @param split            how the audience is split for the campaign's A/B test, or null without one
 */
public record LaunchPlan(UUID tenantId, UUID campaignId, UUID appId, ApnsEnvironment environment, String topic,
                         String payload, boolean deliveryKey, PushType pushType, int priority,
                         @Nullable Instant expiresAt, @Nullable Duration expiresAfter, @Nullable String collapseId,
                         @Nullable Integer throttlePerMinute, @Nullable Audience audience, boolean deviceLocalTime,
                         @Nullable LocalDateTime localTime, @Nullable ZoneId fallbackZone, @Nullable UUID channel,
                         @Nullable QuietHours quietHours, @Nullable FrequencyCap frequencyCap,
                         List<VariantPayload> variants, @Nullable SplitTest split) {

    /** Whether this is a broadcast to a channel: one request to Apple, no per-device delivery. */
    public boolean broadcast() {
        return channel != null;
    }
}
