package dev.pushdeck.device;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One condition on what apps report about their devices, ANDed with an audience: the app's
 * version, when the device was last seen (its last registration), or a custom property.
 * Checked and normalized by {@link AttributeFilters#check}; applied in SQL by
 * {@link AttributeFilters#appendConditions} (docs/decisions/051-device-attributes.md).
 *
 * @param attribute what the filter looks at; null only in a filter as a client gave it, before the check
 * @param key      for {@link Attribute#PROPERTY}: the property's key; otherwise null
 * @param operator how it compares; null only in a filter as a client gave it, before the check
 * @param values   one value, or several for {@link Operator#IN}. Once checked: versions as text; last-seen
 *                 instants ({@link java.time.Instant}) or a number of days ({@link Integer}); property values as
 *                 text, {@link java.math.BigDecimal} or {@link Boolean}
 */
public record AttributeFilter(@Nullable Attribute attribute, @Nullable String key, @Nullable Operator operator,
                              List<Object> values) {

    /** What a filter looks at. */
    public enum Attribute {
        APP_VERSION(EnumSet.of(Operator.EQUALS, Operator.IN, Operator.BEFORE, Operator.AFTER)),
        LAST_SEEN(EnumSet.of(Operator.BEFORE, Operator.AFTER, Operator.WITHIN_DAYS)),
        /** Before and after compare numbers only; a property holding text or a boolean never matches them. */
        PROPERTY(EnumSet.of(Operator.EQUALS, Operator.IN, Operator.BEFORE, Operator.AFTER));

        private final Set<Operator> operators;

        Attribute(Set<Operator> operators) {
            this.operators = Collections.unmodifiableSet(operators);
        }

        /** The operators this attribute can be compared with, in their order of declaration. */
        public Set<Operator> operators() {
            return operators;
        }
    }

    /** How a filter compares. */
    public enum Operator {
        EQUALS, IN, BEFORE, AFTER, WITHIN_DAYS;

        /** Whether the operator takes several values. */
        public boolean many() {
            return this == IN;
        }
    }

    public AttributeFilter {
        values = values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** The attribute of a checked filter, which always names one. */
    public Attribute checkedAttribute() {
        return Objects.requireNonNull(attribute, "a checked filter names its attribute");
    }

    /** The operator of a checked filter, which always names one. */
    public Operator checkedOperator() {
        return Objects.requireNonNull(operator, "a checked filter names its operator");
    }

    /** A filter with one value. */
    public static AttributeFilter of(Attribute attribute, @Nullable String key, Operator operator, Object value) {
        return new AttributeFilter(attribute, key, operator, List.of(value));
    }
}
