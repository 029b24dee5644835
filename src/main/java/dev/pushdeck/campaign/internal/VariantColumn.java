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
        ArrayNode array = StrictJson.MAPPER.createArrayNode();
        for (ContentVariant variant : variants) {
            ObjectNode node = array.addObject().put("locale", variant.locale());
            putText(node, "title", variant.title());
            putText(node, "subtitle", variant.subtitle());
            putText(node, "body", variant.body());
        }
        try {
            return StrictJson.MAPPER.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("variants always serialize", e);
        }
    }

    static List<ContentVariant> read(String json) {
        List<ContentVariant> variants = new ArrayList<>();
        for (JsonNode node : StrictJson.parse(json, "content_variants")) {
            variants.add(new ContentVariant(node.get("locale").asText(), text(node, "title"), text(node, "subtitle"),
                    text(node, "body")));
        }
        return List.copyOf(variants);
    }

    private static void putText(ObjectNode node, String name, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            node.put(name, value);
        }
    }

    private static @Nullable String text(JsonNode node, String name) {
        return node.hasNonNull(name) ? node.get(name).asText() : null;
    }
}
