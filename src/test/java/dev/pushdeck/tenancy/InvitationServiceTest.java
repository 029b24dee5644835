package dev.pushdeck.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestMail;
import dev.pushdeck.TestTeams;
import dev.pushdeck.WebSession;
import dev.pushdeck.audit.AuditEntry;
import dev.pushdeck.audit.AuditFilter;
import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.mail.MailOutcome;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import dev.pushdeck.security.UserAccount;
import dev.pushdeck.security.UserService;
import dev.pushdeck.shared.error.ConflictException;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.error.ValidationException;
import jakarta.mail.internet.MimeMessage;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

@PushdeckTest
class InvitationServiceTest {

    @Autowired
    InvitationService invitations;
    @Autowired
    MemberService members;
    @Autowired
    TeamService teamService;
    @Autowired
    UserService users;
    @Autowired
    AuditLog audit;
    @Autowired
    TestTeams teams;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    @AfterEach
    void signOut() {
        TestSecurity.signOut();
    }

    @Test
    void membershipStartsOnlyWhenTheInvitedPersonAcceptsWithAPasswordOfTheirOwn() {
        TestTeams.Fixture team = teams.create("invite");
        team.signIn(Role.ADMIN);
        String email = unique("new");

        CreatedInvitation created = invitations.invite(email, Role.EDITOR);

        assertThat(created.mail()).isEqualTo(MailOutcome.SENT);
        assertThat(created.link()).startsWith("http://console.test.example/invitation/pdi_");
        assertThat(members.list()).extracting(Member::email).doesNotContain(email);
        assertThat(invitations.pending()).extracting(Invitation::email, Invitation::role, Invitation::expired)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(email, Role.EDITOR, false));
        MimeMessage mail = TestMail.await(email, 1);
        assertThat(TestMail.subject(mail)).contains(team.name());
        assertThat(TestMail.link(mail)).isEqualTo(created.link());

        UserAccount person = invitations.acceptAsNewPerson(created.token(), "New Person", "their-own-password",
                Locale.ENGLISH);

        assertThat(members.list()).extracting(Member::email, Member::role)
                .contains(org.assertj.core.groups.Tuple.tuple(email, Role.EDITOR));
        assertThat(invitations.pending()).isEmpty();
        assertThat(person.displayName()).isEqualTo("New Person");
        assertThat(audit.search(new AuditFilter(null, null, null, null), 0, 20)).extracting(AuditEntry::action)
                .contains("invitation.created", "invitation.accepted");
    }

    @Test
    void invitingSomeoneWithAnAccountAnswersExactlyAsForANewEmailAndAddsNobody() {
        TestTeams.Fixture theirs = teams.create("has-account");
        TestTeams.Fixture mine = teams.create("inviter");
        TestSecurity.as(theirs.as(Role.VIEWER), () -> {
            users.setOwnLanguage(Locale.SIMPLIFIED_CHINESE);
            return null;
        });
        mine.signIn(Role.ADMIN);

        CreatedInvitation existing = invitations.invite(theirs.viewer().email(), Role.VIEWER);
        CreatedInvitation fresh = invitations.invite(unique("fresh"), Role.VIEWER);

        assertThat(existing.mail()).isEqualTo(fresh.mail());
        assertThat(existing.invitation().invitedBy()).isEqualTo(fresh.invitation().invitedBy());
        assertThat(existing.toString()).doesNotContain(theirs.viewer().displayName());
        assertThat(members.list()).extracting(Member::userId).doesNotContain(theirs.viewer().id());
        assertThat(invitations.pending()).extracting(Invitation::email)
                .contains(theirs.viewer().email(), fresh.invitation().email());
        // The person learns of it in their own language (their first mail invited them to their own team).
        assertThat(TestMail.subject(TestMail.await(theirs.viewer().email(), 2))).contains("邀请")
                .contains(mine.name());
    }

    @Test
    void aPersonWithAnAccountAcceptsOnlyWhileSignedInAsThemselves() {
        TestTeams.Fixture theirs = teams.create("existing");
        TestTeams.Fixture mine = teams.create("joining");
        CreatedInvitation invitation = TestSecurity.as(mine.as(Role.ADMIN),
                () -> invitations.invite(theirs.editor().email(), Role.ADMIN));

        assertThatThrownBy(() -> invitations.acceptAsNewPerson(invitation.token(), "Impostor", "impostor-password",
                Locale.ENGLISH)).isInstanceOf(ValidationException.class);
        TestSecurity.signIn(TestSecurity.person(theirs.viewer(), theirs.teamId(), Role.VIEWER));
        assertThatThrownBy(() -> invitations.accept(invitation.token())).isInstanceOf(ConflictException.class);

        TestSecurity.signIn(TestSecurity.person(theirs.editor(), theirs.teamId(), Role.EDITOR));
        Membership joined = invitations.accept(invitation.token());

        assertThat(joined.teamId()).isEqualTo(mine.teamId());
        assertThat(joined.role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void aLinkWorksOnceAndNotAfterItWasRevokedOrReplaced() {
        TestTeams.Fixture team = teams.create("links");
        team.signIn(Role.ADMIN);
        CreatedInvitation used = invitations.invite(unique("used"), Role.VIEWER);
        CreatedInvitation revoked = invitations.invite(unique("revoked"), Role.VIEWER);
        CreatedInvitation replaced = invitations.invite(unique("replaced"), Role.VIEWER);

        invitations.acceptAsNewPerson(used.token(), null, "first-password-1", Locale.ENGLISH);
        invitations.revoke(revoked.invitation().id());
        CreatedInvitation renewed = invitations.renew(replaced.invitation().id());

        assertThat(invitations.open(used.token())).isEmpty();
        assertThatThrownBy(() -> invitations.acceptAsNewPerson(used.token(), null, "second-password", Locale.ENGLISH))
                .isInstanceOf(ValidationException.class);
        assertThat(invitations.open(revoked.token())).isEmpty();
        assertThat(invitations.open(replaced.token())).isEmpty();
        assertThat(invitations.open(renewed.token())).hasValueSatisfying(details -> {
            assertThat(details.teamId()).isEqualTo(team.teamId());
            assertThat(details.email()).isEqualTo(replaced.invitation().email());
        });
        assertThat(TestMail.link(TestMail.await(replaced.invitation().email(), 2))).isEqualTo(renewed.link());
    }

    @Test
    void anExpiredInvitationIsListedAsExpiredItsLinkIsDeadAndTheEmailCanBeInvitedAgain() {
        TestTeams.Fixture team = teams.create("expired");
        team.signIn(Role.ADMIN);
        String email = unique("late");
        CreatedInvitation old = invitations.invite(email, Role.VIEWER);
        assertThatThrownBy(() -> invitations.invite(email, Role.VIEWER)).isInstanceOf(ConflictException.class);

        jdbc.sql("update invitations set expires_at = now() - interval '1 minute' where id = :id")
                .param("id", old.invitation().id()).update();

        assertThat(invitations.pending()).extracting(Invitation::expired).containsExactly(true);
        assertThat(invitations.open(old.token())).isEmpty();
        CreatedInvitation again = invitations.invite(email, Role.VIEWER);
        assertThat(invitations.pending()).extracting(Invitation::id).containsExactly(again.invitation().id());
    }

    @Test
    void aMailServerThatIsDownLeavesTheInvitationAndItsLinkForTheAdminToPassOn() {
        TestTeams.Fixture team = teams.create("mail-down");
        team.signIn(Role.ADMIN);
        String email = unique("offline");
        CreatedInvitation[] created = new CreatedInvitation[1];

        TestMail.whileDown(() -> created[0] = invitations.invite(email, Role.VIEWER));

        assertThat(created[0].mail()).isEqualTo(MailOutcome.FAILED);
        assertThat(invitations.open(created[0].token())).isPresent();
        assertThat(invitations.pending()).extracting(Invitation::email).containsExactly(email);
    }

    @Test
    void onlyOwnersInviteOwnersAndEditorsInviteNobody() {
        TestTeams.Fixture team = teams.create("who-invites");
        team.signIn(Role.ADMIN);
        assertThatThrownBy(() -> invitations.invite(unique("owner"), Role.OWNER))
                .isInstanceOf(AccessDeniedException.class);
        team.signIn(Role.EDITOR);
        assertThatThrownBy(() -> invitations.invite(unique("any"), Role.VIEWER))
                .isInstanceOf(AccessDeniedException.class);
        team.signIn(Role.OWNER);
        assertThat(invitations.invite(unique("owner"), Role.OWNER).invitation().role()).isEqualTo(Role.OWNER);
    }

    @Test
    void aMemberCannotBeInvitedAgainAndAnotherTeamsInvitationIsNotFound() {
        TestTeams.Fixture mine = teams.create("mine-inv");
        TestTeams.Fixture theirs = teams.create("theirs-inv");
        UUID theirInvitation = TestSecurity.as(theirs.as(Role.ADMIN),
                () -> invitations.invite(unique("theirs"), Role.VIEWER).invitation().id());
        mine.signIn(Role.ADMIN);

        assertThatThrownBy(() -> invitations.invite(mine.viewer().email(), Role.ADMIN))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> invitations.revoke(theirInvitation)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> invitations.renew(theirInvitation)).isInstanceOf(NotFoundException.class);
        assertThat(invitations.pending()).extracting(Invitation::id).doesNotContain(theirInvitation);
    }

    @Test
    void aNewTeamHasNoMemberUntilItsInvitedOwnerAccepts() {
        TestSecurity.signIn(TestSecurity.instanceAdmin());
        String owner = unique("first-owner");

        NewTeam team = teamService.create("Invited owner " + UUID.randomUUID(), owner, false);

        assertThat(team.ownerId()).isNull();
        assertThat(team.ownerInvitation().invitation().role()).isEqualTo(Role.OWNER);
        assertThat(TestMail.link(TestMail.await(owner, 1))).isEqualTo(team.ownerInvitation().link());
        UserAccount person = invitations.acceptAsNewPerson(team.ownerInvitation().token(), "First Owner",
                "owner-password-1", Locale.ENGLISH);
        TestSecurity.signIn(TestSecurity.person(person, team.id(), Role.OWNER));
        assertThat(members.list()).extracting(Member::email, Member::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(owner, Role.OWNER));
    }

    @Test
    void signingInToAcceptBringsThePersonBackToTheInvitation() {
        TestTeams.Fixture home = teams.create("come-back");
        TestTeams.Fixture joining = teams.create("come-back-to");
        CreatedInvitation invitation = TestSecurity.as(joining.as(Role.ADMIN),
                () -> invitations.invite(home.viewer().email(), Role.EDITOR));
        WebSession browser = new WebSession(port);
        String acceptPage = "/invitation/" + invitation.token() + "/accept";

        assertThat(browser.open("/invitation/" + invitation.token())).isNull();
        assertThat(browser.open(acceptPage)).endsWith("/login");
        assertThat(browser.signIn(home.viewer().email(), TestTeams.PASSWORD)).isTrue();

        assertThat(browser.lastRedirect()).contains(acceptPage);
        assertThat(browser.open(acceptPage)).isNull();
    }

    private static String unique(String label) {
        return label + "-" + UUID.randomUUID().toString().substring(0, 8) + "@invited.example";
    }
}
