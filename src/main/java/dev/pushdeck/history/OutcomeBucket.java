package dev.pushdeck.history;

import java.time.Instant;

/**
 * Final outcomes recorded in one time bucket {@code [start, start + seconds)}. Cancelled
 * deliveries are not in buckets (they were never sent).
 */
public record OutcomeBucket(Instant start, int seconds, long accepted, long rejected, long failed, long expired) {

    public long total() {
        return accepted + rejected + failed + expired;
    }
}
