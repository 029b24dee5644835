package dev.pushdeck.history;

import java.time.Instant;

/** Receipts and opens reported in one stretch of a run's time ({@code seconds} long, from {@code start}). */
public record EngagementBucket(Instant start, int seconds, long received, long opened) {
}
