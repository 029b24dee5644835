package dev.pushdeck.campaign;

import java.nio.charset.StandardCharsets;

/**
 * A payload exactly as it goes to APNs: compact JSON text, its UTF-8 size and the limit
 * of its push type.
 */
public record Payload(String json, int bytes, int limit) {

    public static Payload of(String json, PushType type) {
        return new Payload(json, json.getBytes(StandardCharsets.UTF_8).length, type.limit());
    }

    public boolean overLimit() {
        return bytes > limit;
    }
}
