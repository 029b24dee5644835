package dev.pushdeck.campaign.internal;

import dev.pushdeck.campaign.AudienceSpec;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.LiveActivity;
import dev.pushdeck.campaign.LiveActivity.Event;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.device.ActivityRules;
import dev.pushdeck.shared.error.ValidationException.FieldError;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The campaign rules of Live Activity pushes, part of {@link CampaignRules}: which fields each
 * event takes (Apple's "Starting and updating Live Activities with ActivityKit push
 * notifications"), and which audiences reach activity tokens. A Live Activity is composed, never
 * a raw payload: its event and attributes type also pick the tokens it goes to. Pure apart from
 * the "now" it is given; thread-safe.
 */
final class LiveActivityRules {

    static final int MAX_ALERT_SOUND = 255;

    private LiveActivityRules() {
    }

    /** Adds every problem of {@code draft}'s Live Activity content and audience to {@code errors}. */
    static void check(CampaignDraft draft, Instant now, List<FieldError> errors) {
        LiveActivity activity = draft.liveActivity();
        if (draft.pushType() != PushType.LIVEACTIVITY) {
            if (activity != null) {
                errors.add(new FieldError("liveActivity", "campaign.live-activity.push-type"));
            }
            if (draft.audience().type() == AudienceSpec.Type.ACTIVITIES) {
                errors.add(new FieldError("audience.type", "campaign.audience.activities.live-only"));
            }
            if (draft.audience().broadcast()) {
                errors.add(new FieldError("audience.type", "campaign.audience.channel.live-only"));
            }
            return;
        }
        if (draft.expert()) {
            errors.add(new FieldError("rawPayload", "campaign.live-activity.raw"));
            return;
        }
        if (activity == null || activity.event() == null) {
            errors.add(new FieldError("liveActivity.event", "campaign.live-activity.event.invalid"));
            return;
        }
        if (draft.audience().broadcast()) {
            checkChannel(draft, activity, now, errors);
            return;
        }
        ActivityRules.attributesType(activity.attributesType()).ifPresent(problem -> errors.add(
                new FieldError("liveActivity.attributesType", problem.key(), problem.args())));
        checkFields(activity, now, errors);
        if (activity.event() == Event.START && draft.audience().type() == AudienceSpec.Type.ACTIVITIES) {
            errors.add(new FieldError("audience.type", "campaign.audience.activities.not-start"));
        }
    }

    /**
     * A campaign broadcast to a channel: an update or end (the channel picks the activities, so no
     * attributes type is needed), sent once at its launch instant, so not at each device's local time.
     */
    private static void checkChannel(CampaignDraft draft, LiveActivity activity, Instant now,
                                     List<FieldError> errors) {
        if (activity.event() == Event.START) {
            errors.add(new FieldError("liveActivity.event", "campaign.audience.channel.not-start"));
            return;
        }
        checkFields(activity, now, errors);
        if (draft.schedule() != null && draft.schedule().deviceLocalTime()) {
            errors.add(new FieldError("schedule.deviceLocalTime", "campaign.audience.channel.no-local-time"));
        }
    }

    /**
     * Adds every problem of an update or end broadcast to a channel to {@code errors}: the channel
     * picks the activities, so no attributes type is needed, and a start cannot go to a channel.
     */
    static void checkBroadcast(@Nullable LiveActivity activity, Instant now, List<FieldError> errors) {
        if (activity == null || activity.event() == null || activity.event() == Event.START) {
            errors.add(new FieldError("liveActivity.event", "campaign.live-activity.broadcast-event"));
            return;
        }
        checkFields(activity, now, errors);
    }

    /** The fields an event takes, and their values. */
    private static void checkFields(LiveActivity activity, Instant now, List<FieldError> errors) {
        Event event = activity.event();
        boolean start = event == Event.START;
        if (start && PayloadBuilder.blank(activity.attributes())) {
            errors.add(new FieldError("liveActivity.attributes", "campaign.live-activity.attributes.required"));
        } else if (!start && !PayloadBuilder.blank(activity.attributes())) {
            errors.add(new FieldError("liveActivity.attributes", "campaign.live-activity.start-only"));
        }
        if (event != Event.END && PayloadBuilder.blank(activity.contentState())) {
            errors.add(new FieldError("liveActivity.contentState", "campaign.live-activity.content-state.required"));
        }
        if (start && (PayloadBuilder.blank(activity.alertTitle()) || PayloadBuilder.blank(activity.alertBody()))) {
            errors.add(new FieldError("liveActivity.alert", "campaign.live-activity.alert.required"));
        }
        if (event == Event.END && (activity.hasAlert() || !PayloadBuilder.blank(activity.alertSound()))) {
            errors.add(new FieldError("liveActivity.alert", "campaign.live-activity.not-end"));
        }
        if (event == Event.END && activity.staleDate() != null) {
            errors.add(new FieldError("liveActivity.staleDate", "campaign.live-activity.not-end"));
        } else if (activity.staleDate() != null && !activity.staleDate().isAfter(now)) {
            errors.add(new FieldError("liveActivity.staleDate", "campaign.live-activity.stale-date.past"));
        }
        if (event != Event.END && activity.dismissalDate() != null) {
            errors.add(new FieldError("liveActivity.dismissalDate", "campaign.live-activity.end-only"));
        }
        Double relevance = activity.relevanceScore();
        if (relevance != null && (relevance.isNaN() || relevance.isInfinite() || relevance < 0)) {
            errors.add(new FieldError("liveActivity.relevanceScore", "campaign.live-activity.relevance.invalid"));
        }
        if (activity.alertSound() != null && activity.alertSound().length() > MAX_ALERT_SOUND) {
            errors.add(new FieldError("liveActivity.alert", "error.too-long", MAX_ALERT_SOUND));
        }
    }
}
