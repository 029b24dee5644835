package dev.pushdeck.tenancy;

import dev.pushdeck.security.Role;
import java.time.Instant;
import java.util.UUID;

/**
 * An invitation to the current team that was neither accepted nor revoked; shown as "invited"
 * until the person accepts. An expired one stays listed so an admin can make a new link.
 */
public record Invitation(UUID id, String email, Role role, String invitedBy, Instant createdAt, Instant expiresAt,
                         boolean expired) {
}
