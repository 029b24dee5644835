package dev.pushdeck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushdeck.security.PasswordResets;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import dev.pushdeck.security.UserAccount;
import dev.pushdeck.shared.error.ConflictException;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.tenancy.CreatedInvitation;
import dev.pushdeck.tenancy.InvitationService;
import dev.pushdeck.tenancy.Member;
import dev.pushdeck.tenancy.MemberService;
import dev.pushdeck.tenancy.Membership;
import dev.pushdeck.tenancy.TeamService;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The cross-tenant takeover of issue 15, step by step: an admin of team B "adds"
 * newhire@a.example with a password of their choosing; team A later adds the same email as
 * admin; team B's admin then tries to act as that person in team A. Every step fails.
 */
@PushdeckTest
class AccountTakeoverTest {

    private static final String ATTACKER_PASSWORD = "chosen-by-team-b-admin";

    @LocalServerPort
    int port;
    @Autowired
    TestTeams teams;
    @Autowired
    InvitationService invitations;
    @Autowired
    MemberService members;
    @Autowired
    TeamService teamService;
    @Autowired
    PasswordResets resets;

    @AfterEach
    void signOut() {
        TestSecurity.signOut();
    }

    @Test
    void anAdminOfAnotherTeamNeverGetsToActAsTheNewHireOfTeamA() {
        TestTeams.Fixture teamA = teams.create("takeover-a");
        TestTeams.Fixture teamB = teams.create("takeover-b");
        String newHire = "newhire-" + UUID.randomUUID().toString().substring(0, 8) + "@a.example";

        // Step 1: team B's admin "adds" the new hire. Adding takes no password at all; the
        // most the admin can do is open their own link and create the account themselves.
        CreatedInvitation fromB = TestSecurity.as(teamB.as(Role.ADMIN), () -> invitations.invite(newHire, Role.ADMIN));
        UserAccount planted = invitations.acceptAsNewPerson(fromB.token(), "New Hire", ATTACKER_PASSWORD,
                Locale.ENGLISH);

        // Step 2: team A adds the same email as admin. Nothing is attached to the existing
        // account, and the answer says nothing about it; the link goes to the real person.
        CreatedInvitation fromA = TestSecurity.as(teamA.as(Role.ADMIN), () -> invitations.invite(newHire, Role.ADMIN));
        assertThat(fromA.toString()).doesNotContain("New Hire");
        assertThat(TestSecurity.as(teamA.as(Role.ADMIN), members::list)).extracting(Member::email)
                .doesNotContain(newHire);
        String mailedToTheNewHire = TestMail.link(TestMail.await(newHire, 2));
        assertThat(mailedToTheNewHire).isEqualTo(fromA.link()).isNotEqualTo(fromB.link());

        // Step 3: team B's admin signs in as the new hire: the account is in team B only.
        WebSession attacker = new WebSession(port);
        assertThat(attacker.signIn(newHire, ATTACKER_PASSWORD)).isTrue();
        TestSecurity.signIn(TestSecurity.person(planted, teamB.teamId(), Role.ADMIN));
        assertThatThrownBy(() -> teamService.switchTo(teamA.teamId())).isInstanceOf(NotFoundException.class);
        assertThat(teamService.myTeams()).extracting(Membership::teamId).containsExactly(teamB.teamId());
        // ... their own old link is spent, and a made-up one is worthless.
        assertThatThrownBy(() -> invitations.accept(fromB.token())).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> invitations.accept(InvitationService.KIND + "x".repeat(43)))
                .isInstanceOf(ValidationException.class);

        // The real new hire cannot sign in with a password they never chose; they reset it
        // by mail, which ends the attacker's session and makes the planted password worthless.
        TestSecurity.signOut();
        resets.requestByMail(newHire);
        String resetLink = TestMail.link(TestMail.await(newHire, 3));
        resets.complete(resetLink.substring(resetLink.lastIndexOf('/') + 1), "only-the-new-hire-knows");
        assertThat(attacker.isSignedIn()).isFalse();
        assertThat(new WebSession(port).signIn(newHire, ATTACKER_PASSWORD)).isFalse();

        // The new hire accepts team A's invitation as themselves.
        String tokenA = mailedToTheNewHire.substring(mailedToTheNewHire.lastIndexOf('/') + 1);
        TestSecurity.signIn(TestSecurity.person(planted, null, null));
        assertThat(invitations.accept(tokenA).teamId()).isEqualTo(teamA.teamId());

        // Team B's admin, as admin of a team the person belongs to, cannot make a reset link
        // for someone who is also an admin of team A.
        TestSecurity.signIn(teamB.as(Role.ADMIN));
        assertThatThrownBy(() -> resets.createFor(planted.id())).isInstanceOf(ConflictException.class);
        TestSecurity.signIn(teamB.as(Role.OWNER));
        assertThatThrownBy(() -> resets.createFor(planted.id())).isInstanceOf(ConflictException.class);
        assertThat(new WebSession(port).signIn(newHire, ATTACKER_PASSWORD)).isFalse();
        assertThat(new WebSession(port).signIn(newHire, "only-the-new-hire-knows")).isTrue();
    }
}
