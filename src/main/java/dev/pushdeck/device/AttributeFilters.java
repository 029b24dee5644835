package dev.pushdeck.device;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushdeck.device.AttributeFilter.Attribute;
import dev.pushdeck.device.AttributeFilter.Operator;
import dev.pushdeck.shared.error.ValidationException.FieldError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one validation of {@link AttributeFilter}s, shared by the composer and the API through the
 * campaign rules, and the one SQL for them, shared by audience counts here and the dispatcher's
 * fan-out, which reads {@code devices} as this module does. Pure and thread-safe.
 *
 * <p>Versions compare by their order keys ({@link AppVersion}), last seen by the last
 * registration, property values by JSON containment (a text {@code "5"} is not the number
 * {@code 5}) and, for before and after, as numbers. A device that never reported the attribute
 * matches no filter on it (docs/decisions/051-device-attributes.md).
 */
public final class AttributeFilters {

    public static final int MAX_FILTERS = 10;
    public static final int MAX_VALUES = 100;
    public static final int MAX_DAYS = 3650;
    private static final Pattern KEY = Pattern.compile(DeviceAttributes.PROPERTY_KEY);
    private static final ObjectMapper JSON = new ObjectMapper();

    private AttributeFilters() {
    }

    /**
     * The filters with their values normalized (versions stripped, instants parsed, numbers as
     * {@link BigDecimal}), adding a problem to {@code errors} for each thing wrong, named by its
     * path under {@code path} ({@code audience.filters[1].values[0]}).
     */
    public static List<AttributeFilter> check(List<AttributeFilter> given, String path, List<FieldError> errors) {
        if (given.size() > MAX_FILTERS) {
            errors.add(new FieldError(path, "device.filter.too-many", MAX_FILTERS));
            return given;
        }
        List<AttributeFilter> clean = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            clean.add(check(given.get(i), path + "[" + i + "]", errors));
        }
        return List.copyOf(clean);
    }

    private static AttributeFilter check(AttributeFilter filter, String path, List<FieldError> errors) {
        Attribute attribute = filter.attribute();
        Operator operator = filter.operator();
        if (attribute == null) {
            errors.add(new FieldError(path + ".attribute", "device.filter.attribute.required"));
            return filter;
        }
        if (operator == null || !attribute.operators().contains(operator)) {
            errors.add(new FieldError(path + ".operator", "device.filter.operator.invalid",
                    attribute.operators().stream().map(Enum::name).collect(Collectors.joining(", "))));
            return filter;
        }
        String key = null;
        if (attribute == Attribute.PROPERTY) {
            key = filter.key() == null ? "" : filter.key().strip();
            if (!KEY.matcher(key).matches()) {
                errors.add(new FieldError(path + ".key", "device.filter.key.invalid"));
            }
        }
        List<Object> values = filter.values();
        if (values.isEmpty()) {
            errors.add(new FieldError(path + ".values", "device.filter.values.required"));
        } else if (!operator.many() && values.size() > 1) {
            errors.add(new FieldError(path + ".values", "device.filter.values.one"));
        } else if (values.size() > MAX_VALUES) {
            errors.add(new FieldError(path + ".values", "device.filter.values.too-many", MAX_VALUES));
        }
        List<Object> clean = new ArrayList<>();
        for (int j = 0; j < values.size(); j++) {
            String valuePath = path + ".values[" + j + "]";
            value(attribute, operator, values.get(j)).ifPresentOrElse(clean::add,
                    () -> errors.add(problem(attribute, operator, valuePath)));
        }
        return new AttributeFilter(attribute, key, operator, clean);
    }

    /** The value as the filter compares it; empty when it cannot be one. */
    private static Optional<Object> value(Attribute attribute, Operator operator, Object value) {
        return switch (attribute) {
            case APP_VERSION -> value instanceof String text && AppVersion.valid(text.strip())
                    ? Optional.of(text.strip()) : Optional.empty();
            case LAST_SEEN -> operator == Operator.WITHIN_DAYS ? days(value) : instant(value);
            case PROPERTY -> operator == Operator.BEFORE || operator == Operator.AFTER ? number(value)
                    : propertyValue(value);
        };
    }

    private static FieldError problem(Attribute attribute, Operator operator, String path) {
        return switch (attribute) {
            case APP_VERSION -> new FieldError(path, "device.filter.version.invalid");
            case LAST_SEEN -> operator == Operator.WITHIN_DAYS
                    ? new FieldError(path, "device.filter.days.invalid", MAX_DAYS)
                    : new FieldError(path, "device.filter.date.invalid");
            case PROPERTY -> operator == Operator.BEFORE || operator == Operator.AFTER
                    ? new FieldError(path, "device.filter.value.number")
                    : new FieldError(path, "device.filter.value.invalid", DeviceAttributes.MAX_TEXT_VALUE);
        };
    }

    private static Optional<Object> instant(Object value) {
        if (value instanceof Instant instant) {
            return Optional.of(instant);
        }
        try {
            return value instanceof String text ? Optional.of(Instant.parse(text.strip())) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Object> days(Object value) {
        Optional<Object> number = number(value);
        if (number.isEmpty()) {
            return number;
        }
        BigDecimal days = (BigDecimal) number.get();
        boolean whole = days.signum() == 0 || days.stripTrailingZeros().scale() <= 0;
        return whole && days.compareTo(BigDecimal.ONE) >= 0 && days.compareTo(BigDecimal.valueOf(MAX_DAYS)) <= 0
                ? Optional.of(days.intValueExact()) : Optional.empty();
    }

    private static Optional<Object> number(Object value) {
        if (value instanceof BigDecimal decimal) {
            return Optional.of(decimal);
        }
        if (value instanceof Integer || value instanceof Long) {
            return Optional.of(BigDecimal.valueOf(((Number) value).longValue()));
        }
        if (value instanceof BigInteger integer) {
            return Optional.of(new BigDecimal(integer));
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            return Double.isFinite(number) ? Optional.of(BigDecimal.valueOf(number)) : Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<Object> propertyValue(Object value) {
        if (value instanceof String text) {
            return text.length() <= DeviceAttributes.MAX_TEXT_VALUE && text.chars().noneMatch(Character::isISOControl)
                    ? Optional.of(text) : Optional.empty();
        }
        if (value instanceof Boolean) {
            return Optional.of(value);
        }
        return number(value);
    }

    /**
     * A property value typed as text where its kind cannot be chosen (a query parameter, a filter
     * field): {@code true} and {@code false} are booleans, a number is a number, text in double
     * quotes is the text inside ({@code "5"} for the text 5), anything else is the text itself.
     */
    public static Object propertyValue(String typed) {
        String text = typed.strip();
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            return text.substring(1, text.length() - 1);
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }

    /**
     * Appends one condition per filter to {@code sql}, a statement over {@code devices} under the
     * alias {@code d}, and their parameters to {@code params} (named {@code attr0}, {@code attr0k},
     * ...). Give it checked filters only.
     */
    public static void appendConditions(List<AttributeFilter> filters, StringBuilder sql,
                                        Map<String, Object> params) {
        for (int i = 0; i < filters.size(); i++) {
            AttributeFilter filter = filters.get(i);
            String name = "attr" + i;
            switch (filter.checkedAttribute()) {
                case APP_VERSION -> appVersion(filter, name, sql, params);
                case LAST_SEEN -> lastSeen(filter, name, sql, params);
                case PROPERTY -> property(filter, name, sql, params);
            }
        }
    }

    /** Compares order keys; the (app, environment, key) index serves each. */
    private static void appVersion(AttributeFilter filter, String name, StringBuilder sql, Map<String, Object> params) {
        List<String> keys = filter.values().stream()
                .map(version -> AppVersion.orderKey((String) version).orElseThrow()).toList();
        switch (filter.checkedOperator()) {
            case BEFORE -> sql.append(" and d.app_version_order < :").append(name);
            case AFTER -> sql.append(" and d.app_version_order > :").append(name);
            default -> sql.append(" and d.app_version_order = any(cast(:").append(name).append(" as text[]))");
        }
        Operator operator = filter.checkedOperator();
        params.put(name, operator == Operator.BEFORE || operator == Operator.AFTER ? keys.get(0)
                : keys.toArray(String[]::new));
    }

    /** "Within the last N days" is judged on database time when the statement runs: at launch for a fan-out. */
    private static void lastSeen(AttributeFilter filter, String name, StringBuilder sql, Map<String, Object> params) {
        Object value = filter.values().get(0);
        switch (filter.checkedOperator()) {
            case BEFORE -> sql.append(" and d.last_registered_at < :").append(name);
            case AFTER -> sql.append(" and d.last_registered_at > :").append(name);
            default -> sql.append(" and d.last_registered_at >= now() - make_interval(days => :").append(name)
                    .append(")");
        }
        params.put(name, value instanceof Instant instant ? Timestamp.from(instant) : value);
    }

    /**
     * Equals and in are JSON containment ({@code @>}), which the properties GIN index serves;
     * before and after read the value as a number only where it is one.
     */
    private static void property(AttributeFilter filter, String name, StringBuilder sql, Map<String, Object> params) {
        String key = Objects.requireNonNull(filter.key(), "a checked property filter names its key");
        switch (filter.checkedOperator()) {
            case BEFORE, AFTER -> {
                sql.append(" and (case when jsonb_typeof(d.properties -> :").append(name).append("k) = 'number'")
                        .append(" then cast(d.properties ->> :").append(name).append("k as numeric) end) ")
                        .append(filter.checkedOperator() == Operator.BEFORE ? "<" : ">").append(" :").append(name);
                params.put(name + "k", key);
                params.put(name, filter.values().get(0));
            }
            case EQUALS -> {
                sql.append(" and d.properties @> cast(:").append(name).append(" as jsonb)");
                params.put(name, containment(key, filter.values().get(0)));
            }
            default -> {
                sql.append(" and d.properties @> any(cast(:").append(name).append(" as jsonb[]))");
                params.put(name, filter.values().stream().map(value -> containment(key, value))
                        .toArray(String[]::new));
            }
        }
    }

    /** {@code {"key": value}}, the object a matching device's properties contain. */
    private static String containment(String key, Object value) {
        try {
            return JSON.writeValueAsString(Map.of(key, value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("text, numbers and booleans always serialize", e);
        }
    }
}
