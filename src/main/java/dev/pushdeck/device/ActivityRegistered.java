package dev.pushdeck.device;

/** A Live Activity registration's outcome: the token as stored now, and whether it was new (201) or known (200). */
public record ActivityRegistered(ActivityRegistration registration, boolean created) {
}
