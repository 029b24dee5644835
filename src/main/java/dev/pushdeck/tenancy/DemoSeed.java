package dev.pushdeck.tenancy;

import dev.pushdeck.security.LoginHints;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.UserAccount;
import dev.pushdeck.security.UserService;
import dev.pushdeck.tenancy.internal.TeamRepository;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Demo mode ({@code pushdeck.demo.enabled}, on for {@code ./mvnw spring-boot:run}): two
 * teams with an owner, an editor and a viewer each, so tenancy is visible at once, and
 * one person in both teams to show the team switcher. Production never has this bean.
 * Other modules add their demo content on {@link DemoTeamReady}.
 */
@Component
@ConditionalOnProperty(name = "pushdeck.demo.enabled", havingValue = "true")
class DemoSeed implements LoginHints {

    static final String PASSWORD = "pushdeck-demo";

    static final String DEMO_TEAM = "Acme Coffee";
    static final String DEMO_OWNER = "owner@acme.test";

    private final TeamService teams;
    private final UserService users;
    private final TeamRepository repository;
    private final ApplicationEventPublisher events;

    DemoSeed(TeamService teams, UserService users, TeamRepository repository, ApplicationEventPublisher events) {
        this.teams = teams;
        this.users = users;
        this.repository = repository;
        this.events = events;
    }

    /** Called by {@link FirstStart} on an empty database, inside its transaction. */
    void seed() {
        NewTeam acme = teams.createFirstTeam(DEMO_TEAM, DEMO_OWNER, PASSWORD);
        member(acme, "editor@acme.test", "Erin Editor", Role.EDITOR);
        member(acme, "viewer@acme.test", "Vic Viewer", Role.VIEWER);
        NewTeam globex = teams.createFirstTeam("Globex Games", "owner@globex.test", PASSWORD);
        member(globex, "editor@globex.test", "Gail Editor", Role.EDITOR);
        member(globex, "viewer@globex.test", "Gus Viewer", Role.VIEWER);
        repository.insertMember(globex.id(), users.findByEmail("editor@acme.test").orElseThrow().id(),
                Role.VIEWER.name());
    }

    /**
     * Tells other modules that the demo team exists ({@link DemoTeamReady}), on every start,
     * so content they add later reaches databases seeded by older versions too. Nothing is
     * published when the demo owner or team is gone.
     */
    void announce() {
        users.findByEmail(DEMO_OWNER).ifPresent(owner -> repository.membershipsOf(owner.id()).stream()
                .filter(membership -> membership.teamName().equals(DEMO_TEAM)).findFirst()
                .ifPresent(membership -> events.publishEvent(new DemoTeamReady(membership.teamId(), owner.id()))));
    }

    private void member(NewTeam team, String email, String name, Role role) {
        UserAccount user = users.create(email, name, PASSWORD, null, false);
        repository.insertMember(team.id(), user.id(), role.name());
    }

    @Override
    public List<String> accounts() {
        return List.of("owner@acme.test (Acme Coffee: OWNER, instance admin)",
                "editor@acme.test (Acme Coffee: EDITOR, Globex Games: VIEWER)",
                "viewer@acme.test (Acme Coffee: VIEWER)",
                "owner@globex.test (Globex Games: OWNER, instance admin)",
                "editor@globex.test", "viewer@globex.test");
    }

    @Override
    public String password() {
        return PASSWORD;
    }
}
