package dev.pushdeck.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushdeck.ApiClient;
import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestMail;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.TestCredentials;
import dev.pushdeck.security.Role;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Idempotency-Key on creating POSTs: replays, refusals, failures that free the key, and races. */
@PushdeckTest
class IdempotencyKeyTest {

    @Autowired
    TestTeams teams;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;
    /** The instance-scoped token of the test configuration: teams and metrics tokens. */
    @Value("${pushdeck.bootstrap.api-token}")
    String instanceToken;

    ApiClient api;
    TestTeams.Fixture team;
    String admin;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        team = teams.create("idempotency");
        admin = teams.token(team, Role.ADMIN);
    }

    private ApiClient.Answer post(String path, String bearer, String key, String body) {
        return api.send(api.request(path, bearer).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String app(String name) {
        return "{\"name\": \"" + name + "\", \"bundleId\": \"com.example.idem\"}";
    }

    private long apps(String bearer) {
        return api.get("/api/v1/apps", bearer).json().get("total").asLong();
    }

    @Test
    void aReplayAnswersTheFirstAnswerAndCreatesNothingNew() {
        ApiClient.Answer first = post("/api/v1/apps", admin, "deploy-42", app("Once"));
        ApiClient.Answer replay = post("/api/v1/apps", admin, "deploy-42", app("Once"));

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.json()).isEqualTo(first.json());
        assertThat(apps(admin)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyOrPathIsRefusedAndAnInvalidKeyToo() {
        post("/api/v1/apps", admin, "deploy-43", app("First"));

        ApiClient.Answer otherBody = post("/api/v1/apps", admin, "deploy-43", app("Second"));
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.contentType()).startsWith("application/problem+json");
        assertThat(otherBody.json().get("errors").get(0).get("field").asText()).isEqualTo("Idempotency-Key");
        ApiClient.Answer otherPath = post("/api/v1/templates", admin, "deploy-43", "{\"name\": \"T\"}");
        assertThat(otherPath.status()).isEqualTo(422);
        assertThat(post("/api/v1/apps", admin, "x".repeat(201), app("Long")).status()).isEqualTo(422);
        assertThat(post("/api/v1/apps", admin, "tab\tkey", app("Tab")).status()).isEqualTo(422);
        assertThat(apps(admin)).isEqualTo(1);
        assertThat(api.get("/api/v1/templates", admin).json()).isEmpty();
    }

    @Test
    void aRefusedFirstRequestLeavesTheKeyFreeForTheCorrectedOne() {
        ApiClient.Answer refused = post("/api/v1/apps", admin, "deploy-44",
                "{\"name\": \"Bad\", \"bundleId\": \"no dots\"}");
        assertThat(refused.status()).isEqualTo(422);

        ApiClient.Answer corrected = post("/api/v1/apps", admin, "deploy-44", app("Good"));
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(201);
        assertThat(corrected.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void keysBelongToOneTeam() {
        TestTeams.Fixture other = teams.create("idempotency-other");
        String theirs = teams.token(other, Role.ADMIN);

        assertThat(post("/api/v1/apps", admin, "shared-key", app("Ours")).status()).isEqualTo(201);
        ApiClient.Answer their = post("/api/v1/apps", theirs, "shared-key", app("Theirs"));

        assertThat(their.status()).isEqualTo(201);
        assertThat(their.header("Idempotent-Replayed")).isNull();
        assertThat(their.json().get("name").asText()).isEqualTo("Theirs");
    }

    @Test
    void aSecretShownOnceIsNeitherStoredNorReplayed() {
        String appId = post("/api/v1/apps", admin, "app-for-key", app("Keyed")).json().get("id").asText();
        ApiClient.Answer created = post("/api/v1/apps/" + appId + "/keys", admin, "key-1", "{\"name\": \"ios\"}");
        ApiClient.Answer replay = post("/api/v1/apps/" + appId + "/keys", admin, "key-1", "{\"name\": \"ios\"}");

        String secret = created.json().get("key").asText();
        assertThat(secret).startsWith("pdk_");
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.json().get("id")).isEqualTo(created.json().get("id"));
        assertThat(replay.json().has("key")).isFalse();
        assertThat(storedAnswers(team.teamId())).isNotEmpty().noneMatch(body -> body.contains(secret));
    }

    @Test
    void anInvitationIsMadeAndMailedOnceAndItsLinkIsNeitherStoredNorReplayed() {
        String email = "keyed-" + UUID.randomUUID() + "@example.com";
        String invite = "{\"email\": \"" + email + "\", \"role\": \"EDITOR\"}";
        ApiClient.Answer created = post("/api/v1/members", admin, "invite-1", invite);
        ApiClient.Answer replay = post("/api/v1/members", admin, "invite-1", invite);

        String link = created.json().get("link").asText();
        assertThat(link).contains("/invitation/pdi_");
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.json().get("id")).isEqualTo(created.json().get("id"));
        assertThat(replay.json().get("mail").asText()).isEqualTo("SENT");
        assertThat(replay.json().has("link")).isFalse();
        assertThat(api.get("/api/v1/invitations", admin).json().get("total").asLong()).isEqualTo(1);
        assertThat(TestMail.link(TestMail.await(email, 1))).isEqualTo(link);
        assertThat(TestMail.to(email)).hasSize(1);
        assertThat(storedAnswers(team.teamId())).isNotEmpty().noneMatch(body -> body.contains(token(link)));
    }

    @Test
    void aNewTeamsInvitationAndTokenAndAMetricsTokenAreNeitherStoredNorReplayed() {
        String team = "{\"name\": \"Keyed " + UUID.randomUUID() + "\", \"ownerEmail\": \"owner-"
                + UUID.randomUUID() + "@example.com\"}";
        String teamKey = "team-" + UUID.randomUUID();
        ApiClient.Answer created = post("/api/v1/teams", instanceToken, teamKey, team);
        ApiClient.Answer replay = post("/api/v1/teams", instanceToken, teamKey, team);
        String metricsKey = "scraper-" + UUID.randomUUID();
        ApiClient.Answer metrics = post("/api/v1/metrics-tokens", instanceToken, metricsKey, "{\"name\": \"scraper\"}");
        ApiClient.Answer metricsReplay = post("/api/v1/metrics-tokens", instanceToken, metricsKey,
                "{\"name\": \"scraper\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.json().get("id")).isEqualTo(created.json().get("id"));
        assertThat(replay.json().has("adminToken")).isFalse();
        assertThat(replay.json().has("ownerInvitation")).isFalse();
        assertThat(metrics.status()).as(metrics.body()).isEqualTo(201);
        assertThat(metricsReplay.json().get("id")).isEqualTo(metrics.json().get("id"));
        assertThat(metricsReplay.json().has("token")).isFalse();
        List<String> secrets = List.of(created.json().get("adminToken").asText(),
                token(created.json().get("ownerInvitation").get("link").asText()), metrics.json().get("token").asText());
        assertThat(secrets).allMatch(secret -> secret.startsWith("pd"));
        List<String> stored = jdbc.sql("select convert_from(body, 'UTF8') from idempotent_requests"
                + " where idempotency_key in (:keys)").param("keys", List.of(teamKey, metricsKey))
                .query(String.class).list();
        assertThat(stored).hasSize(2).noneMatch(body -> secrets.stream().anyMatch(body::contains));
    }

    private List<String> storedAnswers(UUID teamId) {
        return jdbc.sql("select convert_from(body, 'UTF8') from idempotent_requests where tenant_id = :team")
                .param("team", teamId).query(String.class).list();
    }

    private static String token(String link) {
        return link.substring(link.lastIndexOf('/') + 1);
    }

    @Test
    void aMultipartUploadIsRecognisedAgainThoughEveryRequestHasItsOwnBoundary() {
        String appId = post("/api/v1/apps", admin, "app-for-p8", app("Uploads")).json().get("id").asText();
        byte[] key = TestCredentials.bytes(TestCredentials.pem(TestCredentials.ec("secp256r1").getPrivate()));

        ApiClient.Answer first = upload(appId, key, "p8-1");
        ApiClient.Answer replay = upload(appId, key, "p8-1");

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(api.get("/api/v1/apps/" + appId + "/credentials", admin).json()).hasSize(1);
        byte[] otherKey = TestCredentials.bytes(TestCredentials.pem(TestCredentials.ec("secp256r1").getPrivate()));
        assertThat(upload(appId, otherKey, "p8-1").status()).isEqualTo(422);
    }

    private ApiClient.Answer upload(String appId, byte[] file, String idempotencyKey) {
        String boundary = "b" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"environment\"\r\n\r\nboth\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"keyId\"\r\n\r\n"
                + TestCredentials.KEY_ID + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"teamId\""
                + "\r\n\r\n" + TestCredentials.TEAM_ID + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"AuthKey.p8\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes();
        byte[] body = new byte[head.length() + file.length + tail.length];
        System.arraycopy(head.getBytes(), 0, body, 0, head.length());
        System.arraycopy(file, 0, body, head.length(), file.length);
        System.arraycopy(tail, 0, body, head.length() + file.length, tail.length);
        return api.send(api.request("/api/v1/apps/" + appId + "/credentials", admin)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Idempotency-Key", idempotencyKey).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    @Test
    void twoRequestsWithTheSameKeyAtOnceCreateOneApp() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<ApiClient.Answer>> racing = List.of(1, 2).stream()
                .map(n -> CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return post("/api/v1/apps", admin, "race", app("Raced"));
                })).toList();
        start.countDown();

        List<JsonNode> answers = racing.stream().map(CompletableFuture::join).map(answer -> {
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
            return answer.json();
        }).toList();

        assertThat(answers.get(0)).isEqualTo(answers.get(1));
        assertThat(apps(admin)).isEqualTo(1);
    }
}
