package dev.pushdeck.campaign.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.Notification;
import dev.pushdeck.campaign.Payload;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.campaign.TrackingKey;
import dev.pushdeck.shared.error.ValidationException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds the APNs payload a campaign sends, as a pure function: the {@code aps}
 * dictionary in Apple's documented shape ({@code alert} with {@code title},
 * {@code subtitle}, {@code body}; {@code badge}; {@code sound}; {@code thread-id};
 * {@code category}; {@code content-available}; {@code mutable-content};
 * {@code interruption-level}; {@code relevance-score}) followed by custom keys at the top
 * level, or an expert's raw payload re-written compactly; a Live Activity's content is built by
 * {@link LiveActivityPayload}. Sizes are never judged here (see {@link CampaignRules}); only text
 * that cannot become a payload is refused. Thread-safe.
 */
public final class PayloadBuilder {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PayloadBuilder() {
    }

    /** The payload of a draft as if sent now. */
    public static Payload build(CampaignDraft draft) {
        return build(draft, Instant.now());
    }

    /**
     * The payload of a draft; a Live Activity's is stamped as sent at {@code sentAt}.
     *
     * @throws ValidationException on {@code notification.data}, {@code rawPayload} or a Live
     *                             Activity's JSON field when that text is not an acceptable JSON object
     */
    public static Payload build(CampaignDraft draft, Instant sentAt) {
        PushType type = draft.pushType();
        ObjectNode root = draft.expert() ? raw(draft.rawPayload(), type)
                : draft.liveActivityComposed() ? LiveActivityPayload.compose(draft.liveActivity(), sentAt)
                : compose(draft.notification(), type);
        if (draft.carriesTrackingKey()) {
            addTrackingKey(root, draft.expert() ? "rawPayload" : "notification.data");
        }
        return Payload.of(StrictJson.compact(root), type, draft.carriesTrackingKey());
    }

    /**
     * Ends the payload with the {@link TrackingKey} (last, where the dispatcher adds each delivery's id).
     *
     * @throws ValidationException on {@code field} when the content already has a top-level {@code pd}
     */
    private static void addTrackingKey(ObjectNode root, String field) {
        if (root.has(TrackingKey.NAME)) {
            throw new ValidationException(field, "campaign.tracking-key.taken", TrackingKey.NAME);
        }
        root.putObject(TrackingKey.NAME).put("c", TrackingKey.NOT_LAUNCHED.toString());
    }

    static ObjectNode compose(Notification n, PushType type) {
        ObjectNode root = NODES.objectNode();
        ObjectNode aps = root.putObject("aps");
        if (type.alertAllowed()) {
            ObjectNode alert = NODES.objectNode();
            putText(alert, "title", n.title());
            putText(alert, "subtitle", n.subtitle());
            putText(alert, "body", n.body());
            if (!alert.isEmpty()) {
                aps.set("alert", alert);
            }
            if (n.badge() != null) {
                aps.put("badge", n.badge());
            }
            String sound = blank(n.sound()) || "none".equalsIgnoreCase(n.sound().trim()) ? null : n.sound().trim();
            putText(aps, "sound", sound);
        }
        putText(aps, "thread-id", n.threadId());
        putText(aps, "category", n.category());
        if (n.contentAvailable() || type.forcesContentAvailable()) {
            aps.put("content-available", 1);
        }
        if (type.alertAllowed() && n.mutableContent()) {
            aps.put("mutable-content", 1);
        }
        if (type.alertAllowed()) {
            putText(aps, "interruption-level", n.interruptionLevel());
        }
        if (n.relevanceScore() != null) {
            aps.put("relevance-score", BigDecimal.valueOf(n.relevanceScore()).stripTrailingZeros());
        }
        if (!blank(n.data())) {
            for (Iterator<Map.Entry<String, JsonNode>> keys = customData(n.data()).fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                root.set(key.getKey(), key.getValue());
            }
        }
        return root;
    }

    /**
     * Custom data as a JSON object without {@code aps}, at most {@link StrictJson#MAX_DEPTH}
     * levels deep.
     *
     * @throws ValidationException on {@code notification.data}
     */
    public static ObjectNode customData(String text) {
        String field = "notification.data";
        JsonNode data = StrictJson.parse(text, field);
        if (!data.isObject()) {
            throw new ValidationException(field, "campaign.data.not-object");
        }
        if (data.has("aps")) {
            throw new ValidationException(field, "campaign.data.aps");
        }
        if (StrictJson.depth(data) > StrictJson.MAX_DEPTH) {
            throw new ValidationException(field, "campaign.json.too-deep", StrictJson.MAX_DEPTH);
        }
        return (ObjectNode) data;
    }

    /**
     * An expert's payload: a JSON object with an {@code aps} object ({@code mdm} pushes carry an
     * {@code mdm} key instead), at most {@link StrictJson#MAX_DEPTH} levels deep.
     *
     * @throws ValidationException on {@code rawPayload}
     */
    static ObjectNode raw(String text, PushType type) {
        String field = "rawPayload";
        JsonNode root = StrictJson.parse(text, field);
        if (!root.isObject()) {
            throw new ValidationException(field, "campaign.raw.not-object");
        }
        if (type == PushType.MDM) {
            if (!root.path("mdm").isTextual()) {
                throw new ValidationException(field, "campaign.raw.mdm");
            }
        } else if (!root.path("aps").isObject()) {
            throw new ValidationException(field, "campaign.raw.no-aps");
        }
        if (StrictJson.depth(root) > StrictJson.MAX_DEPTH) {
            throw new ValidationException(field, "campaign.json.too-deep", StrictJson.MAX_DEPTH);
        }
        return (ObjectNode) root;
    }

    static int utf8Bytes(@Nullable String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void putText(ObjectNode node, String key, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            node.put(key, value);
        }
    }

    static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
