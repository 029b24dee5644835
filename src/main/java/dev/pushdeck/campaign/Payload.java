package dev.pushdeck.campaign;

import java.nio.charset.StandardCharsets;

/**
 * A payload exactly as it goes to APNs: compact JSON text, its UTF-8 size and the limit
 * of its push type. When it carries the {@link TrackingKey}, {@code bytes} counts the delivery
 * id the dispatcher adds to each device's copy.
 */
public record Payload(String json, int bytes, int limit) {

    public static Payload of(String json, PushType type) {
        return of(json, type, false);
    }

    /** A payload; with {@code tracked}, its size includes the widest delivery id of the tracking key. */
    public static Payload of(String json, PushType type, boolean tracked) {
        return new Payload(json, json.getBytes(StandardCharsets.UTF_8).length
                + (tracked ? TrackingKey.DELIVERY_BYTES : 0), type.limit());
    }

    public boolean overLimit() {
        return bytes > limit;
    }
}
