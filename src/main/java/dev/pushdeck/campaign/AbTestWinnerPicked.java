package dev.pushdeck.campaign;

import java.util.UUID;

/**
 * A person or token picked the version of a sending campaign's A/B test that the rest of its
 * audience gets (docs/decisions/058-ab-tests.md). Published inside the transaction that records
 * it, so the dispatcher's decision commits or fails with it.
 *
 * @param version  0 for A, the campaign's own content
 * @param pickedBy the picker's name, as the audit log names them
 */
public record AbTestWinnerPicked(UUID tenantId, UUID campaignId, int version, String pickedBy) {
}
