package dev.pushdeck.device.api;

import dev.pushdeck.device.AttributeFilter;
import dev.pushdeck.device.AttributeFilter.Attribute;
import dev.pushdeck.device.AttributeFilter.Operator;
import dev.pushdeck.device.AttributeFilters;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.error.ValidationException.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The device list's attribute filters written as parameters (docs/api.md, Devices), read into
 * {@link AttributeFilter}s and checked by {@link AttributeFilters#check}, each problem named by
 * its parameter:
 * <ul>
 *   <li>{@code version}: {@code 2.1} (equals), {@code before:2.1}, {@code after:2.1} or {@code in:2.1,2.2}</li>
 *   <li>{@code lastSeen}: {@code within:7} (days), {@code before:<instant>} or {@code after:<instant>}</li>
 *   <li>{@code property}, repeatable: {@code key:value}, equals, the value typed by
 *       {@link AttributeFilters#propertyValue}</li>
 * </ul>
 */
final class AttributeParameters {

    private AttributeParameters() {
    }

    /**
     * The filters the parameters state (none when all are absent), checked.
     *
     * @param prefix put before each parameter's name in errors ({@code "filter."} in a body, else empty)
     * @throws ValidationException naming each parameter that cannot be read or applied
     */
    static List<AttributeFilter> read(@Nullable String version, @Nullable String lastSeen,
                                      @Nullable List<String> properties, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        List<AttributeFilter> filters = new ArrayList<>();
        if (version != null && !version.isBlank()) {
            add(version(version), prefix + "version", filters, errors);
        }
        if (lastSeen != null && !lastSeen.isBlank()) {
            add(lastSeen(lastSeen, prefix + "lastSeen", errors), prefix + "lastSeen", filters, errors);
        }
        List<String> given = properties == null ? List.of()
                : properties.stream().filter(text -> text != null && !text.isBlank()).toList();
        if (given.size() > AttributeFilters.MAX_FILTERS - 2) {
            errors.add(new FieldError(prefix + "property", "device.filter.too-many", AttributeFilters.MAX_FILTERS));
        } else {
            given.forEach(text -> add(property(text, prefix + "property", errors), prefix + "property", filters,
                    errors));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return List.copyOf(filters);
    }

    /** Checks one filter, naming its problems by the parameter that stated it. */
    private static void add(@Nullable AttributeFilter filter, String name, List<AttributeFilter> filters,
                            List<FieldError> errors) {
        if (filter == null) {
            return;
        }
        List<FieldError> problems = new ArrayList<>();
        List<AttributeFilter> checked = AttributeFilters.check(List.of(filter), name, problems);
        problems.forEach(problem -> errors.add(new FieldError(name, problem.key(), problem.args())));
        if (problems.isEmpty()) {
            filters.addAll(checked);
        }
    }

    private static AttributeFilter version(String text) {
        int colon = text.indexOf(':');
        String word = colon < 0 ? "" : text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String rest = text.substring(colon + 1);
        return switch (word) {
            case "before" -> AttributeFilter.of(Attribute.APP_VERSION, null, Operator.BEFORE, rest);
            case "after" -> AttributeFilter.of(Attribute.APP_VERSION, null, Operator.AFTER, rest);
            case "in" -> new AttributeFilter(Attribute.APP_VERSION, null, Operator.IN,
                    List.copyOf(Arrays.asList((Object[]) rest.split(",", -1))));
            // Not a known condition: compared as a version, so the error says what a version is.
            default -> AttributeFilter.of(Attribute.APP_VERSION, null, Operator.EQUALS, text);
        };
    }

    private static @Nullable AttributeFilter lastSeen(String text, String name, List<FieldError> errors) {
        int colon = text.indexOf(':');
        String word = colon < 0 ? "" : text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String rest = text.substring(colon + 1).strip();
        return switch (word) {
            case "within" -> AttributeFilter.of(Attribute.LAST_SEEN, null, Operator.WITHIN_DAYS, days(rest));
            case "before" -> AttributeFilter.of(Attribute.LAST_SEEN, null, Operator.BEFORE, rest);
            case "after" -> AttributeFilter.of(Attribute.LAST_SEEN, null, Operator.AFTER, rest);
            default -> {
                errors.add(new FieldError(name, "device.filter.last-seen.form"));
                yield null;
            }
        };
    }

    /** The days as a number when they are one; otherwise the text, which the check refuses with the range. */
    private static Object days(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }

    private static @Nullable AttributeFilter property(String text, String name, List<FieldError> errors) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            errors.add(new FieldError(name, "device.filter.property.form"));
            return null;
        }
        return AttributeFilter.of(Attribute.PROPERTY, text.substring(0, colon), Operator.EQUALS,
                AttributeFilters.propertyValue(text.substring(colon + 1)));
    }
}
