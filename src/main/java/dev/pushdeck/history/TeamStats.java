package dev.pushdeck.history;

import java.util.List;

/**
 * A team's outcomes over a window, from the stored hourly counters (so they survive
 * retention).
 *
 * @param sent    deliveries attempted that reached a final answer in the window:
 *                accepted + rejected + failed. Expired and cancelled ones were never handed to APNs
 *                successfully and are not "sent"
 * @param buckets one per hour that had outcomes, oldest first (hours without any are left out)
 */
public record TeamStats(long sent, long accepted, long rejected, long failed, long expired,
                        List<OutcomeBucket> buckets) {
}
