package dev.pushdeck.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.ApiClient;
import dev.pushdeck.PushdeckTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.Authentication;

@PushdeckTest
class BootstrapTest {

    @Autowired
    PasswordAuthenticationProvider login;
    @LocalServerPort
    int port;

    @Test
    void theFirstStartCreatesTheBootstrapTeamWithAnInstanceAdministratorOwner() {
        Authentication auth = login.authenticate(
                org.springframework.security.authentication.UsernamePasswordAuthenticationToken.unauthenticated(
                        "root@bootstrap.test", "bootstrap-password-1"));

        PushdeckPrincipal root = (PushdeckPrincipal) auth.getPrincipal();
        assertThat(root.instanceAdmin()).isTrue();
        assertThat(root.role()).isEqualTo(Role.OWNER);
        assertThat(root.teamId()).isNotNull();
    }

    @Test
    void theBootstrapApiTokenIsAnInstanceScopedAdminTokenOfTheFirstTeam() {
        ApiClient api = new ApiClient(port);

        var teams = api.get("/api/v1/teams?size=500", ApiTokenAuthenticationTest.BOOTSTRAP_TOKEN);
        var tokens = api.get("/api/v1/tokens", ApiTokenAuthenticationTest.BOOTSTRAP_TOKEN);

        assertThat(teams.status()).isEqualTo(200);
        assertThat(teams.json().get("items")).extracting(n -> n.get("name").asText()).contains("Bootstrap Team");
        assertThat(tokens.json().get("items")).extracting(n -> n.get("name").asText() + "/" + n.get("role").asText())
                .contains("bootstrap/ADMIN");
    }
}
