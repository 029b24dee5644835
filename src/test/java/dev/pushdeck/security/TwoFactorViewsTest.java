package dev.pushdeck.security;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.server.VaadinServletRequest;
import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestTeams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

class TwoFactorViewsTest extends KaribuTest {

    @Autowired
    TwoFactorService twoFactor;
    @Autowired
    PasswordAuthenticationProvider passwords;

    @AfterEach
    void forgetRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void aMemberSetsUpTwoFactorSignInOnTheAccountPageAndSeesTheRecoveryCodesOnce() {
        TestTeams.Fixture team = teams.create("2fa-ui");
        login(team.as(Role.EDITOR));
        navigate("account");

        _click(_get(Button.class, spec -> spec.withId("two-factor-set-up")));
        String secret = _get(TextField.class, spec -> spec.withId("two-factor-secret")).getValue();
        _setValue(_get(TextField.class, spec -> spec.withId("two-factor-confirm-code")), TestTotp.now(secret));
        _click(_get(Button.class, spec -> spec.withId("two-factor-confirm")));

        assertThat(_get(TextArea.class, spec -> spec.withClasses("recovery-codes")).getValue().lines()).hasSize(10);
        assertThat(_get(Paragraph.class, spec -> spec.withId("two-factor-status")).getText())
                .contains("Recovery codes left: 10");
    }

    @Test
    void aTeamThatRequiresTwoFactorSendsMembersWithoutItToTheAccountPageFirst() {
        TestTeams.Fixture team = teams.create("2fa-required");
        login(team.as(Role.OWNER));
        navigate("team/sign-in");
        _setValue(_get(Checkbox.class, spec -> spec.withId("require-two-factor")), true);

        login(team.as(Role.EDITOR));
        navigate("apps");
        assertThat(currentView()).isEqualTo("AccountView");
        assertThat(_get(Paragraph.class, spec -> spec.withId("two-factor-required")).isVisible()).isTrue();

        TwoFactorEnrolment enrolment = twoFactor.begin();
        twoFactor.confirm(TestTotp.now(enrolment.secret()));
        navigate("apps");
        assertThat(currentView()).isEqualTo("AppsView");
    }

    @Test
    void afterTheRightPasswordTheLoginPageAsksForTheCode() {
        TestTeams.Fixture team = teams.create("2fa-login");
        TestSecurity.as(team.as(Role.VIEWER), () -> {
            twoFactor.confirm(TestTotp.now(twoFactor.begin().secret()));
            return null;
        });
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(
                VaadinServletRequest.getCurrent().getHttpServletRequest()));
        assertThatThrownBy(() -> passwords.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(
                team.viewer().email(), TestTeams.PASSWORD))).isInstanceOf(BadCredentialsException.class);

        UI.getCurrent().navigate("login", QueryParameters.of("error", ""));

        assertThat(currentView()).isEqualTo("TwoFactorView");
        assertThat(_get(TextField.class, spec -> spec.withId("two-factor-code"))).isNotNull();
    }

    private static String currentView() {
        return UI.getCurrent().getInternals().getActiveRouterTargetsChain().get(0).getClass().getSimpleName();
    }
}
