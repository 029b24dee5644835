package dev.pushdeck.dispatch;

/**
 * Where one delivery stands. PENDING and IN_FLIGHT are open; the others are final:
 * ACCEPTED by Apple, REJECTED by Apple (see the reason), FAILED after the last attempt,
 * EXPIRED before it could be sent, CANCELLED with its run.
 */
public enum DeliveryStatus {
    PENDING, IN_FLIGHT, ACCEPTED, REJECTED, FAILED, EXPIRED, CANCELLED;

    public boolean isOpen() {
        return this == PENDING || this == IN_FLIGHT;
    }
}
