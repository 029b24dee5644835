package dev.pushdeck.campaign;

/** Where a campaign came from: the composer, the transactional API, or a test send. */
public enum CampaignKind { CAMPAIGN, API, TEST }
