package dev.pushdeck.campaign.api;

import static dev.pushdeck.campaign.api.JsonFields.absent;
import static dev.pushdeck.campaign.api.JsonFields.bool;
import static dev.pushdeck.campaign.api.JsonFields.choice;
import static dev.pushdeck.campaign.api.JsonFields.elements;
import static dev.pushdeck.campaign.api.JsonFields.instant;
import static dev.pushdeck.campaign.api.JsonFields.intValue;
import static dev.pushdeck.campaign.api.JsonFields.longValue;
import static dev.pushdeck.campaign.api.JsonFields.number;
import static dev.pushdeck.campaign.api.JsonFields.requireObject;
import static dev.pushdeck.campaign.api.JsonFields.strings;
import static dev.pushdeck.campaign.api.JsonFields.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.campaign.AbTest;
import dev.pushdeck.campaign.AudienceSpec;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.ContentVariant;
import dev.pushdeck.campaign.ContentVersion;
import dev.pushdeck.campaign.Expiration;
import dev.pushdeck.campaign.LiveActivity;
import dev.pushdeck.campaign.Notification;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.campaign.QuietHours;
import dev.pushdeck.campaign.Schedule;
import dev.pushdeck.campaign.internal.StrictJson;
import dev.pushdeck.device.AttributeFilter;
import dev.pushdeck.shared.error.ValidationException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads campaign request bodies with the strict parser (a key given twice anywhere is
 * refused, naming the object it is in, e.g. {@code notification.data}), and turns each
 * value of the wrong type into a field error with its JSON path ({@link JsonFields}).
 */
final class CampaignBody {

    private static final Pattern HOURS_AND_MINUTES = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");

    private CampaignBody() {
    }

    static JsonNode parse(@Nullable String body) {
        try {
            JsonNode node = StrictJson.MAPPER.readTree(body == null ? "" : body);
            if (node == null || !node.isObject()) {
                throw new ValidationException("body", "campaign.json.body");
            }
            return node;
        } catch (JsonProcessingException e) {
            String duplicate = StrictJson.duplicateKey(e);
            if (duplicate != null) {
                throw new ValidationException(parentPath(e), "campaign.json.duplicate-key", duplicate);
            }
            throw new ValidationException("body", "campaign.json.invalid", e.getOriginalMessage());
        }
    }

    /** The object holding the duplicate key, as a dotted path ("notification.data"); "body" at the top. */
    private static String parentPath(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof JsonParser parser)) {
            return "body";
        }
        String pointer = parser.getParsingContext().pathAsPointer().toString();
        int last = pointer.lastIndexOf('/');
        String parent = last <= 0 ? "" : pointer.substring(1, last);
        return parent.isEmpty() ? "body" : parent.replace('/', '.');
    }

    static CampaignDraft draft(JsonNode body) {
        return new CampaignDraft(text(body, "name", "name"), environment(body.get("environment")),
                notification(body.get("notification")), raw(body.get("rawPayload")),
                PushType.parse(text(body, "pushType", "pushType")), priority(body),
                Expiration.stated(longValue(body, "expiresAfterSeconds", "expiresAfterSeconds"),
                        instant(body, "expiresAt", "expiresAt", "campaign.expiration.invalid")),
                text(body, "collapseId", "collapseId"), audience(body.get("audience")),
                schedule(body.get("schedule"), "schedule"), intValue(body, "throttlePerMinute", "throttlePerMinute"),
                liveActivity(body.get("liveActivity")), absent(body.get("trackOpens"))
                || bool(body, "trackOpens", "trackOpens"), quietHours(body.get("quietHours")),
                variants(body.get("variants"), "variants"), abTest(body.get("abTest")));
    }

    /** Content variants as given ({@code [{"locale", "title", "subtitle", "body"}]}); the rules judge them. */
    private static List<ContentVariant> variants(JsonNode node, String at) {
        return elements(node, at, (variant, path) -> {
            requireObject(variant, path);
            return new ContentVariant(text(variant, "locale", path + ".locale"), text(variant, "title", path + ".title"),
                    text(variant, "subtitle", path + ".subtitle"), text(variant, "body", path + ".body"));
        });
    }

    /**
     * An A/B test as {@code {"testPercent", "waitMinutes", "versions": [{"title", "subtitle", "body",
     * "variants"}]}}, the share and wait taking their defaults when absent; the rules judge the rest.
     */
    private static @Nullable AbTest abTest(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        String path = "abTest";
        requireObject(node, path);
        Integer percent = intValue(node, "testPercent", path + ".testPercent");
        Integer wait = intValue(node, "waitMinutes", path + ".waitMinutes");
        return new AbTest(percent == null ? AbTest.DEFAULT_TEST_PERCENT : percent,
                wait == null ? AbTest.DEFAULT_WAIT_MINUTES : wait,
                elements(node.get("versions"), path + ".versions", (version, at) -> {
                    requireObject(version, at);
                    return new ContentVersion(text(version, "title", at + ".title"),
                            text(version, "subtitle", at + ".subtitle"), text(version, "body", at + ".body"),
                            variants(version.get("variants"), at + ".variants"));
                }));
    }

    /** Quiet hours as {@code {"from": "22:00", "to": "08:00", "action": "HOLD"}}; the rules judge the window. */
    static @Nullable QuietHours quietHours(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        String path = "quietHours";
        requireObject(node, path);
        return new QuietHours(time(node, "from", path + ".from"), time(node, "to", path + ".to"),
                choice(QuietHours.Action.class, text(node, "action", path + ".action"), path + ".action"));
    }

    /** A local time written {@code HH:MM} (00:00 to 23:59), or null when absent. */
    private static @Nullable LocalTime time(JsonNode parent, String name, String path) {
        String text = text(parent, name, path);
        if (text == null) {
            return null;
        }
        if (!HOURS_AND_MINUTES.matcher(text.trim()).matches()) {
            throw new ValidationException(path, "campaign.quiet-hours.time.invalid");
        }
        return LocalTime.parse(text.trim());
    }

    /** A Live Activity's content; its JSON objects are kept as compact text, as the payload will carry them. */
    static @Nullable LiveActivity liveActivity(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        String path = "liveActivity";
        requireObject(node, path);
        JsonNode alert = node.get("alert");
        if (!absent(alert)) {
            requireObject(alert, path + ".alert");
        }
        JsonNode alertNode = absent(alert) ? StrictJson.MAPPER.createObjectNode() : alert;
        return new LiveActivity(LiveActivity.Event.parse(text(node, "event", path + ".event")),
                text(node, "attributesType", path + ".attributesType"), json(node.get("attributes")),
                json(node.get("contentState")),
                instant(node, "staleDate", path + ".staleDate", "campaign.live-activity.date.invalid"),
                instant(node, "dismissalDate", path + ".dismissalDate", "campaign.live-activity.date.invalid"),
                number(node, "relevanceScore", path + ".relevanceScore"),
                text(alertNode, "title", path + ".alert.title"), text(alertNode, "body", path + ".alert.body"),
                text(alertNode, "sound", path + ".alert.sound"));
    }

    /** A JSON value kept as compact text for the rules to judge (they want an object); absent is null. */
    private static @Nullable String json(JsonNode node) {
        return absent(node) ? null : StrictJson.compact(node);
    }

    /**
     * Applies a JSON merge patch (RFC 7396) to {@code target}: each key of the patch
     * replaces the target's, objects merge key by key, and {@code null} removes a key.
     */
    static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : StrictJson.MAPPER.createObjectNode();
        patch.fields().forEachRemaining(field -> {
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), merge(result.get(field.getKey()), field.getValue()));
            }
        });
        return result;
    }

    /** The {@code name} of a body, null when absent. */
    static @Nullable String name(JsonNode body) {
        return text(body, "name", "name");
    }

    static @Nullable Schedule schedule(JsonNode node, String path) {
        if (absent(node)) {
            return null;
        }
        requireObject(node, path);
        String at = text(node, "at", path + ".at");
        LocalDateTime local;
        try {
            local = at == null ? null : LocalDateTime.parse(at.trim());
        } catch (DateTimeParseException e) {
            throw new ValidationException(path + ".at", "campaign.schedule.at.invalid");
        }
        return new Schedule(local, text(node, "zone", path + ".zone"),
                bool(node, "deviceLocalTime", path + ".deviceLocalTime"));
    }

    private static ApnsEnvironment environment(JsonNode node) {
        if (absent(node) || !node.isTextual()) {
            throw new ValidationException("environment", "device.environment.invalid");
        }
        return ApnsEnvironment.parse(node.asText());
    }

    static Notification notification(JsonNode node) {
        if (absent(node)) {
            return Notification.EMPTY;
        }
        String path = "notification";
        requireObject(node, path);
        JsonNode data = node.get("data");
        return new Notification(text(node, "title", path + ".title"), text(node, "subtitle", path + ".subtitle"),
                text(node, "body", path + ".body"), text(node, "sound", path + ".sound"),
                intValue(node, "badge", path + ".badge"), text(node, "category", path + ".category"),
                text(node, "threadId", path + ".threadId"), bool(node, "mutableContent", path + ".mutableContent"),
                bool(node, "contentAvailable", path + ".contentAvailable"),
                text(node, "interruptionLevel", path + ".interruptionLevel"),
                number(node, "relevanceScore", path + ".relevanceScore"),
                absent(data) ? null : StrictJson.compact(data));
    }

    /** A raw payload given as a JSON object, or as a string holding one. */
    static @Nullable String raw(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        return node.isTextual() ? node.asText() : StrictJson.compact(node);
    }

    private static int priority(JsonNode body) {
        Integer priority = intValue(body, "priority", "priority");
        return priority == null ? 10 : priority;
    }

    private static AudienceSpec audience(JsonNode node) {
        if (absent(node)) {
            return AudienceSpec.ALL_DEVICES;
        }
        requireObject(node, "audience");
        return new AudienceSpec(choice(AudienceSpec.Type.class, text(node, "type", "audience.type"), "audience.type"),
                strings(node.get("tags"), "audience.tags"),
                choice(AudienceSpec.Match.class, text(node, "match", "audience.match"), "audience.match"),
                strings(node.get("tokens"), "audience.tokens"), strings(node.get("aliases"), "audience.aliases"),
                strings(node.get("activityIds"), "audience.activityIds"), channel(node),
                filters(node.get("filters")));
    }

    /** Attribute filters as given; the campaign rules judge their attributes, operators and values. */
    private static List<AttributeFilter> filters(JsonNode node) {
        return elements(node, "audience.filters", (filter, path) -> {
            requireObject(filter, path);
            return new AttributeFilter(
                    choice(AttributeFilter.Attribute.class, text(filter, "attribute", path + ".attribute"),
                            path + ".attribute"),
                    text(filter, "key", path + ".key"),
                    choice(AttributeFilter.Operator.class, text(filter, "operator", path + ".operator"),
                            path + ".operator"),
                    elements(filter.get("values"), path + ".values", CampaignBody::scalar));
        });
    }

    /** Text, a number (exactly, as BigDecimal) or a boolean. */
    private static Object scalar(JsonNode value, String path) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        throw new ValidationException(path, "campaign.field.type", "string, number, boolean");
    }

    /** The listed id of a broadcast channel ({@code GET /apps/{appId}/channels}), or null when absent. */
    private static @Nullable UUID channel(JsonNode audience) {
        String text = text(audience, "channel", "audience.channel");
        try {
            return text == null ? null : UUID.fromString(text.trim());
        } catch (IllegalArgumentException e) {
            throw new ValidationException("audience.channel", "campaign.audience.channel.unknown");
        }
    }

    /** What a test send asks for: one device (null for the test devices) and the version, 0 for A. */
    record TestSend(@Nullable UUID deviceId, int version) {
    }

    /** A test send's optional {@code deviceId} and {@code version}; an empty body means the test devices and A. */
    static TestSend testSend(@Nullable String body) {
        if (body == null || body.isBlank()) {
            return new TestSend(null, 0);
        }
        JsonNode node = parse(body);
        String text = text(node, "deviceId", "deviceId");
        Integer version = version(node);
        try {
            return new TestSend(text == null ? null : UUID.fromString(text.trim()), version == null ? 0 : version);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("deviceId", "campaign.field.type", "uuid");
        }
    }

    /**
     * The A/B test version a body names by its letter ({@code "version": "B"}, in either case) as its
     * number, 0 for A, or null when absent; whether the campaign has it is the service's to say.
     */
    static @Nullable Integer version(JsonNode body) {
        String text = text(body, "version", "version");
        if (text == null) {
            return null;
        }
        String letter = text.trim().toUpperCase(Locale.ROOT);
        for (int version = 0; version < AbTest.MAX_VERSIONS; version++) {
            if (AbTest.letter(version).equals(letter)) {
                return version;
            }
        }
        throw unknownVersion();
    }

    /** As {@link #version}, for a body that must name one. */
    static int requiredVersion(JsonNode body) {
        Integer version = version(body);
        if (version == null) {
            throw unknownVersion();
        }
        return version;
    }

    private static ValidationException unknownVersion() {
        return new ValidationException("version", "campaign.choice.invalid", IntStream.range(0, AbTest.MAX_VERSIONS)
                .mapToObj(AbTest::letter).collect(Collectors.joining(", ")));
    }
}
