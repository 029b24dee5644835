package dev.pushdeck.tenancy;

import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.security.ApiTokenService;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.UserAccount;
import dev.pushdeck.security.UserService;
import dev.pushdeck.shared.Names;
import dev.pushdeck.shared.NotFoundException;
import dev.pushdeck.shared.ValidationException;
import dev.pushdeck.tenancy.internal.TeamRepository;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Teams: created by instance administrators with a named first owner; listed by name and
 * size only. Every person sees the teams they belong to and may switch between them.
 * Thread-safe; failures are {@link ValidationException} (field named) and
 * {@link NotFoundException}.
 */
@Service
public class TeamService {

    static final int MAX_NAME = 120;

    private final TeamRepository teams;
    private final UserService users;
    private final ApiTokenService tokens;
    private final CurrentActor actor;
    private final AuditLog audit;

    TeamService(TeamRepository teams, UserService users, ApiTokenService tokens, CurrentActor actor, AuditLog audit) {
        this.teams = teams;
        this.users = users;
        this.tokens = tokens;
        this.actor = actor;
        this.audit = audit;
    }

    /**
     * Creates a team whose first owner is the person with {@code ownerEmail}, creating that
     * person with {@code ownerPassword} when new (an existing person keeps their password).
     *
     * @param withAdminToken also issue an ADMIN API token for provisioning scripts
     */
    @PreAuthorize("hasRole('INSTANCE_ADMIN')")
    @Transactional
    public NewTeam create(String name, String ownerEmail, String ownerPassword, boolean withAdminToken) {
        return createTeam(name, ownerEmail, ownerPassword, withAdminToken, false);
    }

    /** The first team of an empty installation; no one is signed in yet. */
    @Transactional
    NewTeam createFirstTeam(String name, String ownerEmail, String ownerPassword) {
        return createTeam(name, ownerEmail, ownerPassword, false, true);
    }

    private NewTeam createTeam(String name, String ownerEmail, String ownerPassword, boolean withAdminToken,
                               boolean ownerIsInstanceAdmin) {
        String cleanName = Names.require(name, MAX_NAME);
        if (teams.teamNameTaken(cleanName)) {
            throw new ValidationException("name", "error.team.name-taken");
        }
        UserAccount owner = users.findByEmail(ownerEmail == null ? "" : ownerEmail)
                .orElseGet(() -> users.create(ownerEmail, null, ownerPassword, ownerIsInstanceAdmin));
        UUID id = teams.insertTeam(cleanName);
        teams.insertMember(id, owner.id(), Role.OWNER.name());
        audit.recordInTeam(id, "team.created", cleanName, "owner " + owner.email());
        String token = withAdminToken ? tokens.issue(id, "provisioning", Role.ADMIN, false).token() : null;
        return new NewTeam(id, cleanName, owner.id(), token);
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
