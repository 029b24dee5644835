package dev.pushdeck.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestMail;
import dev.pushdeck.TestTeams;
import dev.pushdeck.WebSession;
import dev.pushdeck.audit.AuditEntry;
import dev.pushdeck.audit.AuditFilter;
import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.shared.error.ConflictException;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.error.ValidationException;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

@PushdeckTest
class PasswordResetsTest {

    @LocalServerPort
    int port;
    @Autowired
    PasswordResets resets;
    @Autowired
    TestTeams teams;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void signOut() {
        TestSecurity.signOut();
    }

    @Test
    void aMailedLinkSetsTheNewPasswordOnceAndEndsEverySessionOfThePerson() {
        TestTeams.Fixture team = teams.create("forgot");
        String email = team.viewer().email();
        WebSession laptop = new WebSession(port);
        assertThat(laptop.signIn(email, TestTeams.PASSWORD)).isTrue();

        assertThat(resets.requestByMail(email)).isEqualTo(ForgotPasswordAnswer.MAIL_ON_ITS_WAY_IF_KNOWN);
        String link = TestMail.link(TestMail.await(email, 2));
        String token = link.substring(link.lastIndexOf('/') + 1);
        assertThat(link).startsWith("http://console.test.example/reset/pdr_");
        assertThat(resets.open(token)).contains(email);

        resets.complete(token, "a-brand-new-password");

        assertThat(laptop.isSignedIn()).isFalse();
        assertThat(new WebSession(port).signIn(email, TestTeams.PASSWORD)).isFalse();
        assertThat(new WebSession(port).signIn(email, "a-brand-new-password")).isTrue();
        assertThat(resets.open(token)).isEmpty();
        assertThatThrownBy(() -> resets.complete(token, "yet-another-password"))
                .isInstanceOf(ValidationException.class);
        team.signIn(Role.ADMIN);
        assertThat(audit.search(new AuditFilter(null, null, null, null), 0, 50)).extracting(AuditEntry::action)
                .contains("password-reset.requested", "password-reset.used");
    }

    @Test
    void theAnswerIsTheSameForAnUnknownAddressAndNoMailGoesOut() {
        String nobody = "nobody-" + UUID.randomUUID() + "@nowhere.example";

        assertThat(resets.requestByMail(nobody)).isEqualTo(ForgotPasswordAnswer.MAIL_ON_ITS_WAY_IF_KNOWN);

        assertThat(TestMail.to(nobody)).isEmpty();
    }

    @Test
    void askingAgainAndAgainSendsOneMail() throws Exception {
        TestTeams.Fixture team = teams.create("flood");
        String email = team.editor().email();

        for (int i = 0; i < 5; i++) {
            resets.requestByMail(email);
        }

        TestMail.await(email, 2);
        Thread.sleep(500);
        assertThat(TestMail.to(email)).hasSize(2);
    }

    @Test
    void anExpiredLinkDoesNotWork() {
        TestTeams.Fixture team = teams.create("reset-expired");
        team.signIn(Role.ADMIN);
        String link = resets.createFor(team.viewer().id()).link();
        String token = link.substring(link.lastIndexOf('/') + 1);

        jdbc.sql("update password_resets set expires_at = now() - interval '1 second' where lookup_prefix = :p")
                .param("p", token.substring(4, 14)).update();

        assertThatThrownBy(() -> resets.complete(token, "too-late-password")).isInstanceOf(ValidationException.class);
    }

    @Test
    void anAdminMakesALinkForAMemberWhoseOnlyTeamIsTheirsAndANewerLinkReplacesIt() {
        TestTeams.Fixture team = teams.create("admin-reset");
        team.signIn(Role.ADMIN);

        CreatedResetLink first = resets.createFor(team.editor().id());
        CreatedResetLink second = resets.createFor(team.editor().id());

        assertThat(resets.open(token(first))).isEmpty();
        resets.complete(token(second), "chosen-by-editor");
        assertThat(new WebSession(port).signIn(team.editor().email(), "chosen-by-editor")).isTrue();
        assertThat(audit.search(new AuditFilter("password-reset.link-created", null, null, null), 0, 10))
                .extracting(AuditEntry::target).contains(team.editor().email());
    }

    @Test
    void anAdminCannotMakeALinkForAnOwnerOrSomeoneWhoAlsoBelongsToAnotherTeam() {
        TestTeams.Fixture team = teams.create("limits");
        TestTeams.Fixture other = teams.create("limits-other");
        teams.join(other, team.viewer(), Role.VIEWER);
        team.signIn(Role.ADMIN);

        assertThatThrownBy(() -> resets.createFor(team.owner().id())).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> resets.createFor(team.viewer().id())).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> resets.createFor(team.admin().id())).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> resets.createFor(other.editor().id())).isInstanceOf(NotFoundException.class);
        team.signIn(Role.EDITOR);
        assertThatThrownBy(() -> resets.createFor(team.viewer().id())).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void anInstanceAdministratorMakesALinkForAnyone() {
        TestTeams.Fixture team = teams.create("instance-reset");
        TestSecurity.signIn(TestSecurity.instanceAdmin());

        CreatedResetLink link = resets.createForEmail(team.owner().email());

        resets.complete(token(link), "owner-chose-this");
        assertThat(new WebSession(port).signIn(team.owner().email(), "owner-chose-this")).isTrue();
        assertThatThrownBy(() -> resets.createForEmail("nobody-" + UUID.randomUUID() + "@x.example"))
                .isInstanceOf(ValidationException.class);
    }

    private static String token(CreatedResetLink link) {
        return link.link().substring(link.link().lastIndexOf('/') + 1);
    }
}
