package dev.pushdeck.device;

import dev.pushdeck.shared.error.ValidationException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * ACTIVE devices receive notifications. UNREGISTERED: APNs answered 410 (or the app
 * unregistered the token), with that time; it becomes ACTIVE again only when registered
 * after that time. INVALID: APNs refused the token in its environment (BadDeviceToken,
 * DeviceTokenNotForTopic); a registration does not revive it.
 */
public enum DeviceStatus {
    ACTIVE, UNREGISTERED, INVALID;

    /** Reads a status name, case-insensitively; {@link ValidationException} on field {@code status} otherwise. */
    public static DeviceStatus parse(@Nullable String value) {
        if (value != null) {
            for (DeviceStatus status : values()) {
                if (status.name().equals(value.trim().toUpperCase(Locale.ROOT))) {
                    return status;
                }
            }
        }
        throw new ValidationException("status", "device.status.unknown");
    }
}
