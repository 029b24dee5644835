package dev.pushdeck.dispatch;

import java.util.List;

/**
 * Where one delivery stands. PENDING and IN_FLIGHT are open (counted on a run's progress;
 * the delivery is still queued); the others are final and what the delivery log lists:
 * ACCEPTED by Apple, REJECTED by Apple (see the reason), FAILED after the last attempt,
 * EXPIRED before it could be sent, CANCELLED with its run, SKIPPED by the fan-out and never sent
 * (see the reason: {@code QuietHours}). SKIPPED is not a failure.
 */
public enum DeliveryStatus {
    PENDING, IN_FLIGHT, ACCEPTED, REJECTED, FAILED, EXPIRED, CANCELLED, SKIPPED;

    private static final List<DeliveryStatus> FINALS = List.of(ACCEPTED, REJECTED, FAILED, EXPIRED, CANCELLED,
            SKIPPED);

    public boolean isOpen() {
        return this == PENDING || this == IN_FLIGHT;
    }

    /** The statuses a delivery log row can have. */
    public static List<DeliveryStatus> finals() {
        return FINALS;
    }
}
