package dev.pushdeck.tenancy;

import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.PushdeckPrincipal;
import dev.pushdeck.security.Role;
import dev.pushdeck.shared.error.ConflictException;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.tenancy.internal.TeamRepository;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Members of the current team. Admins change roles and remove members (people join by
 * accepting an {@link InvitationService invitation}); only owners grant or take away
 * ownership, and the last owner stays. Thread-safe. Ids of people outside the team
 * answer {@link NotFoundException}.
 */
@Service
public class MemberService {

    private final TeamRepository teams;
    private final CurrentActor actor;
    private final AuditLog audit;

    MemberService(TeamRepository teams, CurrentActor actor, AuditLog audit) {
        this.teams = teams;
        this.actor = actor;
        this.audit = audit;
    }

    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public List<Member> list() {
        return teams.members(actor.teamId()).stream()
                .map(row -> new Member(row.userId(), row.email(), row.displayName(), Role.valueOf(row.role()),
                        row.createdAt()))
                .toList();
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public Member changeRole(UUID userId, Role role) {
        UUID team = actor.teamId();
        Member member = find(team, userId);
        if (member.role() == role) {
            return member;
        }
        requireMayAssign(actor.require(), role);
        requireMayAssign(actor.require(), member.role());
        if (member.role() == Role.OWNER) {
            requireNotLastOwner(team);
        }
        teams.updateRole(team, userId, role.name());
        audit.record("member.role-changed", member.email(), member.role() + " → " + role);
        return find(team, userId);
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void remove(UUID userId) {
        UUID team = actor.teamId();
        Member member = find(team, userId);
        requireMayAssign(actor.require(), member.role());
        if (member.role() == Role.OWNER) {
            requireNotLastOwner(team);
        }
        teams.deleteMember(team, userId);
        audit.record("member.removed", member.email(), member.role().name());
    }

    private Member find(UUID team, UUID userId) {
        return teams.members(team).stream().filter(row -> row.userId().equals(userId)).findFirst()
                .map(row -> new Member(row.userId(), row.email(), row.displayName(), Role.valueOf(row.role()),
                        row.createdAt()))
                .orElseThrow(NotFoundException::new);
    }

    /** Ownership is granted and taken away by owners only. */
    static void requireMayAssign(PushdeckPrincipal me, Role role) {
        if (role == null) {
            throw new ValidationException("role", "error.role.required");
        }
        if (role == Role.OWNER && me.role() != Role.OWNER) {
            throw new AccessDeniedException("only owners manage owners");
        }
    }

    private void requireNotLastOwner(UUID team) {
        if (teams.lockOwners(team) <= 1) {
            throw new ConflictException("error.member.last-owner");
        }
    }
}
