/**
 * Campaigns: the composer, payload building and APNs limits, audiences, schedules in
 * time zones, templates, and the lifecycle the dispatcher drives
 * ({@link dev.pushdeck.campaign.dispatcher.CampaignLifecycle}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Campaigns")
@org.jspecify.annotations.NullMarked
package dev.pushdeck.campaign;
