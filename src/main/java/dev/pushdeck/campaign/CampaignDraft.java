package dev.pushdeck.campaign;

import dev.pushdeck.device.Environment;

/**
 * Everything a person or API client states about a campaign. In expert mode
 * {@code rawPayload} (a whole APNs JSON object) replaces {@code notification}.
 *
 * @param expiration null for {@link Expiration#DEFAULT} (kept 24 hours after each delivery's release)
 * @param schedule null to keep the campaign a draft
 * @param throttlePerMinute null for as fast as the dispatcher goes
 */
public record CampaignDraft(String name, Environment environment, Notification notification, String rawPayload,
                            PushType pushType, int priority, Expiration expiration, String collapseId,
                            AudienceSpec audience, Schedule schedule, Integer throttlePerMinute) {

    public CampaignDraft {
        notification = notification == null ? Notification.EMPTY : notification;
        pushType = pushType == null ? PushType.ALERT : pushType;
        expiration = expiration == null ? Expiration.DEFAULT : expiration;
        audience = audience == null ? AudienceSpec.ALL_DEVICES : audience;
    }

    public boolean expert() {
        return rawPayload != null;
    }

    public CampaignDraft withSchedule(Schedule newSchedule) {
        return new CampaignDraft(name, environment, notification, rawPayload, pushType, priority, expiration,
                collapseId, audience, newSchedule, throttlePerMinute);
    }

    public CampaignDraft withName(String newName) {
        return new CampaignDraft(newName, environment, notification, rawPayload, pushType, priority, expiration,
                collapseId, audience, schedule, throttlePerMinute);
    }

    public CampaignDraft withAudience(AudienceSpec newAudience) {
        return new CampaignDraft(name, environment, notification, rawPayload, pushType, priority, expiration,
                collapseId, newAudience, schedule, throttlePerMinute);
    }
}
