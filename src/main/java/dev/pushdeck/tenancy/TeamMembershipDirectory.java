package dev.pushdeck.tenancy;

import dev.pushdeck.security.Role;
import dev.pushdeck.security.memberships.MembershipDirectory;
import dev.pushdeck.tenancy.internal.TeamRepository;
import dev.pushdeck.tenancy.internal.TeamRepository.MembershipRow;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
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
    public Optional<UUID> defaultTeam(UUID userId, @Nullable UUID preferred) {
        List<MembershipRow> memberships = teams.membershipsOf(userId);
        return memberships.stream().map(MembershipRow::teamId).filter(id -> id.equals(preferred)).findFirst()
                .or(() -> memberships.stream().map(MembershipRow::teamId).findFirst());
    }

    @Override
    public Map<UUID, Role> teamsOf(UUID userId) {
        Map<UUID, Role> teamsAndRoles = new LinkedHashMap<>();
        teams.membershipsOf(userId).forEach(row -> teamsAndRoles.put(row.teamId(), Role.valueOf(row.role())));
        return teamsAndRoles;
    }

    @Override
    public Map<UUID, Role> rolesIn(UUID teamId, Collection<UUID> userIds) {
        Map<UUID, Role> roles = new LinkedHashMap<>();
        teams.rolesIn(teamId, userIds).forEach((user, role) -> roles.put(user, Role.valueOf(role)));
        return roles;
    }

    @Override
    public List<UUID> membersWithRole(UUID teamId, Role atLeast) {
        return teams.members(teamId).stream().filter(row -> Role.valueOf(row.role()).includes(atLeast))
                .map(TeamRepository.MemberRow::userId).toList();
    }
}
