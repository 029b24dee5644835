package dev.pushdeck.security.memberships;

import dev.pushdeck.security.Role;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What security needs to know about memberships, provided by the tenancy module so that
 * security does not depend on it. Implementations are thread-safe and read the database.
 *
 * <p>For trusted callers only: every method takes the user and the team explicitly and checks no
 * role (sign-in runs before there is a principal; the credential expiry mails and the live report's
 * ticker run without one).
 */
public interface MembershipDirectory {

    /** The user's role in the team, or empty when not a member. */
    Optional<Role> roleOf(UUID userId, UUID teamId);

    /** The team to open after sign-in: {@code preferred} if still a member, else the oldest membership. */
    Optional<UUID> defaultTeam(UUID userId, @Nullable UUID preferred);

    /** Every team the user belongs to, with the role there. */
    Map<UUID, Role> teamsOf(UUID userId);

    /** The roles of those of {@code userIds} who are members of the team (one query for many watchers). */
    Map<UUID, Role> rolesIn(UUID teamId, Collection<UUID> userIds);

    /** The members of the team whose role includes {@code atLeast}, e.g. everyone who manages credentials. */
    List<UUID> membersWithRole(UUID teamId, Role atLeast);
}
