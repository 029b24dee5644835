package dev.pushdeck.campaign.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * The published schema of campaign request bodies (create, PATCH, transactional send).
 * Bodies are read as text by {@link CampaignBody}'s strict parser, which refuses duplicate
 * keys and names each wrong value by its JSON path; this record only tells OpenAPI what
 * that parser reads, so the contract and the parser are described in one place.
 */
@Schema(name = "CampaignRequest", description = "A campaign's content, delivery options, audience and schedule. "
        + "rawPayload (a whole APNs payload) replaces notification. PATCH takes any subset (JSON merge patch: "
        + "null removes a value).")
record CampaignRequestJson(
        @Schema(description = "1 to 200 characters; optional for transactional sends") String name,
        @Schema(allowableValues = {"sandbox", "production"}) String environment,
        CampaignJson.NotificationJson notification,
        @Schema(type = "object", description = "a whole APNs payload (object, or a string holding one)")
        JsonNode rawPayload,
        @Schema(allowableValues = {"alert", "background", "voip", "complication", "fileprovider", "mdm",
                "location", "liveactivity", "pushtotalk"}) String pushType,
        @Schema(description = "APNs priority; 10 when absent") Integer priority,
        @Schema(description = "APNs expiration as an instant; or expiresAfterSeconds") Instant expiresAt,
        @Schema(description = "APNs expiration relative to the launch") Long expiresAfterSeconds,
        @Schema(description = "at most 64 bytes") String collapseId,
        @Schema(description = "type ALL, TAGS (tags, match ANY|ALL), TOKENS, TEST_DEVICES, ALIASES (transactional "
                + "sends), ACTIVITIES (activityIds: Live Activity updates and ends of some activities), or CHANNEL "
                + "(channel: a Live Activity update or end broadcast once to a channel of the app and environment); "
                + "all devices of the environment when absent. filters (not with CHANNEL) narrow it by what the "
                + "app reported: APP_VERSION, LAST_SEEN (the last registration) or a PROPERTY by key")
        CampaignJson.AudienceJson audience,
        @Schema(description = "null keeps a draft; at is a local date-time in zone, or in each device's zone with "
                + "deviceLocalTime") CampaignJson.ScheduleJson schedule,
        Integer throttlePerMinute,
        @Schema(description = "the event of a liveactivity push, instead of notification and rawPayload")
        CampaignJson.LiveActivityJson liveActivity,
        @Schema(description = "whether the payload ends with the key \"pd\": {\"c\": campaign id, \"d\": delivery id} "
                + "apps report opens and receipts with (POST /notification-events); true when absent. Not added "
                + "to liveactivity, fileprovider and mdm pushes, whose payload the app's code never reads")
        Boolean trackOpens,
        @Schema(description = "a daily window of each device's local time (from and to as HH:MM; to before from "
                + "crosses midnight; equal times are refused) when nothing is sent: action HOLD (the default) "
                + "sends at the window's end, SKIP records the delivery as SKIPPED with the reason QuietHours. "
                + "Devices without a known time zone follow the schedule's zone, UTC when sent without one")
        CampaignJson.QuietHoursJson quietHours,
        @Schema(description = "the alert's title, subtitle and body per language (composed alert campaigns to "
                + "devices only; everything else is shared): each device gets the variant of its exact locale "
                + "(case and _ or - do not matter), else of its language alone (zh-Hant-TW gets zh), else "
                + "notification. locale is a BCP 47 tag of up to 35 characters, each distinct; at most 50; each "
                + "variant's payload must fit the push type's limit")
        List<CampaignJson.VariantJson> variants,
        @Schema(description = "an A/B test of the wording (composed alert campaigns to devices, not at each "
                + "device's local time, not in a transactional send; a test send sends version A): testPercent of the audience is split evenly between version A, the "
                + "campaign's own notification and variants, and versions B to D, the rest held until waitMinutes "
                + "after the launch and then sent the version with the best open rate. Each version has a title, "
                + "subtitle or body and words exactly the locales of variants; each payload must fit the push "
                + "type's limit. In a PATCH, abTest merges key by key, versions is replaced as a whole and "
                + "abTest: null removes the test")
        CampaignJson.AbTestJson abTest) {
}
