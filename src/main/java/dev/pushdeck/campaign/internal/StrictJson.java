package dev.pushdeck.campaign.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.pushdeck.shared.error.ValidationException;
import java.util.Iterator;
import org.jspecify.annotations.Nullable;

/**
 * JSON as APNs and careful people read it: duplicate keys are an error (a lenient parser
 * would silently keep the last one), trailing text is an error, and output is compact
 * with keys in the order written. Thread-safe.
 */
public final class StrictJson {

    /** Apple documents no depth limit; 32 levels is far beyond any sane payload. */
    public static final int MAX_DEPTH = 32;

    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private StrictJson() {
    }

    /**
     * Parses {@code text}.
     *
     * @throws ValidationException on {@code field}: duplicate key (naming it) or not JSON
     */
    public static JsonNode parse(String text, String field) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new ValidationException(field, "campaign.json.invalid", "");
            }
            return node;
        } catch (JsonProcessingException e) {
            String duplicate = duplicateKey(e);
            if (duplicate != null) {
                throw new ValidationException(field, "campaign.json.duplicate-key", duplicate);
            }
            throw new ValidationException(field, "campaign.json.invalid", e.getOriginalMessage());
        }
    }

    /** The key named twice, when that is why parsing failed. */
    public static @Nullable String duplicateKey(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith("Duplicate field") && e.getProcessor() instanceof JsonParser p) {
            try {
                return p.currentName();
            } catch (java.io.IOException | RuntimeException ignored) {
                return "";
            }
        }
        return message != null && message.startsWith("Duplicate field") ? "" : null;
    }

    /** Compact text, exactly as sent. */
    public static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed tree always serializes", e);
        }
    }

    /** How deeply containers nest: a scalar is 0, {@code {}} is 1, {@code {"a":[]}} is 2. */
    public static int depth(JsonNode node) {
        if (!node.isContainerNode()) {
            return 0;
        }
        int deepest = 0;
        for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
            deepest = Math.max(deepest, depth(children.next()));
        }
        return deepest + 1;
    }
}
