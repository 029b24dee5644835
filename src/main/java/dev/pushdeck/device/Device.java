package dev.pushdeck.device;

import dev.pushdeck.app.ApnsEnvironment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One device of an app, as stored.
 *
 * @param token            normalized lower-case hex
 * @param alias            the app's external user id, or null
 * @param locale           a BCP-47 language tag, or null
 * @param timeZone         an IANA zone id, or null
 * @param invalidatedAt    for UNREGISTERED, Apple's timestamp (or the app's unregistration); for INVALID, when APNs refused it
 * @param invalidReason    APNs' reason (Unregistered, BadDeviceToken, ...) or UnregisteredByApp
 * @param testDevice       part of the team's test audience
 * @param lastRegisteredAt the last registration, also the device's "last seen"
 * @param appVersion       the version the app last reported, or null
 * @param properties       the custom properties the app reported (text, numbers as BigDecimal, booleans); empty
 *                         when none
 */
public record Device(UUID id, UUID appId, ApnsEnvironment environment, String token, List<String> tags,
                     @Nullable String alias,
                     @Nullable String locale, @Nullable String timeZone, DeviceStatus status,
                     @Nullable Instant invalidatedAt, @Nullable String invalidReason, Instant lastRegisteredAt,
                     boolean testDevice, Instant createdAt, @Nullable String appVersion,
                     Map<String, Object> properties) {
}
