package dev.pushdeck.tenancy;

import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.memberships.TwoFactorStates;
import dev.pushdeck.tenancy.internal.TeamPolicyRepository;
import dev.pushdeck.tenancy.internal.TeamRepository;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How the current team's members sign in: owners may require two-factor sign-in (members
 * without it are sent to set it up before they can use the team); admins see who has it.
 * Thread-safe.
 */
@Service
public class TeamSecurityService {

    private final TeamPolicyRepository policies;
    private final TeamRepository teams;
    private final TwoFactorStates twoFactor;
    private final CurrentActor actor;
    private final AuditLog audit;

    TeamSecurityService(TeamPolicyRepository policies, TeamRepository teams, TwoFactorStates twoFactor,
                        CurrentActor actor, AuditLog audit) {
        this.policies = policies;
        this.teams = teams;
        this.twoFactor = twoFactor;
        this.actor = actor;
        this.audit = audit;
    }

    /** A member and whether they sign in with a second factor. */
    public record MemberSignIn(UUID userId, String email, String displayName, boolean twoFactor) {
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public boolean currentTeamRequiresTwoFactor() {
        return policies.requiresTwoFactor(actor.teamId());
    }

    /** Owners only: from the next page they open, members without two-factor sign-in must set it up. */
    @PreAuthorize("hasRole('OWNER')")
    @Transactional
    public void requireTwoFactor(boolean required) {
        UUID team = actor.teamId();
        policies.setRequiresTwoFactor(team, required);
        audit.record(required ? "team.two-factor-required" : "team.two-factor-optional", null, null);
    }

    /** The current team's members, each with their two-factor status. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<MemberSignIn> members() {
        List<TeamRepository.MemberRow> rows = teams.members(actor.teamId());
        Set<UUID> withTwoFactor = new HashSet<>(twoFactor.enabledAmong(rows.stream()
                .map(TeamRepository.MemberRow::userId).toList()));
        return rows.stream().map(row -> new MemberSignIn(row.userId(), row.email(), row.displayName(),
                withTwoFactor.contains(row.userId()))).toList();
    }
}
