package dev.pushdeck.tenancy;

import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.UserAccount;
import dev.pushdeck.security.UserService;
import dev.pushdeck.security.provisioning.TeamTokens;
import dev.pushdeck.shared.Names;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.tenancy.internal.TeamRepository;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Teams: created by instance administrators, who invite the first owner; listed by name and
 * size only. Every person sees the teams they belong to and may switch between them.
 * Thread-safe; failures are {@link ValidationException} (field named) and
 * {@link NotFoundException}.
 */
@Service
public class TeamService {

    static final int MAX_NAME = 120;

    private final TeamRepository teams;
    private final UserService users;
    private final TeamTokens tokens;
    private final InvitationService invitations;
    private final CurrentActor actor;
    private final AuditLog audit;
    private final TransactionTemplate transactions;

    TeamService(TeamRepository teams, UserService users, TeamTokens tokens, InvitationService invitations,
                CurrentActor actor, AuditLog audit, PlatformTransactionManager transactionManager) {
        this.teams = teams;
        this.users = users;
        this.tokens = tokens;
        this.invitations = invitations;
        this.actor = actor;
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * Creates a team and invites its first owner: the team has no member until the person
     * with {@code ownerEmail} accepts (the link is in the answer, and mailed when mail is
     * configured). Whether that email has an account changes nothing in the answer.
     *
     * @param withAdminToken also issue an ADMIN API token for provisioning scripts
     * @throws ValidationException on {@code name} or {@code email}
     */
    @PreAuthorize("hasRole('INSTANCE_ADMIN')")
    public NewTeam create(@Nullable String name, @Nullable String ownerEmail, boolean withAdminToken) {
        String email = UserService.checkEmail(ownerEmail);
        record Made(NewTeam team, InvitationService.Issued ownerInvitation) {
        }
        Made made = transactions.execute(status -> {
            UUID id = insertTeam(name);
            InvitationService.Issued invitation = invitations.issue(id, email, Role.OWNER);
            audit.recordInTeam(id, "team.created", invitation.row().teamName(), "owner invited: " + email);
            String token = withAdminToken ? tokens.issue(id, "provisioning", Role.ADMIN, false).token() : null;
            return new Made(new NewTeam(id, invitation.row().teamName(), null, null, token), invitation);
        });
        return made.team().withOwnerInvitation(invitations.deliver(made.ownerInvitation()));
    }

    /**
     * The first team of an empty installation, with the owner the operator named and the
     * password the operator chose (no one is signed in yet, and no mail may be set up).
     */
    @Transactional
    NewTeam createFirstTeam(String name, String ownerEmail, String ownerPassword) {
        UserAccount owner = users.findByEmail(ownerEmail == null ? "" : ownerEmail)
                .orElseGet(() -> users.create(ownerEmail, null, ownerPassword, null, true));
        UUID id = insertTeam(name);
        teams.insertMember(id, owner.id(), Role.OWNER.name());
        audit.recordInTeam(id, "team.created", name.trim(), "owner " + owner.email());
        return new NewTeam(id, name.trim(), owner.id(), null, null);
    }

    private UUID insertTeam(@Nullable String name) {
        String cleanName = Names.require(name, MAX_NAME);
        if (teams.teamNameTaken(cleanName)) {
            throw new ValidationException("name", "error.team.name-taken");
        }
        return teams.insertTeam(cleanName);
    }

    @PreAuthorize("hasRole('INSTANCE_ADMIN')")
    @Transactional(readOnly = true)
    public List<Team> list(int offset, int limit) {
        return teams.listTeams(offset, Math.min(limit, 500)).stream()
                .map(row -> new Team(row.id(), row.name(), row.createdAt(), row.members())).toList();
    }

    @PreAuthorize("hasRole('INSTANCE_ADMIN')")
    @Transactional(readOnly = true)
    public long count() {
        return teams.countTeams();
    }

    /** The signed-in person's teams, oldest membership first. */
    @Transactional(readOnly = true)
    public List<Membership> myTeams() {
        return teams.membershipsOf(actor.require().id()).stream()
                .map(row -> new Membership(row.teamId(), row.teamName(), Role.valueOf(row.role()))).toList();
    }

    /** The team the current principal acts in. */
    @Transactional(readOnly = true)
    public Team current() {
        return teams.findTeam(actor.teamId())
                .map(row -> new Team(row.id(), row.name(), row.createdAt(), row.members()))
                .orElseThrow(NotFoundException::new);
    }

    /** Switches the session to another of the person's teams; other teams answer not found. */
    public void switchTo(UUID teamId) {
        actor.switchTeam(teamId);
    }

    boolean anyTeamExists() {
        return teams.countTeams() > 0;
    }
}
