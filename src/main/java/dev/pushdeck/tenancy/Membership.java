package dev.pushdeck.tenancy;

import dev.pushdeck.security.Role;
import java.util.UUID;

/** One of the signed-in person's teams, for the team switcher. */
public record Membership(UUID teamId, String teamName, Role role) {
}
