package dev.pushdeck.dispatch;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.FrequencyCap;
import dev.pushdeck.campaign.LocaleMatch;
import dev.pushdeck.campaign.QuietHours;
import dev.pushdeck.campaign.SplitTest;
import dev.pushdeck.campaign.VariantPayload;
import dev.pushdeck.device.Audience;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What to send, fixed at launch: the run keeps exactly these values whatever happens to
 * the campaign afterwards.
 *
 * @param runId             the run's id (a campaign uses its own id, so it launches at most once)
 * @param topic             the apns-topic, usually the app's bundle id
 * @param payload           the JSON payload as sent
 * @param pushType          the apns-push-type header value ({@code alert}, {@code background}, ...)
 * @param priority          10 (immediate) or 5 (conserve power)
 * @param expiresAt         apns-expiration of every delivery; also the moment after which unsent deliveries become
 *                          EXPIRED; null = none
 * @param expiresAfter      each delivery's apns-expiration is its own release plus this (which matters when
 *                          deliveries are released at each device's local time); null = none. With neither,
 *                          APNs tries once, and the dispatcher retries for its retry window
 * @param collapseId        apns-collapse-id or null
 * @param throttlePerMinute at most this many notifications of the run per minute, or null for no limit
 * @param deviceLocalTime   when set, each device's delivery is released at this wall-clock time in the device's
 *                          time zone ({@code fallbackZone} for devices without one); null = release now
 * @param deliveryKey       whether the payload's last member is the campaign's tracking key object
 *                          ({@code "pd": {"c": ...}}), to which each delivery's copy adds {@code "d": "<its id>"}
 * @param quietHours        the daily window in each device's local time when nothing is sent, or null: a delivery
 *                          released inside it is held to its end or skipped ({@code fallbackZone}, else UTC, for
 *                          devices without a zone the server knows; docs/decisions/049-quiet-hours.md)
 * @param frequencyCap      the app's frequency cap when it holds this run back, or null: a delivery to a device that
 *                          has had that many notifications of the app in the last 24 hours or 7 days is SKIPPED
 *                          (docs/decisions/054-frequency-caps.md)
 * @param variants          payloads beside {@code payload} (variant 0), numbered from 1 in this order; each device
 *                          gets the one of its locale's best match ({@link LocaleMatch}), built like {@code payload}
 *                          (same push type and tracking key); empty for one payload for all
 *                          (docs/decisions/055-content-per-language.md); with an A/B test, also every further
 *                          version's, numbered {@code version * stride + locale} (docs/decisions/058-ab-tests.md)
 * @param split             the A/B test's split of the audience, or null: then every device is sent at once
 */
public record LaunchRequest(UUID tenantId, UUID runId, UUID appId, ApnsEnvironment environment, String topic,
                            String payload, String pushType, int priority, @Nullable Instant expiresAt,
                            @Nullable Duration expiresAfter, @Nullable String collapseId,
                            @Nullable Integer throttlePerMinute, Audience audience,
                            @Nullable LocalDateTime deviceLocalTime, @Nullable ZoneId fallbackZone,
                            boolean deliveryKey, @Nullable QuietHours quietHours,
                            @Nullable FrequencyCap frequencyCap, List<VariantPayload> variants,
                            @Nullable SplitTest split) {

    public LaunchRequest {
        variants = List.copyOf(variants);
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(audience, "audience");
    }

    /** A request without an A/B test. */
    public LaunchRequest(UUID tenantId, UUID runId, UUID appId, ApnsEnvironment environment, String topic,
                         String payload, String pushType, int priority, @Nullable Instant expiresAt,
                         @Nullable Duration expiresAfter, @Nullable String collapseId,
                         @Nullable Integer throttlePerMinute, Audience audience,
                         @Nullable LocalDateTime deviceLocalTime, @Nullable ZoneId fallbackZone,
                         boolean deliveryKey, @Nullable QuietHours quietHours,
                         @Nullable FrequencyCap frequencyCap, List<VariantPayload> variants) {
        this(tenantId, runId, appId, environment, topic, payload, pushType, priority, expiresAt, expiresAfter,
                collapseId, throttlePerMinute, audience, deviceLocalTime, fallbackZone, deliveryKey, quietHours,
                frequencyCap, variants, null);
    }

    /** A request with one payload for all, without a frequency cap. */
    public LaunchRequest(UUID tenantId, UUID runId, UUID appId, ApnsEnvironment environment, String topic,
                         String payload, String pushType, int priority, @Nullable Instant expiresAt,
                         @Nullable Duration expiresAfter, @Nullable String collapseId,
                         @Nullable Integer throttlePerMinute, Audience audience,
                         @Nullable LocalDateTime deviceLocalTime, @Nullable ZoneId fallbackZone,
                         boolean deliveryKey, @Nullable QuietHours quietHours) {
        this(tenantId, runId, appId, environment, topic, payload, pushType, priority, expiresAt, expiresAfter,
                collapseId, throttlePerMinute, audience, deviceLocalTime, fallbackZone, deliveryKey, quietHours,
                null, List.of());
    }

    /** A request without quiet hours or frequency cap. */
    public LaunchRequest(UUID tenantId, UUID runId, UUID appId, ApnsEnvironment environment, String topic,
                         String payload, String pushType, int priority, @Nullable Instant expiresAt,
                         @Nullable Duration expiresAfter, @Nullable String collapseId,
                         @Nullable Integer throttlePerMinute, Audience audience,
                         @Nullable LocalDateTime deviceLocalTime, @Nullable ZoneId fallbackZone,
                         boolean deliveryKey) {
        this(tenantId, runId, appId, environment, topic, payload, pushType, priority, expiresAt, expiresAfter,
                collapseId, throttlePerMinute, audience, deviceLocalTime, fallbackZone, deliveryKey, null);
    }

    /** A request whose payload has no tracking key. */
    public LaunchRequest(UUID tenantId, UUID runId, UUID appId, ApnsEnvironment environment, String topic,
                         String payload, String pushType, int priority, @Nullable Instant expiresAt,
                         @Nullable Duration expiresAfter, @Nullable String collapseId,
                         @Nullable Integer throttlePerMinute, Audience audience,
                         @Nullable LocalDateTime deviceLocalTime, @Nullable ZoneId fallbackZone) {
        this(tenantId, runId, appId, environment, topic, payload, pushType, priority, expiresAt, expiresAfter,
                collapseId, throttlePerMinute, audience, deviceLocalTime, fallbackZone, false);
    }

    /** A request with an absolute expiration (or none). */
    public LaunchRequest(UUID tenantId, UUID runId, UUID appId, ApnsEnvironment environment, String topic,
                         String payload, String pushType, int priority, @Nullable Instant expiresAt,
                         @Nullable String collapseId,
                         @Nullable Integer throttlePerMinute, Audience audience,
                         @Nullable LocalDateTime deviceLocalTime, @Nullable ZoneId fallbackZone) {
        this(tenantId, runId, appId, environment, topic, payload, pushType, priority, expiresAt, null, collapseId,
                throttlePerMinute, audience, deviceLocalTime, fallbackZone);
    }

    /** The language tags of the campaign's own wording (version A), in their order: what devices are matched to. */
    public List<String> variantLocales() {
        return variants.stream().filter(variant -> variant.version() == 0).map(VariantPayload::locale).toList();
    }

    /**
     * How many variants one version spans: its default wording and one per language. A device's
     * variant is its version times this plus its locale's number.
     */
    public int stride() {
        return variantLocales().size() + 1;
    }

    /** An immediate alert to an audience with no expiration, collapse id or throttle. */
    public static LaunchRequest now(UUID tenantId, UUID runId, UUID appId, ApnsEnvironment environment, String topic,
                                    String payload, Audience audience) {
        return new LaunchRequest(tenantId, runId, appId, environment, topic, payload, "alert", 10, null, null, null,
                audience, null, null);
    }
}
