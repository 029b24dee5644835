package dev.pushdeck.campaign;

/** DRAFT → SCHEDULED → SENDING → COMPLETED, or CANCELLED / PAUSED / FAILED. */
public enum CampaignStatus {
    DRAFT, SCHEDULED, SENDING, COMPLETED, CANCELLED, PAUSED, FAILED;

    /** People may still change the campaign. */
    public boolean editable() {
        return this == DRAFT || this == SCHEDULED;
    }
}
