package dev.pushdeck.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.ApiClient;
import dev.pushdeck.ApiClient.Answer;
import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.security.Role;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** JSON bodies over 1 MB (the default of pushdeck.api.max-body-size) answer 413, declared or streamed. */
@PushdeckTest
class RequestBodyLimitTest {

    private static final String TOKEN = "740f4707bebcf74f9b7c25d48e3358945f6aa01da5ddb387462c7eaf61bb78ad";

    @LocalServerPort
    int port;
    @Autowired
    TestTeams teams;
    ApiClient api;
    String token;
    String appId;

    @BeforeEach
    void app() {
        api = new ApiClient(port);
        TestTeams.Fixture team = teams.create("body-limit");
        token = teams.token(team, Role.ADMIN);
        appId = api.post("/api/v1/apps", token, "{\"name\":\"Body\",\"bundleId\":\"com.example.body\"}")
                .json().get("id").asText();
    }

    @Test
    void aCampaignBodyDeclaredOverTheCapIsRefusedWith413AndNothingIsStored() {
        Answer refused = api.post("/api/v1/apps/" + appId + "/campaigns", token, campaign(1_100_000));

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asText()).isEqualTo(
                "The request body is larger than 1,024 KB, the most this server accepts.");
        assertThat(api.get("/api/v1/apps/" + appId + "/campaigns", token).json().get("items")).isEmpty();
    }

    @Test
    void aStreamedBodyWithoutALengthIsCutOffAtTheCapAlsoForAnAppKey() {
        String key = api.post("/api/v1/apps/" + appId + "/keys", token, "{\"name\":\"ios\"}").json().get("key").asText();
        byte[] body = ("{\"environment\":\"sandbox\",\"alias\":\"" + "a".repeat(2_000_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        Answer refused = api.send(api.request("/api/v1/device-registrations/" + TOKEN, key)
                .header("Content-Type", "application/json").header("Accept-Language", "zh-CN")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

        assertThat(refused.status()).as(refused.body()).isEqualTo(413);
        assertThat(refused.json().get("detail").asText()).contains("1,024 KB");
        assertThat(api.get("/api/v1/apps/" + appId + "/devices", token).json().get("items")).isEmpty();
    }

    @Test
    void aBodyJustUnderTheCapIsReadAsUsual() {
        Answer read = api.post("/api/v1/apps/" + appId + "/campaigns", token, campaign(900_000));

        assertThat(read.status()).isNotEqualTo(413).isNotEqualTo(400);
    }

    private static String campaign(int customDataBytes) {
        return "{\"name\":\"big\",\"environment\":\"sandbox\",\"notification\":{\"title\":\"t\",\"body\":\"b\"},"
                + "\"customData\":{\"blob\":\"" + "x".repeat(customDataBytes) + "\"}}";
    }
}
