package dev.pushdeck.tenancy;

import dev.pushdeck.security.MembershipDirectory;
import dev.pushdeck.security.Role;
import dev.pushdeck.tenancy.internal.TeamRepository;
import dev.pushdeck.tenancy.internal.TeamRepository.MembershipRow;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Answers security's questions about memberships from the database. */
@Component
class TeamMembershipDirectory implements MembershipDirectory {

    private final TeamRepository teams;

    TeamMembershipDirectory(TeamRepository teams) {
        this.teams = teams;
    }

    @Override
    public Optional<Role> roleOf(UUID userId, UUID teamId) {
        return teams.roleOf(teamId, userId).map(Role::valueOf);
    }

    @Override
    public Optional<UUID> defaultTeam(UUID userId, UUID preferred) {
        List<MembershipRow> memberships = teams.membershipsOf(userId);
        return memberships.stream().map(MembershipRow::teamId).filter(id -> id.equals(preferred)).findFirst()
                .or(() -> memberships.stream().map(MembershipRow::teamId).findFirst());
    }
}
