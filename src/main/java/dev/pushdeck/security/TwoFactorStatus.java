package dev.pushdeck.security;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Whether a person signs in with a second factor, since when, and how many recovery codes are left. */
public record TwoFactorStatus(boolean enabled, @Nullable Instant since, int recoveryCodesLeft) {
}
