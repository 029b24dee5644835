package dev.pushdeck.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.shared.error.ValidationException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

@PushdeckTest
class TwoFactorTest {

    @Autowired
    TestTeams teams;
    @Autowired
    TwoFactorService twoFactor;
    @Autowired
    TwoFactorSignIn secondStep;
    @Autowired
    PasswordAuthenticationProvider passwords;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AccountSessions sessions;

    TestTeams.Fixture team;
    MockHttpServletRequest browser;

    @BeforeEach
    void aBrowserOfItsOwn() {
        team = teams.create("two-factor");
        // An address of its own, so that throttling here cannot touch other tests' sign-ins.
        browser = new MockHttpServletRequest();
        browser.setRemoteAddr("198.51.100." + ThreadLocalRandom.current().nextInt(1, 255));
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(browser));
    }

    @AfterEach
    void signOut() {
        RequestContextHolder.resetRequestAttributes();
        TestSecurity.signOut();
    }

    @Test
    void enrolmentIsConfirmedWithACodeAndGivesTenRecoveryCodesStoredOnlyAsHashes() {
        TestSecurity.signIn(team.as(Role.EDITOR));
        TwoFactorEnrolment enrolment = twoFactor.begin();
        assertThat(enrolment.uri()).startsWith("otpauth://totp/Pushdeck%3A").contains("secret=" + enrolment.secret())
                .contains("issuer=Pushdeck");
        assertThat(twoFactor.status().enabled()).isFalse();

        assertThat(catchThrowableOfType(() -> twoFactor.confirm("000000"), ValidationException.class)
                .messageKey()).isEqualTo("error.two-factor.code-wrong");
        List<String> codes = twoFactor.confirm(TestTotp.now(enrolment.secret()));

        assertThat(codes).hasSize(10).doesNotHaveDuplicates().allMatch(code -> code.matches("[a-z2-9]{5}-[a-z2-9]{5}"));
        assertThat(twoFactor.status()).satisfies(status -> {
            assertThat(status.enabled()).isTrue();
            assertThat(status.recoveryCodesLeft()).isEqualTo(10);
        });
        byte[] secret = TestTotp.decode(enrolment.secret());
        byte[] stored = jdbc.sql("select secret_ciphertext from vault_secrets v join two_factor t"
                + " on t.vault_secret_id = v.id where t.user_id = :user").param("user", team.editor().id())
                .query(byte[].class).single();
        assertThat(HexFormat.of().formatHex(stored)).doesNotContain(HexFormat.of().formatHex(secret));
        assertThat(jdbc.sql("select count(*) from two_factor_recovery_codes where user_id = :user"
                + " and code_hash = :code").param("user", team.editor().id())
                .param("code", codes.get(0).getBytes()).query(Long.class).single()).isZero();
    }

    @Test
    void aRightPasswordAloneSignsNobodyInAndTheCodeCompletesTheSignIn() {
        String secret = enrol(team, Role.EDITOR);

        assertThatThrownBy(() -> passwords.authenticate(password(team.editor().email())))
                .isInstanceOf(BadCredentialsException.class);
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
        assertThat(secondStep.awaitingCode()).isTrue();

        assertThatThrownBy(() -> secondStep.complete("123456", () -> { }))
                .isInstanceOf(ValidationException.class);
        boolean[] renewed = {false};
        assertThat(secondStep.complete(TestTotp.next(secret), () -> renewed[0] = true))
                .as("nothing asked for sign-in, so the start page").isEqualTo("/");

        assertThat(renewed[0]).as("the session id changes").isTrue();
        PushdeckPrincipal principal = (PushdeckPrincipal) SecurityContextHolder.getContext().getAuthentication()
                .getPrincipal();
        assertThat(principal.id()).isEqualTo(team.editor().id());
        assertThat(principal.teamId()).isEqualTo(team.teamId());
        assertThat(secondStep.awaitingCode()).as("the code is spent").isFalse();
        assertThat(sessions.mine()).as("the session is tracked, so a password change can end it")
                .singleElement().satisfies(session -> assertThat(session.current()).isTrue());
    }

    @Test
    void aRecoveryCodeSignsInOnceAndThenNoMore() {
        TestSecurity.signIn(team.as(Role.VIEWER));
        TwoFactorEnrolment enrolment = twoFactor.begin();
        String recovery = twoFactor.confirm(TestTotp.now(enrolment.secret())).get(3);
        TestSecurity.signOut();

        assertThatThrownBy(() -> passwords.authenticate(password(team.viewer().email())))
                .isInstanceOf(BadCredentialsException.class);
        secondStep.complete(recovery.toUpperCase(), () -> { });
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNotNull();

        TestSecurity.signOut();
        assertThatThrownBy(() -> passwords.authenticate(password(team.viewer().email())))
                .isInstanceOf(BadCredentialsException.class);
        assertThat(catchThrowableOfType(() -> secondStep.complete(recovery, () -> { }), ValidationException.class)
                .messageKey()).isEqualTo("error.two-factor.code-wrong");
        TestSecurity.signIn(team.as(Role.VIEWER));
        assertThat(twoFactor.status().recoveryCodesLeft()).isEqualTo(9);
    }

    @Test
    void tenWrongCodesThrottleEvenTheRightOne() {
        String secret = enrol(team, Role.ADMIN);
        assertThatThrownBy(() -> passwords.authenticate(password(team.admin().email())))
                .isInstanceOf(BadCredentialsException.class);

        for (int i = 0; i < 10; i++) {
            String wrong = String.format("%06d", i);
            assertThatThrownBy(() -> secondStep.complete(wrong, () -> { })).isInstanceOf(ValidationException.class);
        }
        ValidationException throttled = catchThrowableOfType(() -> secondStep.complete(TestTotp.next(secret), () -> { }),
                ValidationException.class);

        assertThat(throttled.messageKey()).isEqualTo("error.two-factor.throttled");
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
    }

    @Test
    void turningItOffNeedsACodeAndThenThePasswordSuffices() {
        String secret = enrol(team, Role.OWNER);
        TestSecurity.signIn(team.as(Role.OWNER));
        assertThatThrownBy(() -> twoFactor.disable("999999")).isInstanceOf(ValidationException.class);

        twoFactor.disable(TestTotp.next(secret));

        assertThat(twoFactor.status().enabled()).isFalse();
        TestSecurity.signOut();
        assertThat(passwords.authenticate(password(team.owner().email())).getPrincipal())
                .isInstanceOf(PushdeckPrincipal.class);
    }

    @Test
    void theCodeLeadsBackToThePageThatAskedForSignInSuchAsAnInvitationToAccept() {
        String secret = enrol(team, Role.VIEWER);
        MockHttpServletRequest invitation = new MockHttpServletRequest("GET", "/invitation/pdi_abc/accept");
        invitation.setSession(browser.getSession());
        new HttpSessionRequestCache().saveRequest(invitation, new MockHttpServletResponse());

        assertThatThrownBy(() -> passwords.authenticate(password(team.viewer().email())))
                .isInstanceOf(BadCredentialsException.class);
        String next = secondStep.complete(TestTotp.next(secret), () -> { });

        assertThat(next).startsWith("http://localhost/invitation/pdi_abc/accept");
    }

    /** Turns two-factor sign-in on for a member; answers the secret in Base32. */
    private String enrol(TestTeams.Fixture fixture, Role role) {
        return TestSecurity.as(fixture.as(role), () -> {
            TwoFactorEnrolment enrolment = twoFactor.begin();
            twoFactor.confirm(TestTotp.now(enrolment.secret()));
            return enrolment.secret();
        });
    }

    private static UsernamePasswordAuthenticationToken password(String email) {
        return UsernamePasswordAuthenticationToken.unauthenticated(email, TestTeams.PASSWORD);
    }
}
