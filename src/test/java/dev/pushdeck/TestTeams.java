package dev.pushdeck;

import dev.pushdeck.security.ApiTokenService;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import dev.pushdeck.security.UserAccount;
import dev.pushdeck.tenancy.CreatedInvitation;
import dev.pushdeck.tenancy.InvitationService;
import dev.pushdeck.tenancy.NewTeam;
import dev.pushdeck.tenancy.TeamService;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Creates fresh, uniquely named teams with an owner, an admin, an editor and a viewer,
 * through the real services and the real way in: an instance administrator creates the team
 * and invites its owner, the owner invites the others, and each person accepts their link by
 * choosing {@link #PASSWORD}. Each call gives a new team, so tests never share rows.
 */
@Component
public class TestTeams {

    public static final String PASSWORD = "correct-horse-battery";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final TeamService teams;
    private final InvitationService invitations;
    private final ApiTokenService tokens;

    TestTeams(TeamService teams, InvitationService invitations, ApiTokenService tokens) {
        this.teams = teams;
        this.invitations = invitations;
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
                () -> teams.create("Team " + key, "owner-" + key + "@test.example", false));
        UserAccount owner = accept(team.ownerInvitation(), "Owner " + key);
        Authentication ownerAuth = TestSecurity.person(owner, team.id(), Role.OWNER);
        return TestSecurity.as(ownerAuth, () -> new Fixture(team.id(), team.name(), owner,
                add(key, Role.ADMIN), add(key, Role.EDITOR), add(key, Role.VIEWER)));
    }

    /** A fresh API token of the team with the given role. */
    public String token(Fixture team, Role role) {
        return TestSecurity.as(team.as(Role.OWNER), () -> tokens.create("test " + role, role).token());
    }

    /**
     * Invites a new person to the signed-in admin's team and accepts for them with
     * {@link #PASSWORD}, as they would on the invitation page.
     */
    public UserAccount invite(String email, String name, Role role) {
        return accept(invitations.invite(email, role), name);
    }

    /**
     * Brings a person who has an account into {@code team} with {@code role}: the team's owner
     * invites their email and they accept while signed in as themselves.
     */
    public void join(Fixture team, UserAccount person, Role role) {
        CreatedInvitation invitation = TestSecurity.as(team.as(Role.OWNER), () -> invitations.invite(person.email(),
                role));
        TestSecurity.as(TestSecurity.person(person, null, null), () -> invitations.accept(invitation.token()));
    }

    private UserAccount add(String key, Role role) {
        return invite(role.name().toLowerCase() + "-" + key + "@test.example", role.name() + " " + key, role);
    }

    private UserAccount accept(CreatedInvitation invitation, String name) {
        return invitations.acceptAsNewPerson(invitation.token(), name, PASSWORD, Locale.ENGLISH);
    }
}
