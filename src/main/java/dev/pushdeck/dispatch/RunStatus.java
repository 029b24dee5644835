package dev.pushdeck.dispatch;

/** Where a run stands. COMPLETED, CANCELLED and FAILED are final. */
public enum RunStatus {
    SENDING, PAUSED, COMPLETED, CANCELLED, FAILED;

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED || this == FAILED;
    }
}
