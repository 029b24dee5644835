package dev.pushdeck.campaign;

import java.util.List;
import java.util.UUID;

/**
 * The answer to a transactional send.
 *
 * @param repeated       true when the Idempotency-Key was seen within 24 hours: nothing new was sent,
 *                       {@code campaignId} is the earlier campaign and the other fields are empty
 * @param targeted       how many ACTIVE devices were queued
 * @param unknownCount   how many of the given tokens or aliases name no ACTIVE device of the app in the
 *                       environment (never registered there, or unregistered or invalid)
 * @param unknownSample  the first few of those, as given after normalization
 */
public record TransactionalSend(UUID campaignId, boolean repeated, Long targeted, Integer unknownCount,
                                List<String> unknownSample) {

    static TransactionalSend repeat(UUID campaignId) {
        return new TransactionalSend(campaignId, true, null, null, null);
    }
}
