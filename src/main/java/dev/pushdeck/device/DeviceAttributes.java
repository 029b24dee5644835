package dev.pushdeck.device;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an app reports about itself with a registration. A {@code null} field keeps what is
 * stored, so a registration that does not mention them changes nothing; an empty
 * {@code appVersion} clears it. {@code properties} are merged into the stored ones key by key,
 * and a key given with a {@code null} value is removed. Validated by
 * {@link DeviceRegistrationService} (docs/decisions/051-device-attributes.md).
 *
 * @param appVersion one to four numbers separated by dots ({@link AppVersion})
 * @param properties keys as {@link #PROPERTY_KEY}; values text, numbers or booleans (or null to remove)
 */
public record DeviceAttributes(@Nullable String appVersion, @Nullable Map<String, Object> properties) {

    /** What a property key looks like: a letter, then letters, digits, {@code _ . -}; at most 64 in all. */
    public static final String PROPERTY_KEY = "[A-Za-z][A-Za-z0-9_.-]{0,63}";
    public static final int MAX_PROPERTIES = 50;
    public static final int MAX_TEXT_VALUE = 256;

    public static final DeviceAttributes NONE = new DeviceAttributes(null, null);
}
