package dev.pushdeck;

import dev.pushdeck.security.ApiTokenService;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import dev.pushdeck.security.UserAccount;
import dev.pushdeck.security.UserService;
import dev.pushdeck.tenancy.MemberService;
import dev.pushdeck.tenancy.NewTeam;
import dev.pushdeck.tenancy.TeamService;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Creates fresh, uniquely named teams with an owner, an admin, an editor and a viewer,
 * through the real services. Each call gives a new team, so tests never share rows.
 */
@Component
public class TestTeams {

    public static final String PASSWORD = "correct-horse-battery";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final TeamService teams;
    private final MemberService members;
    private final UserService users;
    private final ApiTokenService tokens;

    TestTeams(TeamService teams, MemberService members, UserService users, ApiTokenService tokens) {
        this.teams = teams;
        this.members = members;
        this.users = users;
        this.tokens = tokens;
    }

    /** A team and its people; {@link #as(Role)} signs a member in. */
    public record Fixture(UUID teamId, String name, UserAccount owner, UserAccount admin, UserAccount editor,
                          UserAccount viewer) {

        public UserAccount person(Role role) {
            return switch (role) {
                case OWNER -> owner;
                case ADMIN -> admin;
                case EDITOR -> editor;
                case VIEWER -> viewer;
            };
        }

        public Authentication as(Role role) {
            return TestSecurity.person(person(role), teamId, role);
        }

        public void signIn(Role role) {
            TestSecurity.signIn(as(role));
        }
    }

    public Fixture create(String label) {
        String key = label + "-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
        NewTeam team = TestSecurity.as(TestSecurity.instanceAdmin(),
                () -> teams.create("Team " + key, "owner-" + key + "@test.example", PASSWORD, false));
        UserAccount owner = users.get(team.ownerId());
        Authentication ownerAuth = TestSecurity.person(owner, team.id(), Role.OWNER);
        return TestSecurity.as(ownerAuth, () -> new Fixture(team.id(), team.name(), owner,
                add(key, Role.ADMIN), add(key, Role.EDITOR), add(key, Role.VIEWER)));
    }

    /** A fresh API token of the team with the given role. */
    public String token(Fixture team, Role role) {
        return TestSecurity.as(team.as(Role.OWNER), () -> tokens.create("test " + role, role).token());
    }

    private UserAccount add(String key, Role role) {
        String email = role.name().toLowerCase() + "-" + key + "@test.example";
        members.add(email, role.name() + " " + key, PASSWORD, role);
        return users.findByEmail(email).orElseThrow();
    }
}
