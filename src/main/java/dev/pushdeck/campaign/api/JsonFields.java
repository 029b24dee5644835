package dev.pushdeck.campaign.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushdeck.shared.error.ValidationException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Typed reads of one field of a JSON object: absent (missing or null) reads as null (false,
 * empty), a value of the wrong type is a {@link ValidationException} on the field's JSON path
 * ({@code audience.tags[2]}) naming the type wanted. Stateless and thread-safe.
 */
final class JsonFields {

    private JsonFields() {
    }

    /** An ISO instant at {@code name} of {@code parent}, named by its {@code path} when unreadable. */
    static @Nullable Instant instant(JsonNode parent, String name, String path, String invalidKey) {
        String text = text(parent, name, path);
        try {
            return text == null ? null : Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new ValidationException(path, invalidKey);
        }
    }

    static <E extends Enum<E>> @Nullable E choice(Class<E> type, @Nullable String value, String path) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(path, "campaign.choice.invalid", List.of(type.getEnumConstants()).toString());
        }
    }

    static List<String> strings(JsonNode node, String path) {
        return elements(node, path, (value, at) -> {
            if (!value.isTextual()) {
                throw new ValidationException(at, "campaign.field.type", "string");
            }
            return value.asText();
        });
    }

    /** Each element of an array read by {@code element}, which is given its path ({@code tags[2]}); absent is empty. */
    static <T> List<T> elements(JsonNode node, String path, BiFunction<JsonNode, String, T> element) {
        if (absent(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new ValidationException(path, "campaign.field.type", "array");
        }
        List<T> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            values.add(element.apply(node.get(i), path + "[" + i + "]"));
        }
        return values;
    }

    static @Nullable String text(JsonNode parent, String name, String path) {
        return typed(parent, name, path, JsonNode::isTextual, "string", JsonNode::asText);
    }

    static @Nullable Integer intValue(JsonNode parent, String name, String path) {
        return typed(parent, name, path, node -> node.isIntegralNumber() && node.canConvertToInt(), "integer",
                JsonNode::asInt);
    }

    static @Nullable Long longValue(JsonNode parent, String name, String path) {
        return typed(parent, name, path, node -> node.isIntegralNumber() && node.canConvertToLong(), "integer",
                JsonNode::asLong);
    }

    static @Nullable Double number(JsonNode parent, String name, String path) {
        return typed(parent, name, path, JsonNode::isNumber, "number", JsonNode::asDouble);
    }

    /** A boolean field; absent reads as false. */
    static boolean bool(JsonNode parent, String name, String path) {
        return Boolean.TRUE.equals(typed(parent, name, path, JsonNode::isBoolean, "boolean", JsonNode::asBoolean));
    }

    /** The field {@code name} of {@code parent} read by {@code value} when it {@code fits}; null when absent. */
    private static <T> @Nullable T typed(JsonNode parent, String name, String path, Predicate<JsonNode> fits,
                                         String type, Function<JsonNode, T> value) {
        JsonNode node = parent.get(name);
        if (absent(node)) {
            return null;
        }
        if (!fits.test(node)) {
            throw new ValidationException(path, "campaign.field.type", type);
        }
        return value.apply(node);
    }

    static void requireObject(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new ValidationException(path, "campaign.field.type", "object");
        }
    }

    static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }
}
