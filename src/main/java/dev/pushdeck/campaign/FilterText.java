package dev.pushdeck.campaign;

import dev.pushdeck.device.AttributeFilter;
import dev.pushdeck.device.AttributeFilter.Attribute;
import dev.pushdeck.device.AttributeFilter.Operator;
import dev.pushdeck.shared.i18n.Messages;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Audience filters in words, for the composer and the campaign report: "App version before 2.0",
 * "Property plan is one of gold, silver", "Last seen within the last 30 days". Thread-safe.
 */
public final class FilterText {

    private FilterText() {
    }

    /** What a filter looks at: "App version", "Last seen", "Property". */
    public static String attribute(Attribute attribute, Locale locale) {
        return Messages.get(locale, "composer.filters.attribute." + attribute.name().toLowerCase(Locale.ROOT));
    }

    /** How it compares; a property's before and after compare numbers, so they read "less than", "more than". */
    public static String operator(Attribute attribute, Operator operator, Locale locale) {
        String name = operator.name().toLowerCase(Locale.ROOT);
        boolean numeric = attribute == Attribute.PROPERTY && (operator == Operator.BEFORE || operator == Operator.AFTER);
        return Messages.get(locale, "composer.filters.operator." + (numeric ? "number." : "") + name);
    }

    /** A value as a person types it: numbers without an exponent. */
    public static String value(Object value) {
        return value instanceof BigDecimal number ? number.toPlainString() : String.valueOf(value);
    }

    /**
     * A checked filter (a stored campaign's) in one line; {@code time} writes a last-seen instant in the
     * reader's zone.
     */
    public static String describe(AttributeFilter filter, Locale locale, Function<Instant, String> time) {
        String values = filter.values().stream()
                .map(value -> value instanceof Instant instant ? time.apply(instant) : value(value))
                .collect(Collectors.joining(", "));
        Attribute attribute = filter.checkedAttribute();
        Operator operator = filter.checkedOperator();
        if (operator == Operator.WITHIN_DAYS) {
            values = Messages.get(locale, "composer.filters.days.count", filter.values().get(0));
        }
        String subject = attribute == Attribute.PROPERTY
                ? Messages.get(locale, "composer.filters.property.named", String.valueOf(filter.key()))
                : attribute(attribute, locale);
        return subject + " " + operator(attribute, operator, locale) + " " + values;
    }
}
