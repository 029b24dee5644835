package dev.pushdeck.campaign.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pushdeck.campaign.AbTest;
import dev.pushdeck.campaign.AudienceSpec;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.ContentVariant;
import dev.pushdeck.campaign.ContentVersion;
import dev.pushdeck.campaign.LiveActivity;
import dev.pushdeck.campaign.Notification;
import dev.pushdeck.campaign.QuietHours;
import dev.pushdeck.campaign.internal.StrictJson;
import dev.pushdeck.device.AttributeFilter;
import io.swagger.v3.oas.annotations.media.Schema;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * A campaign in the API. Delivery counts belong to the dispatcher; the history module's
 * campaign endpoint adds them around this record, which it may use as the named interface
 * {@code campaign::json}. {@code expiresAfterSeconds} 0 means APNs tries once, as it does in a
 * request body, so a campaign read back states what it was given.
 */
@NamedInterface("json")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CampaignJson(UUID id, UUID appId, String name, String kind, String environment, String status,
                    @Nullable String statusReason, @Nullable NotificationJson notification,
                    @Schema(type = "object", description = "the whole APNs payload given in expert mode, instead of "
                            + "notification") @Nullable JsonNode rawPayload,
                    @Schema(description = "the exact JSON sent to APNs") String payload, int payloadBytes, int payloadLimit, String pushType,
                    int priority, @Nullable Instant expiresAt, @Nullable Long expiresAfterSeconds,
                    @Nullable String collapseId, AudienceJson audience, long audienceCount,
                    @Nullable ScheduleJson schedule, @Nullable Instant scheduledAt,
                    @Nullable Integer throttlePerMinute, @Nullable LiveActivityJson liveActivity,
                    @Schema(description = "whether the payload carries the open-tracking key \"pd\" (where its push type allows)") boolean trackOpens,
                    @Schema(description = "quiet hours in each device's local time; absent when none")
                    @Nullable QuietHoursJson quietHours,
                    @Schema(description = "the alert's wording per language; each device gets its locale's best "
                            + "match, else notification") List<VariantJson> variants,
                    @Schema(description = "the A/B test of the wording; absent when none")
                    @Nullable AbTestJson abTest,
                    String createdBy, Instant createdAt,
                    Instant updatedAt, @Nullable Instant launchedAt, @Nullable Instant completedAt) {

    /** The composer's fields; {@code data} holds the custom keys sent beside {@code aps}. */
    public record NotificationJson(@Nullable String title, @Nullable String subtitle, @Nullable String body,
                                   @Nullable String sound, @Nullable Integer badge, @Nullable String category,
                                   @Nullable String threadId, boolean mutableContent, boolean contentAvailable,
                                   @Nullable String interruptionLevel, @Nullable Double relevanceScore,
                                   @Schema(type = "object") @Nullable JsonNode data) {

        public static NotificationJson of(Notification n) {
            return new NotificationJson(n.title(), n.subtitle(), n.body(), n.sound(), n.badge(), n.category(),
                    n.threadId(), n.mutableContent(), n.contentAvailable(), n.interruptionLevel(),
                    n.relevanceScore(), tree(n.data()));
        }
    }

    public record AudienceJson(String type, List<String> tags, String match, List<String> tokens, List<String> aliases,
                               List<String> activityIds,
                               @Schema(description = "for type CHANNEL: the id of the app's broadcast channel as "
                                       + "listed under /apps/{appId}/channels (not Apple's channelId); absent when "
                                       + "the channel was deleted") @Nullable UUID channel,
                               @Schema(description = "conditions on what the app reported, all of which a device "
                                       + "must meet besides the type; none when absent or empty") List<FilterJson> filters) {
    }

    /**
     * An attribute filter. {@code values} holds one value, or several for {@code IN}: versions as
     * text, last-seen instants as ISO text, a number of days, property values as text, number or boolean.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FilterJson(@Schema(allowableValues = {"APP_VERSION", "LAST_SEEN", "PROPERTY"}) String attribute,
                             @Schema(description = "PROPERTY only: the property's key") @Nullable String key,
                             @Schema(description = "APP_VERSION and PROPERTY: EQUALS, IN, BEFORE, AFTER (properties: "
                                     + "numbers only); LAST_SEEN: BEFORE, AFTER (an instant), WITHIN_DAYS (1 to 3650)",
                                     allowableValues = {"EQUALS", "IN", "BEFORE", "AFTER", "WITHIN_DAYS"})
                             String operator,
                             @Schema(description = "one value, or up to 100 for IN; each a string, number or boolean")
                             List<Object> values) {

        static FilterJson of(AttributeFilter filter) {
            return new FilterJson(filter.checkedAttribute().name(), filter.key(), filter.checkedOperator().name(),
                    filter.values().stream().map(value -> value instanceof Instant instant
                            ? (Object) instant.toString() : value).toList());
        }
    }

    /**
     * A Live Activity event ({@code pushType} liveactivity); {@code attributes} and
     * {@code contentState} are JSON objects, times ISO instants sent as UNIX seconds.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LiveActivityJson(@Schema(allowableValues = {"start", "update", "end"}) @Nullable String event,
                                   @Schema(description = "the app's ActivityAttributes type; a start sends it, every "
                                           + "event goes to the registered tokens of it")
                                   @Nullable String attributesType,
                                   @Schema(type = "object", description = "start only") @Nullable JsonNode attributes,
                                   @Schema(type = "object", description = "required for start and update")
                                   @Nullable JsonNode contentState,
                                   @Schema(description = "start and update") @Nullable Instant staleDate,
                                   @Schema(description = "end only") @Nullable Instant dismissalDate,
                                   @Schema(description = "0 or more; start and update") @Nullable Double relevanceScore,
                                   @Schema(description = "required for start; not with end")
                                   @Nullable AlertJson alert) {

        static @Nullable LiveActivityJson of(@Nullable LiveActivity a) {
            return a == null ? null : new LiveActivityJson(a.event() == null ? null : a.event().wire(),
                    a.attributesType(), tree(a.attributes()), tree(a.contentState()), a.staleDate(),
                    a.dismissalDate(), a.relevanceScore(), a.hasAlert() || a.alertSound() != null
                    ? new AlertJson(a.alertTitle(), a.alertBody(), a.alertSound()) : null);
        }
    }

    /** A Live Activity's alert. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AlertJson(@Nullable String title, @Nullable String body, @Nullable String sound) {
    }

    public record ScheduleJson(LocalDateTime at, String zone, boolean deviceLocalTime) {
    }

    /** One language's wording of the alert: a BCP 47 tag and the texts that replace the default's. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VariantJson(@Schema(example = "zh-CN") String locale, @Nullable String title,
                              @Nullable String subtitle, @Nullable String body) {

        static VariantJson of(ContentVariant v) {
            return new VariantJson(v.locale(), v.title(), v.subtitle(), v.body());
        }
    }

    /**
     * An A/B test: version A is the campaign's own content ({@code notification} and {@code variants}),
     * {@code versions} are B, C and D in their order.
     */
    public record AbTestJson(@Schema(description = "the share of the audience tested, split evenly between the "
                                     + "versions; 1 to 50, 20 when absent") Integer testPercent,
                             @Schema(description = "minutes from the launch until the best open rate is sent to the "
                                     + "rest; 1 to 10080 (a week), 120 when absent") Integer waitMinutes,
                             @Schema(description = "versions B, C and D beside A: one to three, each with a "
                                     + "title, subtitle or body, and variants wording each locale of the campaign's "
                                     + "variants, no other") List<VersionJson> versions) {

        static @Nullable AbTestJson of(@Nullable AbTest test) {
            return test == null ? null : new AbTestJson(test.testPercent(), test.waitMinutes(),
                    test.versions().stream().map(VersionJson::of).toList());
        }
    }

    /** One further version's wording: its default texts and one wording per language of the campaign. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VersionJson(@Nullable String title, @Nullable String subtitle, @Nullable String body,
                              List<VariantJson> variants) {

        static VersionJson of(ContentVersion v) {
            return new VersionJson(v.title(), v.subtitle(), v.body(),
                    v.variants().stream().map(VariantJson::of).toList());
        }
    }

    /** Quiet hours: local times as {@code HH:MM}, the window from {@code from} up to {@code to}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QuietHoursJson(@Schema(example = "22:00") String from, @Schema(example = "08:00") String to,
                                 @Schema(allowableValues = {"HOLD", "SKIP"}, description = "HOLD when absent")
                                 String action) {

        static @Nullable QuietHoursJson of(@Nullable QuietHours q) {
            return q == null ? null : new QuietHoursJson(q.from().toString(), q.to().toString(), q.action().name());
        }
    }

    public static CampaignJson of(Campaign c) {
        CampaignDraft d = c.draft();
        AudienceSpec a = d.audience();
        return new CampaignJson(c.id(), c.appId(), c.name(), c.kind().name(), d.environment().wire(),
                c.status().name(), c.statusReason(), d.expert() ? null : NotificationJson.of(d.notification()),
                tree(d.rawPayload()), c.payload().json(), c.payload().bytes(), c.payload().limit(),
                d.pushType().wire(), d.priority(), d.expiration().at(),
                d.expiration().none() ? Long.valueOf(0) : d.expiration().afterSeconds(),
                d.collapseId(), new AudienceJson(a.type().name(), a.tags(), a.match().name(), a.tokens(),
                a.aliases(), a.activityIds(), a.channel(),
                a.filters().stream().map(FilterJson::of).toList()),
                c.audienceCount(), d.schedule() == null ? null : new ScheduleJson(d.schedule().at(),
                d.schedule().zone(), d.schedule().deviceLocalTime()), c.scheduledAt(), d.throttlePerMinute(),
                LiveActivityJson.of(d.liveActivity()), d.trackOpens(), QuietHoursJson.of(d.quietHours()),
                d.variants().stream().map(VariantJson::of).toList(), AbTestJson.of(d.abTest()), c.createdBy(), c.createdAt(), c.updatedAt(), c.launchedAt(), c.completedAt());
    }

    /** Stored JSON text as a tree (it was checked when stored); blank is absent. */
    static @Nullable JsonNode tree(@Nullable String json) {
        return json == null || json.isBlank() ? null : StrictJson.parse(json, "payload");
    }
}
