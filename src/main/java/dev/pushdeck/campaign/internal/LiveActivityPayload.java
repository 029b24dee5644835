package dev.pushdeck.campaign.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushdeck.campaign.LiveActivity;
import dev.pushdeck.campaign.LiveActivity.Event;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.error.ValidationException.FieldError;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds the payload of a Live Activity push as a pure function, with the {@code aps} keys
 * Apple names in "Starting and updating Live Activities with ActivityKit push notifications":
 * {@code timestamp} (UNIX seconds), {@code event} ({@code start}, {@code update},
 * {@code end}), {@code content-state}, and for a start {@code attributes-type},
 * {@code attributes} and {@code input-push-token} (so the started activity reports its own
 * update token); {@code stale-date}, {@code dismissal-date} (UNIX seconds),
 * {@code relevance-score} and {@code alert} ({@code title}, {@code body}, {@code sound}) when
 * given. Texts are only ever values, never keys. Only JSON that cannot be a content state or
 * attributes is refused here; every other rule is {@link LiveActivityRules}'. Thread-safe.
 */
public final class LiveActivityPayload {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private LiveActivityPayload() {
    }

    /**
     * The payload of {@code activity} with {@code timestamp} as its send time.
     *
     * @throws ValidationException on {@code liveActivity.contentState} or {@code liveActivity.attributes}
     *                             when that text is not a JSON object of at most {@link StrictJson#MAX_DEPTH} levels
     */
    static ObjectNode compose(LiveActivity activity, Instant timestamp) {
        ObjectNode root = NODES.objectNode();
        ObjectNode aps = root.putObject("aps");
        aps.put("timestamp", timestamp.getEpochSecond());
        Event event = activity.event() == null ? Event.UPDATE : activity.event();
        aps.put("event", event.wire());
        putObject(aps, "content-state", activity.contentState(), "liveActivity.contentState");
        if (event == Event.START) {
            putText(aps, "attributes-type", activity.attributesType());
            putObject(aps, "attributes", activity.attributes(), "liveActivity.attributes");
        }
        putSeconds(aps, "stale-date", activity.staleDate());
        putSeconds(aps, "dismissal-date", activity.dismissalDate());
        if (activity.relevanceScore() != null) {
            aps.put("relevance-score", BigDecimal.valueOf(activity.relevanceScore()).stripTrailingZeros());
        }
        if (activity.hasAlert()) {
            ObjectNode alert = aps.putObject("alert");
            putText(alert, "title", activity.alertTitle());
            putText(alert, "body", activity.alertBody());
            putText(alert, "sound", activity.alertSound());
        }
        if (event == Event.START) {
            aps.put("input-push-token", 1);
        }
        return root;
    }

    /**
     * The payload of an update or end broadcast to a channel, stamped {@code now}.
     *
     * @throws ValidationException with every problem of the content, or on {@code liveActivity} when the
     *                             payload exceeds APNs' limit for Live Activities
     */
    public static String broadcast(@Nullable LiveActivity activity, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        LiveActivityRules.checkBroadcast(activity, now, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        LiveActivity checked = Objects.requireNonNull(activity, "refused above when missing");
        String payload = StrictJson.compact(compose(checked, now));
        int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > PushType.LIVEACTIVITY.limit()) {
            throw new ValidationException("liveActivity", "campaign.payload.too-large", bytes,
                    PushType.LIVEACTIVITY.limit());
        }
        return payload;
    }

    /**
     * The stored payload with {@code aps.timestamp} set to {@code sentAt}: a campaign's payload
     * is built when it is saved and stamped when it launches, so the device orders its updates
     * by when they were sent (a retry keeps the stamp of its launch). The stamp has ten digits
     * until the year 2286, so the size checked at saving holds.
     */
    public static String stamp(String payload, Instant sentAt) {
        JsonNode root = StrictJson.parse(payload, "payload");
        if (root.path("aps") instanceof ObjectNode aps && aps.has("timestamp")) {
            aps.put("timestamp", sentAt.getEpochSecond());
            return StrictJson.compact(root);
        }
        return payload;
    }

    private static void putObject(ObjectNode node, String key, String json, String field) {
        if (PayloadBuilder.blank(json)) {
            return;
        }
        JsonNode value = StrictJson.parse(json, field);
        if (!value.isObject()) {
            throw new ValidationException(field, "campaign.live-activity.not-object");
        }
        if (StrictJson.depth(value) > StrictJson.MAX_DEPTH) {
            throw new ValidationException(field, "campaign.json.too-deep", StrictJson.MAX_DEPTH);
        }
        node.set(key, value);
    }

    private static void putText(ObjectNode node, String key, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            node.put(key, value.strip());
        }
    }

    private static void putSeconds(ObjectNode node, String key, Instant instant) {
        if (instant != null) {
            node.put(key, instant.getEpochSecond());
        }
    }
}
