package dev.pushdeck.tenancy;

import dev.pushdeck.security.Role;
import java.time.Instant;
import java.util.UUID;

/** A member of the current team. */
public record Member(UUID userId, String email, String displayName, Role role, Instant since) {
}
