package dev.pushdeck.campaign;

import java.util.List;
import java.util.UUID;

/**
 * The answer to a transactional send.
 *
 * @param targeted       how many ACTIVE devices were queued
 * @param unknownCount   how many of the given tokens or aliases name no ACTIVE device of the app in the
 *                       environment (never registered there, or unregistered or invalid)
 * @param unknownSample  the first few of those, as given after normalization
 */
public record TransactionalSendResult(UUID campaignId, long targeted, int unknownCount, List<String> unknownSample) {
}
