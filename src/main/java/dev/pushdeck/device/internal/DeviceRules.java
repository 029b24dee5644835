package dev.pushdeck.device.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushdeck.device.AppVersion;
import dev.pushdeck.device.DeviceAttributes;
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.error.ValidationException.FieldError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Validates and normalizes what apps and people say about a device. Pure and thread-safe.
 * Tags are trimmed, de-duplicated and kept sorted, so the same set always compares equal
 * (an unchanged re-import changes nothing). Empty text clears a field.
 */
public final class DeviceRules {

    public static final int MAX_TAGS = 50;
    public static final int MAX_TAG_LENGTH = 64;
    public static final int MAX_ALIAS_LENGTH = 200;
    public static final int MAX_LOCALE_LENGTH = 35;
    /** Separates tags in CSV cells; therefore not allowed inside a tag. */
    public static final char TAG_SEPARATOR = ';';

    private static final Set<String> ZONES = Set.copyOf(ZoneId.getAvailableZoneIds());
    private static final Pattern PROPERTY_KEY = Pattern.compile(DeviceAttributes.PROPERTY_KEY);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How much of a refused key an error message repeats. */
    private static final int SHOWN_KEY = 64;

    private DeviceRules() {
    }

    /**
     * The normalized fields ({@code null} parts stay {@code null}, empty text becomes "").
     *
     * @throws ValidationException listing every offending field
     */
    public static DeviceFields normalize(DeviceFields fields) {
        List<FieldError> errors = new ArrayList<>();
        List<String> tags = fields.tags() == null ? null : tags(fields.tags(), errors);
        String alias = alias(fields.alias(), errors);
        String locale = locale(fields.locale(), errors);
        String zone = zone(fields.timeZone(), errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new DeviceFields(tags, alias, locale, zone);
    }

    /**
     * The tags cleaned as {@link #normalize} cleans them: stripped, sorted, without repeats.
     *
     * @throws ValidationException on {@code tags}
     */
    public static List<String> normalizeTags(List<String> given) {
        List<FieldError> errors = new ArrayList<>();
        List<String> tags = tags(given, errors);
        if (tags == null) {
            throw new ValidationException(errors);
        }
        return tags;
    }

    /**
     * What an app reports, checked and ready to write: the version with its order key ("" clears
     * both), and the properties as a JSON object whose null values remove keys. {@code null}
     * parts keep what is stored.
     *
     * @param versionOrder {@link AppVersion#orderKey}; null when the version is cleared or kept
     * @param propertiesJson compact JSON of the properties given, or null when none were given
     */
    public record Reported(@Nullable String appVersion, @Nullable String versionOrder,
                           @Nullable String propertiesJson) {

        public static final Reported NONE = new Reported(null, null, null);
    }

    /**
     * Checks what an app reports about itself.
     *
     * @throws ValidationException listing every offending field: {@code appVersion}, {@code properties}
     *                             (too many, a bad key) or {@code properties.<key>} (a bad value)
     */
    public static Reported reported(@Nullable DeviceAttributes attributes) {
        if (attributes == null || attributes.appVersion() == null && attributes.properties() == null) {
            return Reported.NONE;
        }
        List<FieldError> errors = new ArrayList<>();
        String version = attributes.appVersion() == null ? null : attributes.appVersion().strip();
        String order = null;
        if (version != null && !version.isEmpty()) {
            order = AppVersion.orderKey(version).orElse(null);
            if (order == null) {
                errors.add(new FieldError("appVersion", "device.app-version.invalid", AppVersion.MAX_COMPONENTS,
                        AppVersion.DIGITS));
            }
        }
        String properties = attributes.properties() == null ? null : properties(attributes.properties(), errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new Reported(version, order, properties);
    }

    private static @Nullable String properties(Map<String, Object> given, List<FieldError> errors) {
        if (given.size() > DeviceAttributes.MAX_PROPERTIES) {
            errors.add(new FieldError("properties", "device.properties.too-many", DeviceAttributes.MAX_PROPERTIES));
            return null;
        }
        Map<String, Object> clean = new LinkedHashMap<>();
        for (Map.Entry<String, Object> property : given.entrySet()) {
            String key = property.getKey();
            if (key == null || !PROPERTY_KEY.matcher(key).matches()) {
                String shown = key == null ? "" : key.length() > SHOWN_KEY ? key.substring(0, SHOWN_KEY) + "…" : key;
                errors.add(new FieldError("properties", "device.properties.key.invalid", shown));
                continue;
            }
            propertyValue(key, property.getValue(), errors).ifPresentOrElse(value -> clean.put(key, value),
                    () -> clean.put(key, null));
        }
        try {
            return JSON.writeValueAsString(clean);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("text, numbers and booleans always serialize", e);
        }
    }

    /** The value as it is stored; empty for null (which removes the key) and for a refused value. */
    private static Optional<Object> propertyValue(String key, @Nullable Object value, List<FieldError> errors) {
        String field = "properties." + key;
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String text) {
            if (text.length() > DeviceAttributes.MAX_TEXT_VALUE || hasControl(text)) {
                errors.add(new FieldError(field, "device.properties.value.text", DeviceAttributes.MAX_TEXT_VALUE));
            }
            return Optional.of(text);
        }
        if (value instanceof Boolean) {
            return Optional.of(value);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger
                || value instanceof BigDecimal) {
            return Optional.of(value);
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (Double.isFinite(number)) {
                return Optional.of(value);
            }
            errors.add(new FieldError(field, "device.properties.value.number"));
            return Optional.empty();
        }
        errors.add(new FieldError(field, "device.properties.value.type"));
        return Optional.empty();
    }

    /** Splits a CSV tag cell ({@code a;b;c}); empty parts are ignored. */
    public static List<String> splitTags(@Nullable String cell) {
        List<String> tags = new ArrayList<>();
        if (cell != null) {
            for (String part : cell.split(String.valueOf(TAG_SEPARATOR), -1)) {
                if (!part.isBlank()) {
                    tags.add(part);
                }
            }
        }
        return tags;
    }

    private static @Nullable List<String> tags(List<String> given, List<FieldError> errors) {
        TreeSet<String> tags = new TreeSet<>();
        for (String tag : given) {
            String clean = tag == null ? "" : tag.strip();
            if (clean.isEmpty() || clean.length() > MAX_TAG_LENGTH || clean.indexOf(TAG_SEPARATOR) >= 0
                    || hasControl(clean)) {
                errors.add(new FieldError("tags", "device.tags.invalid", MAX_TAG_LENGTH));
                return null;
            }
            tags.add(clean);
        }
        if (tags.size() > MAX_TAGS) {
            errors.add(new FieldError("tags", "device.tags.too-many", MAX_TAGS));
            return null;
        }
        return List.copyOf(tags);
    }

    private static @Nullable String alias(@Nullable String given, List<FieldError> errors) {
        if (given == null) {
            return null;
        }
        String clean = given.strip();
        if (clean.length() > MAX_ALIAS_LENGTH || hasControl(clean)) {
            errors.add(new FieldError("alias", "device.alias.invalid", MAX_ALIAS_LENGTH));
        }
        return clean;
    }

    private static @Nullable String locale(@Nullable String given, List<FieldError> errors) {
        if (given == null || given.isBlank()) {
            return given == null ? null : "";
        }
        String tag = given.strip().replace('_', '-');
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag).build();
            String normalized = locale.toLanguageTag();
            if (locale.getLanguage().isEmpty() || normalized.length() > MAX_LOCALE_LENGTH) {
                errors.add(new FieldError("locale", "device.locale.invalid"));
            }
            return normalized;
        } catch (IllformedLocaleException e) {
            errors.add(new FieldError("locale", "device.locale.invalid"));
            return null;
        }
    }

    private static @Nullable String zone(@Nullable String given, List<FieldError> errors) {
        if (given == null || given.isBlank()) {
            return given == null ? null : "";
        }
        String zone = given.strip();
        if (!ZONES.contains(zone)) {
            errors.add(new FieldError("timezone", "device.timezone.invalid"));
        }
        return zone;
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }
}
