package dev.pushdeck.campaign.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushdeck.campaign.ContentVariant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A campaign's content variants in {@code campaigns.content_variants}: a JSON array of
 * {@code {"locale", "title", "subtitle", "body"}}, unset texts left out. Pure and thread-safe.
 */
final class VariantColumn {

    private VariantColumn() {
    }

    static String write(List<ContentVariant> variants) {
        return serialize(array(variants));
    }

    static List<ContentVariant> read(String json) {
        return read(StrictJson.parse(json, "content_variants"));
    }

    /** The variants as a JSON array, as {@link #read(JsonNode)} reads them. */
    static ArrayNode array(List<ContentVariant> variants) {
        ArrayNode array = StrictJson.MAPPER.createArrayNode();
        for (ContentVariant variant : variants) {
            putTexts(array.addObject().put("locale", variant.locale()), variant.title(), variant.subtitle(),
                    variant.body());
        }
        return array;
    }

    static List<ContentVariant> read(JsonNode array) {
        List<ContentVariant> variants = new ArrayList<>();
        for (JsonNode node : array) {
            variants.add(new ContentVariant(node.get("locale").asText(), text(node, "title"), text(node, "subtitle"),
                    text(node, "body")));
        }
        return List.copyOf(variants);
    }

    /** Puts the texts that are set; unset ones are left out. */
    static void putTexts(ObjectNode node, @Nullable String title, @Nullable String subtitle, @Nullable String body) {
        putText(node, "title", title);
        putText(node, "subtitle", subtitle);
        putText(node, "body", body);
    }

    static String serialize(JsonNode node) {
        try {
            return StrictJson.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON always serializes", e);
        }
    }

    private static void putText(ObjectNode node, String name, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            node.put(name, value);
        }
    }

    static @Nullable String text(JsonNode node, String name) {
        return node.hasNonNull(name) ? node.get(name).asText() : null;
    }
}
