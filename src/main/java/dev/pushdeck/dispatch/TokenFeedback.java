package dev.pushdeck.dispatch;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.device.feedback.ActivityFeedback.EndedToken;
import dev.pushdeck.device.feedback.ActivityFeedback;
import dev.pushdeck.device.feedback.DeviceFeedback.RefusedToken;
import dev.pushdeck.device.feedback.DeviceFeedback;
import dev.pushdeck.dispatch.internal.SettlementRepository.Refused;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Passes what APNs said about a run's tokens to the device module: about device tokens for
 * ordinary runs, about Live Activity tokens for {@code liveactivity} runs, whose deliveries carry
 * the activity's token (filed under its device). A gone or refused activity token ends that
 * token and never marks its device, whose own token is another one (see
 * docs/decisions/038-live-activities.md). Joins the caller's transaction. Thread-safe.
 */
final class TokenFeedback {

    private final DeviceFeedback devices;
    private final ActivityFeedback activities;

    TokenFeedback(DeviceFeedback devices, ActivityFeedback activities) {
        this.devices = devices;
        this.activities = activities;
    }

    /** Whether a run's deliveries go to Live Activity tokens. */
    static boolean toActivities(String pushType) {
        return DispatchService.LIVE_ACTIVITY.equals(pushType);
    }

    /** APNs 410 (or ExpiredToken): the token is gone since {@code when}. */
    void gone(UUID tenantId, UUID appId, ApnsEnvironment environment, String pushType, UUID deviceId, String token,
              Instant when, String reason) {
        if (toActivities(pushType)) {
            activities.ended(tenantId, appId, environment,
                    List.of(new EndedToken(token, reason, when)));
        } else {
            devices.unregistered(tenantId, deviceId, when, reason);
        }
    }

    /**
     * Tokens a run that went well saw refused (BadDeviceToken, DeviceTokenNotForTopic): devices are
     * marked INVALID with the run, activity tokens end.
     *
     * @return how many devices were marked or activity tokens ended
     */
    int refused(UUID tenantId, UUID appId, ApnsEnvironment environment, String pushType, UUID runId,
                List<Refused> refused) {
        if (toActivities(pushType)) {
            return activities.ended(tenantId, appId, environment, refused.stream()
                    .map(r -> new EndedToken(r.token(), r.reason(), r.at())).toList());
        }
        return devices.invalid(tenantId, runId, refused.stream()
                .map(r -> new RefusedToken(r.deviceId(), r.reason(), r.at())).toList());
    }

    /** Activity tokens APNs accepted an {@code end} event for: their activities ended then. */
    int ended(UUID tenantId, UUID appId, ApnsEnvironment environment, List<EndedToken> accepted) {
        return activities.ended(tenantId, appId, environment, accepted);
    }
}
