package dev.pushdeck.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushdeck.TestOidcProvider;
import org.junit.jupiter.api.Test;

class OidcRegistrationTest {

    private static SingleSignOn settings(String issuer) {
        return new SingleSignOn(issuer, "client", "secret", "", "openid,email", "email_verified", "", "", true);
    }

    @Test
    void aProviderThatCannotBeReachedFailsTheSignInNotTheStartAndIsTriedAgainLater() {
        OidcRegistration registration = new OidcRegistration(settings("http://127.0.0.1:9/unreachable"));

        assertThatThrownBy(() -> registration.findByRegistrationId(SingleSignOn.REGISTRATION_ID))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> registration.findByRegistrationId(SingleSignOn.REGISTRATION_ID))
                .as("no failure is remembered").isInstanceOf(RuntimeException.class);
    }

    @Test
    void theRegistrationIsDiscoveredFromTheIssuerOnce() {
        String issuer = TestOidcProvider.server().issuerUrl("discovery").toString();
        OidcRegistration registration = new OidcRegistration(settings(issuer));

        var found = registration.findByRegistrationId(SingleSignOn.REGISTRATION_ID);

        assertThat(found.getProviderDetails().getIssuerUri()).isEqualTo(issuer);
        assertThat(found.getScopes()).containsExactlyInAnyOrder("openid", "email");
        assertThat(registration.findByRegistrationId(SingleSignOn.REGISTRATION_ID)).isSameAs(found);
        assertThat(registration.findByRegistrationId("other")).isNull();
    }

    @Test
    void switchingPasswordsOffWithoutSingleSignOnRefusesToStart() {
        assertThatThrownBy(() -> new SingleSignOn("", "", "", "", "openid", "email_verified", "", "", false))
                .hasMessageContaining("PUSHDECK_PASSWORD_LOGIN_ENABLED=false needs single sign-on");
    }
}
