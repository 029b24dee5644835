package dev.pushdeck.dispatch;

import static dev.pushdeck.dispatch.DispatcherTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushdeck.ApiClient;
import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.CredentialService;
import dev.pushdeck.app.CredentialUpload;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.app.TestCredentials;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Broadcast campaigns over the REST API: created with a channel as audience, sent, and read back
 * with their one delivery and Apple's apns-unique-id; every misuse a 422 naming the field, and
 * another team's channel never used.
 */
@PushdeckTest
class BroadcastCampaignsApiTest {

    @Autowired
    TestTeams teams;
    @Autowired
    AppService apps;
    @Autowired
    CredentialService credentials;
    @Autowired
    BroadcastApns broadcastApns;
    @LocalServerPort
    int port;

    BroadcastSimulator apple;
    ApiClient api;
    TestTeams.Fixture team;
    PushApp app;
    String editor;
    String channel;

    @BeforeEach
    void setUp() throws Exception {
        apple = TestBroadcasts.started(broadcastApns, 10);
        api = new ApiClient(port);
        team = teams.create("broadcast-campaigns-api");
        app = app(team, "Scores");
        editor = teams.token(team, Role.EDITOR);
        channel = createChannel(app, editor, "production");
    }

    @AfterEach
    void tearDown() {
        broadcastApns.overrideEndpoint(null);
        apple.close();
    }

    private PushApp app(TestTeams.Fixture owner, String name) {
        return TestBroadcasts.tokenKeyApp(owner, apps, credentials, name);
    }

    private String createChannel(PushApp owner, String token, String environment) {
        ApiClient.Answer created = api.post("/api/v1/apps/" + owner.id() + "/channels", token,
                "{\"environment\": \"" + environment + "\", \"messageStoragePolicy\": \"none\", \"name\": \"Match\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static String body(String event, String channelId) {
        return """
                {"name": "Goal", "environment": "production", "pushType": "liveactivity", "priority": 10,
                 "liveActivity": {"event": "%s", "attributesType": "ScoreAttributes", "contentState": {"home": 1},
                                  "alert": {"title": "Goal", "body": "1-0"}, "attributes": %s},
                 "audience": {"type": "CHANNEL", "channel": "%s"}}"""
                .formatted(event, "start".equals(event) ? "{\"match\": 7}" : "null", channelId);
    }

    private ApiClient.Answer create(String body) {
        return api.post("/api/v1/apps/" + app.id() + "/campaigns", editor, body);
    }

    private static List<String> fields(ApiClient.Answer answer) {
        return java.util.stream.StreamSupport.stream(answer.json().get("errors").spliterator(), false)
                .map(error -> error.get("field").asText()).toList();
    }

    @Test
    void aBroadcastCampaignIsCreatedSentAndShowsItsOneDeliveryWithApplesUniqueId() {
        ApiClient.Answer created = create(body("update", channel));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("audience").get("type").asText()).isEqualTo("CHANNEL");
        assertThat(created.json().get("audience").get("channel").asText()).isEqualTo(channel);
        assertThat(created.json().get("audienceCount").asLong()).isZero();
        String id = created.json().get("id").asText();

        ApiClient.Answer sent = api.post("/api/v1/campaigns/" + id + "/send", editor, "");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        await("broadcast campaign completed", () -> "COMPLETED".equals(
                api.get("/api/v1/campaigns/" + id, editor).json().get("status").asText()));

        JsonNode deliveries = api.get("/api/v1/campaigns/" + id + "/deliveries", editor).json().get("items");
        assertThat(deliveries).hasSize(1);
        JsonNode delivery = deliveries.get(0);
        assertThat(delivery.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(delivery.get("apnsUniqueId").asText()).isNotBlank();
        assertThat(delivery.get("apnsId").asText()).isNotBlank();
        assertThat(apple.requests()).filteredOn(r -> r.path().startsWith("/4/broadcasts/")).hasSize(1);
    }

    @Test
    void aStartToAChannelIsRefusedOnTheEvent() {
        ApiClient.Answer refused = create(body("start", channel));

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(fields(refused)).contains("liveActivity.event");
        assertThat(refused.body()).contains("running");
    }

    @Test
    void anotherTeamsOrAppsChannelIsAnUnknownChannelAndNeverUsed() {
        TestTeams.Fixture other = teams.create("broadcast-campaigns-stranger");
        PushApp strangersApp = app(other, "Stranger");
        String strangersChannel = createChannel(strangersApp, teams.token(other, Role.EDITOR), "production");
        PushApp sibling = app(team, "Sibling");
        String siblingsChannel = createChannel(sibling, editor, "production");

        for (String foreign : List.of(strangersChannel, siblingsChannel, UUID.randomUUID().toString(), "not-a-uuid")) {
            ApiClient.Answer refused = create(body("update", foreign));
            assertThat(refused.status()).as(refused.body()).isEqualTo(422);
            assertThat(fields(refused)).containsExactly("audience.channel");
        }
        String draft = create(body("update", channel)).json().get("id").asText();
        ApiClient.Answer patched = api.patch("/api/v1/campaigns/" + draft, editor,
                "{\"audience\": {\"type\": \"CHANNEL\", \"channel\": \"" + strangersChannel + "\"}}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(422);
        assertThat(apple.requests()).noneMatch(r -> r.path().startsWith("/4/broadcasts/"));
    }

    @Test
    void aChannelOfTheOtherEnvironmentAndACertificateOnlyAppAreRefusedWithTheirReasons() {
        String sandboxChannel = createChannel(app, editor, "sandbox");
        ApiClient.Answer otherEnvironment = create(body("update", sandboxChannel));
        assertThat(otherEnvironment.status()).isEqualTo(422);
        assertThat(otherEnvironment.body()).contains("sandbox");

        TestSecurity.as(team.as(Role.ADMIN), () -> credentials.upload(app.id(), new CredentialUpload(
                TestCredentials.p12Modern(TestCredentials.CA.issue(TestCredentials.Spec.apns(app.bundleId())), "pw"),
                "pw", "production", null, null, false)));
        ApiClient.Answer certificateOnly = create(body("update", channel));
        assertThat(certificateOnly.status()).as(certificateOnly.body()).isEqualTo(422);
        assertThat(fields(certificateOnly)).contains("pushType");
        assertThat(certificateOnly.body()).contains(".p8");
    }

    @Test
    void aChannelAudienceNeedsALiveActivity() {
        ApiClient.Answer refused = create("""
                {"name": "Plain", "environment": "production", "notification": {"title": "Hi"},
                 "audience": {"type": "CHANNEL", "channel": "%s"}}""".formatted(channel));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(fields(refused)).contains("audience.type");
    }
}
