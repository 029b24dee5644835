package dev.pushdeck.security;

import java.util.Optional;
import java.util.UUID;

/**
 * What security needs to know about memberships, provided by the tenancy module so that
 * security does not depend on it. Implementations are thread-safe and read the database.
 */
public interface MembershipDirectory {

    /** The user's role in the team, or empty when not a member. */
    Optional<Role> roleOf(UUID userId, UUID teamId);

    /** The team to open after sign-in: {@code preferred} if still a member, else the oldest membership. */
    Optional<UUID> defaultTeam(UUID userId, UUID preferred);
}
