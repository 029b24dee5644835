package dev.pushdeck.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushdeck.ApiClient;
import dev.pushdeck.ApiClient.Answer;
import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.AppKeyService;
import dev.pushdeck.app.AppService;
import dev.pushdeck.audit.AuditEntry;
import dev.pushdeck.audit.AuditFilter;
import dev.pushdeck.audit.AuditLog;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.access.AccessDeniedException;

@PushdeckTest
class MetricsAccessTest {

    private static final String METRICS = "/actuator/prometheus";

    @LocalServerPort
    int port;
    @Autowired
    TestTeams teams;
    @Autowired
    AppService apps;
    @Autowired
    AppKeyService appKeys;
    @Autowired
    MetricsTokenService metricsTokens;
    @Autowired
    AuditLog audit;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void nobodyWithoutATokenReadsMetricsButHealthStaysOpen() {
        Answer anonymous = api.get(METRICS, null);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.json().get("detail").asText()).contains("pdm_");
        assertThat(anonymous.body()).doesNotContain("jvm_memory_used_bytes");
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
    }

    @Test
    void teamTokensAppKeysAndTheInstanceTokenAreRefusedWith403() {
        TestTeams.Fixture team = teams.create("metrics-refused");
        String appKey = TestSecurity.as(team.as(Role.ADMIN), () -> appKeys.create(
                apps.create("Metrics App", "com.example.metrics").id(), "key").key());

        for (String bearer : new String[] {teams.token(team, Role.ADMIN), teams.token(team, Role.VIEWER), appKey,
                ApiTokenAuthenticationTest.BOOTSTRAP_TOKEN}) {
            Answer answer = api.get(METRICS, bearer);
            assertThat(answer.status()).as(bearer.substring(0, 4)).isEqualTo(403);
            assertThat(answer.body()).doesNotContain("jvm_memory_used_bytes");
        }
        assertThat(api.get(METRICS, MetricsTokenService.KIND + "x".repeat(43)).status()).isEqualTo(401);
    }

    @Test
    void aMetricsTokenReadsMetricsAndNothingElseUntilRevoked() {
        Answer created = api.post("/api/v1/metrics-tokens", ApiTokenAuthenticationTest.BOOTSTRAP_TOKEN,
                "{\"name\":\"prometheus\"}");
        assertThat(created.status()).isEqualTo(201);
        String token = created.json().get("token").asText();
        assertThat(token).startsWith(MetricsTokenService.KIND);

        Answer metrics = api.get(METRICS, token);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        assertThat(api.get("/api/v1/apps", token).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/metrics-tokens", token).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/metrics-tokens", ApiTokenAuthenticationTest.BOOTSTRAP_TOKEN).body())
                .contains("prometheus").doesNotContain(token);

        String id = created.json().get("id").asText();
        assertThat(api.delete("/api/v1/metrics-tokens/" + id, ApiTokenAuthenticationTest.BOOTSTRAP_TOKEN).status())
                .isEqualTo(204);
        assertThat(api.get(METRICS, token).status()).isEqualTo(401);
        assertThat(api.delete("/api/v1/metrics-tokens/" + UUID.randomUUID(), ApiTokenAuthenticationTest.BOOTSTRAP_TOKEN)
                .status()).isEqualTo(404);
    }

    @Test
    void onlyInstanceAdministratorsManageMetricsTokensAndEachChangeIsAudited() {
        TestTeams.Fixture team = teams.create("metrics-owner");
        TestSecurity.signIn(team.as(Role.OWNER));
        try {
            assertThatThrownBy(() -> metricsTokens.create("mine")).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(metricsTokens::list).isInstanceOf(AccessDeniedException.class);
        } finally {
            TestSecurity.signOut();
        }
        assertThat(api.post("/api/v1/metrics-tokens", teams.token(team, Role.ADMIN), "{\"name\":\"x\"}").status())
                .isEqualTo(403);

        PushdeckAuthentication instanceAdmin = new PushdeckAuthentication(
                ((PushdeckAuthentication) team.as(Role.OWNER)).getPrincipal().withInstanceAdmin(true));
        CreatedMetricsToken created = TestSecurity.as(instanceAdmin, () -> metricsTokens.create("scraper"));
        TestSecurity.as(instanceAdmin, () -> {
            assertThat(metricsTokens.list()).extracting(MetricsTokenInfo::name).contains("scraper");
            metricsTokens.revoke(created.id());
            assertThat(metricsTokens.list()).extracting(MetricsTokenInfo::id).doesNotContain(created.id());
            return null;
        });
        TestSecurity.as(team.as(Role.OWNER), () -> {
            assertThat(audit.search(AuditFilter.none(), 0, 50)).extracting(AuditEntry::action)
                    .contains("metrics-token.created", "metrics-token.revoked");
            return null;
        });
    }
}
