package dev.pushdeck.campaign;

/**
 * A campaign has just moved to SENDING. Published inside the transaction that moved it,
 * so a synchronous listener (the dispatcher's fan-out) commits or rolls back with it.
 */
public record CampaignLaunched(LaunchPlan plan) {
}
