package dev.pushdeck.campaign;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.device.ActivityTarget;
import dev.pushdeck.device.Audience;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;

/**
 * Everything a person or API client states about a campaign. In expert mode
 * {@code rawPayload} (a whole APNs JSON object) replaces {@code notification}; a Live Activity
 * campaign ({@link PushType#LIVEACTIVITY}) states its content in {@code liveActivity} instead.
 *
 * <p>Content as given, so not null-marked: a part may be missing until the campaign rules judge it
 * (docs/decisions/048-nullness-checked-at-compile-time.md).
 *
 * @param expiration null for {@link Expiration#DEFAULT} (kept 24 hours after each delivery's release)
 * @param schedule null to keep the campaign a draft
 * @param throttlePerMinute null for as fast as the dispatcher goes
 * @param liveActivity the Live Activity event, or null for every other push type
 * @param trackOpens whether the payload carries the key {@code "pd"} the app reports opens and receipts with
 *                   ({@link TrackingKey}); on by default
 * @param quietHours the daily window in each device's local time when nothing is sent, or null for none
 * @param variants   the alert's wording per locale, each device getting its best match
 *                   ({@link LocaleMatch}); empty (never null) when everyone gets {@code notification}
 * @param abTest     the versions of the wording tested on a share of the audience before the rest gets the
 *                   winner, or null for none
 */
@NullUnmarked
public record CampaignDraft(String name, ApnsEnvironment environment, Notification notification, String rawPayload,
                            PushType pushType, int priority, Expiration expiration, String collapseId,
                            AudienceSpec audience, Schedule schedule, Integer throttlePerMinute,
                            LiveActivity liveActivity, boolean trackOpens, QuietHours quietHours,
                            List<ContentVariant> variants, @Nullable AbTest abTest) {

    public CampaignDraft {
        variants = variants == null ? List.of() : List.copyOf(variants);
        notification = notification == null ? Notification.EMPTY : notification;
        pushType = pushType == null ? PushType.ALERT : pushType;
        expiration = expiration == null ? Expiration.DEFAULT : expiration;
        audience = audience == null ? AudienceSpec.ALL_DEVICES : audience;
    }

    /** A draft without an A/B test. */
    public CampaignDraft(String name, ApnsEnvironment environment, Notification notification, String rawPayload,
                         PushType pushType, int priority, Expiration expiration, String collapseId,
                         AudienceSpec audience, Schedule schedule, Integer throttlePerMinute,
                         LiveActivity liveActivity, boolean trackOpens, QuietHours quietHours,
                         List<ContentVariant> variants) {
        this(name, environment, notification, rawPayload, pushType, priority, expiration, collapseId, audience,
                schedule, throttlePerMinute, liveActivity, trackOpens, quietHours, variants, null);
    }

    /** A draft without content variants. */
    public CampaignDraft(String name, ApnsEnvironment environment, Notification notification, String rawPayload,
                         PushType pushType, int priority, Expiration expiration, String collapseId,
                         AudienceSpec audience, Schedule schedule, Integer throttlePerMinute,
                         LiveActivity liveActivity, boolean trackOpens, QuietHours quietHours) {
        this(name, environment, notification, rawPayload, pushType, priority, expiration, collapseId, audience,
                schedule, throttlePerMinute, liveActivity, trackOpens, quietHours, List.of());
    }

    /** A draft without quiet hours. */
    public CampaignDraft(String name, ApnsEnvironment environment, Notification notification, String rawPayload,
                         PushType pushType, int priority, Expiration expiration, String collapseId,
                         AudienceSpec audience, Schedule schedule, Integer throttlePerMinute,
                         LiveActivity liveActivity, boolean trackOpens) {
        this(name, environment, notification, rawPayload, pushType, priority, expiration, collapseId, audience,
                schedule, throttlePerMinute, liveActivity, trackOpens, null);
    }

    /** A draft that carries the open-tracking key. */
    public CampaignDraft(String name, ApnsEnvironment environment, Notification notification, String rawPayload,
                         PushType pushType, int priority, Expiration expiration, String collapseId,
                         AudienceSpec audience, Schedule schedule, Integer throttlePerMinute,
                         LiveActivity liveActivity) {
        this(name, environment, notification, rawPayload, pushType, priority, expiration, collapseId, audience,
                schedule, throttlePerMinute, liveActivity, true);
    }

    /** A draft of any push type but Live Activity. */
    public CampaignDraft(String name, ApnsEnvironment environment, Notification notification, String rawPayload,
                         PushType pushType, int priority, Expiration expiration, String collapseId,
                         AudienceSpec audience, Schedule schedule, Integer throttlePerMinute) {
        this(name, environment, notification, rawPayload, pushType, priority, expiration, collapseId, audience,
                schedule, throttlePerMinute, null);
    }

    public boolean expert() {
        return rawPayload != null;
    }

    /** Whether this is a Live Activity campaign with its content stated. */
    public boolean liveActivityComposed() {
        return pushType == PushType.LIVEACTIVITY && liveActivity != null;
    }

    /**
     * Whom the campaign reaches in its environment: the devices its audience selects, or for a
     * Live Activity, the live tokens of the event's kind and attributes type on those devices.
     *
     * @throws IllegalStateException for a broadcast channel, which reaches no device of ours
     */
    public Audience reach() {
        Audience devices = audience.toAudience(environment);
        if (!liveActivityComposed() || liveActivity.event() == null || liveActivity.attributesType() == null) {
            return devices;
        }
        return devices.toActivities(new ActivityTarget(liveActivity.tokenKind(), liveActivity.attributesType(),
                audience.activityIds()));
    }

    public CampaignDraft withSchedule(Schedule newSchedule) {
        return new CampaignDraft(name, environment, notification, rawPayload, pushType, priority, expiration,
                collapseId, audience, newSchedule, throttlePerMinute, liveActivity, trackOpens, quietHours, variants,
                abTest);
    }

    public CampaignDraft withName(String newName) {
        return new CampaignDraft(newName, environment, notification, rawPayload, pushType, priority, expiration,
                collapseId, audience, schedule, throttlePerMinute, liveActivity, trackOpens, quietHours, variants,
                abTest);
    }

    public CampaignDraft withAudience(AudienceSpec newAudience) {
        return new CampaignDraft(name, environment, notification, rawPayload, pushType, priority, expiration,
                collapseId, newAudience, schedule, throttlePerMinute, liveActivity, trackOpens, quietHours, variants,
                abTest);
    }

    public CampaignDraft withTrackOpens(boolean track) {
        return new CampaignDraft(name, environment, notification, rawPayload, pushType, priority, expiration,
                collapseId, audience, schedule, throttlePerMinute, liveActivity, track, quietHours, variants, abTest);
    }

    public CampaignDraft withQuietHours(QuietHours quiet) {
        return new CampaignDraft(name, environment, notification, rawPayload, pushType, priority, expiration,
                collapseId, audience, schedule, throttlePerMinute, liveActivity, trackOpens, quiet, variants, abTest);
    }

    public CampaignDraft withVariants(List<ContentVariant> newVariants) {
        return new CampaignDraft(name, environment, notification, rawPayload, pushType, priority, expiration,
                collapseId, audience, schedule, throttlePerMinute, liveActivity, trackOpens, quietHours, newVariants,
                abTest);
    }

    public CampaignDraft withAbTest(@Nullable AbTest newAbTest) {
        return new CampaignDraft(name, environment, notification, rawPayload, pushType, priority, expiration,
                collapseId, audience, schedule, throttlePerMinute, liveActivity, trackOpens, quietHours, variants,
                newAbTest);
    }

    /** This draft as the devices of one variant get it: its wording in place of the default, and no variants. */
    public CampaignDraft asVariant(ContentVariant variant) {
        return new CampaignDraft(name, environment, variant.applyTo(notification), rawPayload, pushType, priority,
                expiration, collapseId, audience, schedule, throttlePerMinute, liveActivity, trackOpens, quietHours,
                List.of());
    }

    /**
     * This draft as version {@code version} of its A/B test words it: 0 is the draft itself, 1 is the
     * test's first further version (B), and so on; in each case without the test.
     */
    public CampaignDraft asVersion(int version) {
        if (version == 0) {
            return withAbTest(null);
        }
        ContentVersion worded = Objects.requireNonNull(abTest, "only a draft with an A/B test has versions")
                .versions().get(version - 1);
        return new CampaignDraft(name, environment, worded.applyTo(notification), rawPayload, pushType, priority,
                expiration, collapseId, audience, schedule, throttlePerMinute, liveActivity, trackOpens, quietHours,
                worded.variants(), null);
    }

    /** The variants' language tags, in their order. */
    public List<String> variantLocales() {
        return variants.stream().map(ContentVariant::locale).toList();
    }

    /** Whether the payload sent carries the open-tracking key: asked for, and a push type whose app reads it. */
    public boolean carriesTrackingKey() {
        return trackOpens && pushType.appReadsPayload();
    }
}
