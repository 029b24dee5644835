package dev.pushdeck.security;

import java.time.Instant;

/** Whether a person signs in with a second factor, since when, and how many recovery codes are left. */
public record TwoFactorStatus(boolean enabled, Instant since, int recoveryCodesLeft) {
}
