package dev.pushdeck.dispatch;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A run's state and its deliveries counted by status, plus REJECTED, FAILED and SKIPPED ones
 * counted by reason.
 */
public record RunProgress(UUID runId, RunStatus status, @Nullable String stopReason, long total,
                          Map<DeliveryStatus, Long> byStatus, Map<String, Long> byReason, Instant launchedAt,
                          @Nullable Instant completedAt) {

    public long count(DeliveryStatus status) {
        return byStatus.getOrDefault(status, 0L);
    }
}
