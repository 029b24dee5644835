package dev.pushdeck.device.internal;

import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.shared.ValidationException;
import dev.pushdeck.shared.ValidationException.FieldError;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

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

    /** Splits a CSV tag cell ({@code a;b;c}); empty parts are ignored. */
    public static List<String> splitTags(String cell) {
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

    private static List<String> tags(List<String> given, List<FieldError> errors) {
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

    private static String alias(String given, List<FieldError> errors) {
        if (given == null) {
            return null;
        }
        String clean = given.strip();
        if (clean.length() > MAX_ALIAS_LENGTH || hasControl(clean)) {
            errors.add(new FieldError("alias", "device.alias.invalid", MAX_ALIAS_LENGTH));
        }
        return clean;
    }

    private static String locale(String given, List<FieldError> errors) {
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

    private static String zone(String given, List<FieldError> errors) {
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
