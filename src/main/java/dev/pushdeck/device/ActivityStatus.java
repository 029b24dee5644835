package dev.pushdeck.device;

/** Whether a Live Activity token may still be sent to. */
public enum ActivityStatus {
    /** Registered and not ended: campaigns reach it until it expires. */
    ACTIVE,
    /** Its activity ended (by the app, by an {@code end} event APNs accepted, or APNs said the token is gone). */
    ENDED
}
