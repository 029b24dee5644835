package dev.pushdeck.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.audit.AuditFilter;
import dev.pushdeck.audit.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

@PushdeckTest
class LoginThrottleTest {

    @Autowired
    PasswordAuthenticationProvider login;
    @Autowired
    TestTeams teams;
    @Autowired
    AuditLog audit;

    @AfterEach
    void signOut() {
        TestSecurity.signOut();
    }

    @Test
    void theRightPasswordSignsInToTheLastUsedTeamWithItsRole() {
        TestTeams.Fixture team = teams.create("login");

        Authentication auth = login.authenticate(attempt(team.editor().email(), TestTeams.PASSWORD, freshAddress()));

        PushdeckPrincipal principal = (PushdeckPrincipal) auth.getPrincipal();
        assertThat(principal.teamId()).isEqualTo(team.teamId());
        assertThat(principal.role()).isEqualTo(Role.EDITOR);
        assertThat(auth.getAuthorities()).extracting(Object::toString)
                .containsExactlyInAnyOrder("ROLE_EDITOR", "ROLE_VIEWER");
    }

    @Test
    void anUnknownEmailAndAWrongPasswordGetTheSameGenericRefusal() {
        TestTeams.Fixture team = teams.create("generic");
        String address = freshAddress();

        assertThatThrownBy(() -> login.authenticate(attempt("nobody@test.example", "whatever-pass", address)))
                .isInstanceOf(BadCredentialsException.class).hasMessage("sign-in refused");
        assertThatThrownBy(() -> login.authenticate(attempt(team.viewer().email(), "wrong-password", address)))
                .isInstanceOf(BadCredentialsException.class).hasMessage("sign-in refused");
    }

    @Test
    void tenFailuresForOneAccountRefuseEvenTheRightPasswordAndAreAudited() {
        TestTeams.Fixture team = teams.create("throttle-account");
        String email = team.viewer().email();
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> login.authenticate(attempt(email, "wrong-password", freshAddress())))
                    .isInstanceOf(BadCredentialsException.class);
        }

        assertThatThrownBy(() -> login.authenticate(attempt(email, TestTeams.PASSWORD, freshAddress())))
                .isInstanceOf(BadCredentialsException.class);

        team.signIn(Role.ADMIN);
        assertThat(audit.search(new AuditFilter("login.throttled", email, null, null), 0, 10)).hasSize(1);
        assertThat(audit.search(new AuditFilter("login.failed", email, null, null), 0, 20)).hasSize(10);
    }

    @Test
    void tenFailuresFromOneAddressRefuseOtherAccountsFromThatAddress() {
        TestTeams.Fixture team = teams.create("throttle-address");
        String address = freshAddress();
        for (int i = 0; i < 10; i++) {
            String email = "guess-" + i + "@test.example";
            assertThatThrownBy(() -> login.authenticate(attempt(email, "guess", address)))
                    .isInstanceOf(BadCredentialsException.class);
        }

        assertThatThrownBy(() -> login.authenticate(attempt(team.owner().email(), TestTeams.PASSWORD, address)))
                .isInstanceOf(BadCredentialsException.class);
        assertThat(login.authenticate(attempt(team.owner().email(), TestTeams.PASSWORD, freshAddress()))).isNotNull();
    }

    private static UsernamePasswordAuthenticationToken attempt(String email, String password, String address) {
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.unauthenticated(email, password);
        HttpServletRequest request = new MockHttpServletRequest();
        ((MockHttpServletRequest) request).setRemoteAddr(address);
        token.setDetails(new WebAuthenticationDetails(request));
        return token;
    }

    private static String freshAddress() {
        UUID random = UUID.randomUUID();
        return "10." + Math.floorMod(random.hashCode(), 250) + "." + Math.floorMod(random.getLeastSignificantBits(), 250)
                + "." + Math.floorMod(random.getMostSignificantBits(), 250);
    }
}
