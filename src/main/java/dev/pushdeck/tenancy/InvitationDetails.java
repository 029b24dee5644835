package dev.pushdeck.tenancy;

import dev.pushdeck.security.Role;
import java.time.Instant;
import java.util.UUID;

/** What the page of a live invitation link shows its holder. */
public record InvitationDetails(UUID teamId, String teamName, String email, Role role, String invitedBy,
                                Instant expiresAt) {
}
