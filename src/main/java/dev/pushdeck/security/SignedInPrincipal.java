package dev.pushdeck.security;

import dev.pushdeck.security.internal.UserRepository.UserRow;
import dev.pushdeck.security.memberships.MembershipDirectory;
import java.util.Optional;
import java.util.UUID;

/** The principal a person has right after signing in, however they did: their last team, else their oldest. */
final class SignedInPrincipal {

    private SignedInPrincipal() {
    }

    static PushdeckPrincipal of(UserRow user, MembershipDirectory memberships) {
        Optional<UUID> team = memberships.defaultTeam(user.id(), user.lastTeamId());
        Role role = team.flatMap(id -> memberships.roleOf(user.id(), id)).orElse(null);
        return new PushdeckPrincipal(PushdeckPrincipal.Kind.USER, user.id(), user.email(), user.displayName(),
                team.orElse(null), role, user.instanceAdmin());
    }
}
