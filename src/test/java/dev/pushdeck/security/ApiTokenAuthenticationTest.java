package dev.pushdeck.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.ApiClient;
import dev.pushdeck.ApiClient.Answer;
import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@PushdeckTest
class ApiTokenAuthenticationTest {

    /** The instance-scoped token from PUSHDECK_BOOTSTRAP_API_TOKEN in the test configuration. */
    static final String BOOTSTRAP_TOKEN = "pdt_bootstrapbootstrapbootstrapbootstrap1234567";

    @LocalServerPort
    int port;
    @Autowired
    TestTeams teams;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void aRequestWithoutATokenIsAnsweredWith401AsAProblemDocument() {
        Answer answer = api.get("/api/v1/apps", null);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("detail").asText()).contains("Bearer");
    }

    @Test
    void anUnknownTokenIsRefused() {
        assertThat(api.get("/api/v1/apps", "pdt_" + "x".repeat(43)).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/apps", "not-a-token").status()).isEqualTo(401);
    }

    @Test
    void aRevokedTokenStopsWorkingAtOnce() {
        TestTeams.Fixture team = teams.create("revoked");
        String admin = teams.token(team, Role.ADMIN);
        Answer created = api.post("/api/v1/tokens", admin, "{\"name\":\"ci\",\"role\":\"VIEWER\"}");
        String viewer = created.json().get("token").asText();
        assertThat(api.get("/api/v1/apps", viewer).status()).isEqualTo(200);

        assertThat(api.delete("/api/v1/tokens/" + created.json().get("id").asText(), admin).status()).isEqualTo(204);

        assertThat(api.get("/api/v1/apps", viewer).status()).isEqualTo(401);
    }

    @Test
    void aTokenInTheQueryStringIsRefusedEvenWhenValid() {
        TestTeams.Fixture team = teams.create("query");
        String token = teams.token(team, Role.ADMIN);

        assertThat(api.get("/api/v1/apps?access_token=" + token, null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/apps?key=" + token, null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/apps?key=" + token, token).status()).isEqualTo(401);
    }

    @Test
    void aViewerTokenReadsButCannotChangeAnything() {
        TestTeams.Fixture team = teams.create("viewer-token");
        String viewer = teams.token(team, Role.VIEWER);

        assertThat(api.get("/api/v1/apps", viewer).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/apps", viewer, "{\"name\":\"A\",\"bundleId\":\"com.example.a\"}").status())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/tokens", viewer, "{\"name\":\"x\",\"role\":\"ADMIN\"}").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/tokens", viewer).status()).isEqualTo(403);
    }

    @Test
    void onlyAnInstanceScopedTokenCreatesTeams() {
        TestTeams.Fixture team = teams.create("not-instance");
        String admin = teams.token(team, Role.ADMIN);
        String body = "{\"name\":\"Provisioned %s\",\"ownerEmail\":\"owner-%s@test.example\"}";

        assertThat(api.post("/api/v1/teams", admin, body.formatted("x", "x")).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/teams", admin).status()).isEqualTo(403);

        Answer created = api.post("/api/v1/teams", BOOTSTRAP_TOKEN, body.formatted(team.teamId(), team.teamId()));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("adminToken").asText()).startsWith("pdt_");
    }

    @Test
    void aNewTeamsTokenSeesNothingOfAnyOtherTeam() {
        TestTeams.Fixture other = teams.create("other");
        String otherAdmin = teams.token(other, Role.ADMIN);
        Answer otherApp = api.post("/api/v1/apps", otherAdmin, "{\"name\":\"Secret\",\"bundleId\":\"com.other.secret\"}");
        String body = "{\"name\":\"Fresh %s\",\"ownerEmail\":\"fresh-%s@test.example\"}";
        String fresh = api.post("/api/v1/teams", BOOTSTRAP_TOKEN, body.formatted(other.teamId(), other.teamId()))
                .json().get("adminToken").asText();

        assertThat(api.get("/api/v1/apps", fresh).json().get("items")).isEmpty();
        assertThat(api.get("/api/v1/apps/" + otherApp.json().get("id").asText(), fresh).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/apps/" + otherApp.json().get("id").asText(), fresh).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/tokens", fresh).json().get("items")).extracting(n -> n.get("name").asText())
                .containsExactly("provisioning");
    }

    @Test
    void theBrowserSessionDoesNotAuthenticateTheApi() {
        Answer answer = api.send(api.request("/api/v1/apps", null).header("Cookie", "JSESSIONID=whatever").GET());

        assertThat(answer.status()).isEqualTo(401);
    }

    @Test
    void invalidInputAnswers422NamingTheField() {
        TestTeams.Fixture team = teams.create("invalid");
        String admin = teams.token(team, Role.ADMIN);

        Answer answer = api.post("/api/v1/apps", admin, "{\"name\":\"\",\"bundleId\":\"not a bundle\"}");

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("errors")).extracting(n -> n.get("field").asText())
                .containsExactlyInAnyOrder("name", "bundleId");
    }

    @Test
    void malformedJsonAnswers400NotAStackTrace() {
        TestTeams.Fixture team = teams.create("malformed");
        String admin = teams.token(team, Role.ADMIN);

        Answer answer = api.post("/api/v1/apps", admin, "{\"name\":");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("at dev.");
    }

    @Test
    void wellFormedJsonOfTheWrongTypeIsRefusedWith422NamingTheField() {
        TestTeams.Fixture team = teams.create("wrong-type");
        String admin = teams.token(team, Role.ADMIN);

        Answer answer = api.post("/api/v1/apps", admin, "{\"name\":{\"first\":\"Coffee\"},\"bundleId\":\"com.x\"}");

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("errors")).extracting(n -> n.get("field").asText() + ": "
                + n.get("message").asText()).containsExactly("name: Expected text here.");
    }

    @Test
    void apiAnswersAndPagesCarryTheSecurityHeaders() {
        for (String path : new String[] {"/api/v1/apps", "/login", "/actuator/health"}) {
            Answer answer = api.get(path, null);
            assertThat(answer.header("Content-Security-Policy")).as(path).contains("frame-ancestors 'none'");
            assertThat(answer.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(answer.header("Referrer-Policy")).as(path).isEqualTo("same-origin");
        }
    }

    @Test
    void healthAndOpenApiAreServedWithoutAToken() {
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
        Answer docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/v1/tokens")).isTrue();
    }

    @Test
    void onlyAnInstanceScopedTokenMakesSomeoneInstanceAdministrator() {
        TestTeams.Fixture team = teams.create("promoted");
        String body = "{\"email\": \"" + team.viewer().email() + "\"}";

        assertThat(api.post("/api/v1/instance-admins", teams.token(team, Role.ADMIN), body).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/instance-admins", BOOTSTRAP_TOKEN, body).status()).isEqualTo(204);
        assertThat(api.post("/api/v1/instance-admins", BOOTSTRAP_TOKEN, "{\"email\": \"nobody@x.example\"}")
                .status()).isEqualTo(422);
    }
}
