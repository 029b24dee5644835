package dev.pushdeck.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.WebSession;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.error.ValidationException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

@PushdeckTest
class AccountSessionsTest {

    @LocalServerPort
    int port;
    @Autowired
    AccountSessions sessions;
    @Autowired
    UserService users;
    @Autowired
    TestTeams teams;

    @AfterEach
    void signOut() {
        TestSecurity.signOut();
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void theAccountPageListsEachSignedInBrowserAndEndingOneSignsItOut() {
        TestTeams.Fixture team = teams.create("sessions");
        WebSession laptop = new WebSession(port);
        WebSession phone = new WebSession(port);
        laptop.signIn(team.editor().email(), TestTeams.PASSWORD);
        phone.signIn(team.editor().email(), TestTeams.PASSWORD);
        team.signIn(Role.EDITOR);

        List<OpenSession> open = sessions.mine();

        assertThat(open).hasSize(2).allSatisfy(session -> {
            assertThat(session.userAgent()).contains("Firefox");
            assertThat(session.clientAddress()).isEqualTo("127.0.0.1");
            assertThat(session.current()).isFalse();
        });
        sessions.end(open.get(0).id());
        assertThat(sessions.mine()).hasSize(1);
        assertThat(List.of(laptop.isSignedIn(), phone.isSignedIn())).containsExactlyInAnyOrder(true, false);
    }

    @Test
    void nobodyEndsAnotherPersonsSession() {
        TestTeams.Fixture team = teams.create("not-yours");
        new WebSession(port).signIn(team.viewer().email(), TestTeams.PASSWORD);
        team.signIn(Role.VIEWER);
        UUID viewers = sessions.mine().get(0).id();

        team.signIn(Role.OWNER);

        assertThatThrownBy(() -> sessions.end(viewers)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void changingThePasswordEndsEveryOtherSessionButKeepsTheOneThatChangedIt() {
        TestTeams.Fixture team = teams.create("change");
        WebSession here = new WebSession(port);
        WebSession elsewhere = new WebSession(port);
        here.signIn(team.admin().email(), TestTeams.PASSWORD);
        elsewhere.signIn(team.admin().email(), TestTeams.PASSWORD);
        team.signIn(Role.ADMIN);
        UUID hereRow = sessions.mine().get(1).id();
        actingFrom(hereRow);

        int ended = users.changeOwnPassword(TestTeams.PASSWORD, "another-long-password");

        assertThat(ended).isEqualTo(1);
        assertThat(sessions.mine()).extracting(OpenSession::id).containsExactly(hereRow);
        assertThat(here.isSignedIn() ^ elsewhere.isSignedIn()).isTrue();
    }

    @Test
    void wrongCurrentPasswordsAreThrottledLikeSignIns() {
        TestTeams.Fixture team = teams.create("throttle-change");
        team.signIn(Role.VIEWER);
        actingFrom(null);

        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> users.changeOwnPassword("wrong-guess-000", "new-password-123"))
                    .isInstanceOf(ValidationException.class);
        }

        assertThatThrownBy(() -> users.changeOwnPassword(TestTeams.PASSWORD, "new-password-123"))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).errors().get(0).key())
                        .isEqualTo("error.password.throttled"));
        assertThat(new WebSession(port).signIn(team.viewer().email(), TestTeams.PASSWORD)).isFalse();
    }

    /** Makes the calling code run as a request of the browser session with this row (null: a new browser). */
    private static void actingFrom(UUID row) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("203.0.113." + (row == null ? 9 : 7));
        if (row != null) {
            request.getSession().setAttribute(SessionTracking.ROW, row);
        }
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    }
}
