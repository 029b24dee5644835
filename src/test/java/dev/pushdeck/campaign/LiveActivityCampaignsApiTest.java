package dev.pushdeck.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushdeck.ApiClient;
import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.CredentialService;
import dev.pushdeck.app.CredentialUpload;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.app.TestCredentials;
import dev.pushdeck.device.ActivityKind;
import dev.pushdeck.device.ActivityRegistrationService;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Live Activity campaigns over the REST API: the body, what reads back, the live preview and the refusals. */
@PushdeckTest
class LiveActivityCampaignsApiTest {

    private static final String START = """
            {"name": "Order 1042", "environment": "production", "pushType": "liveactivity", "priority": 5,
             "liveActivity": {"event": "start", "attributesType": "DeliveryAttributes",
               "attributes": {"orderNumber": 1042}, "contentState": {"status": "placed", "eta": 25},
               "staleDate": "2099-01-01T00:00:00Z", "relevanceScore": 50,
               "alert": {"title": "Order placed", "body": "We are on it", "sound": "default"}}}""";

    @Autowired
    TestTeams teams;
    @Autowired
    CampaignFixtures fixtures;
    @Autowired
    DeviceService devices;
    @Autowired
    ActivityRegistrationService activities;
    @Autowired
    CredentialService credentials;
    @LocalServerPort
    int port;

    ApiClient api;
    TestTeams.Fixture team;
    PushApp app;
    String editor;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        team = teams.create("live-activity-api");
        app = fixtures.app(team, "Live Api App");
        editor = teams.token(team, Role.EDITOR);
    }

    @Test
    void aStartIsStoredAndReadBackAsItWasGivenWithItsPayload() {
        ApiClient.Answer created = api.post("/api/v1/apps/" + app.id() + "/campaigns", editor, START);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode activity = created.json().get("liveActivity");
        assertThat(activity.get("event").asText()).isEqualTo("start");
        assertThat(activity.get("attributes").get("orderNumber").asInt()).isEqualTo(1042);
        assertThat(activity.get("contentState").get("eta").asInt()).isEqualTo(25);
        assertThat(activity.get("alert").get("title").asText()).isEqualTo("Order placed");
        assertThat(created.json().get("pushType").asText()).isEqualTo("liveactivity");
        assertThat(created.json().get("payload").asText()).contains("\"event\":\"start\"",
                "\"attributes-type\":\"DeliveryAttributes\"", "\"stale-date\":4070908800", "\"input-push-token\":1");

        ApiClient.Answer read = api.get("/api/v1/campaigns/" + created.json().get("id").asText(), editor);
        assertThat(read.json().get("liveActivity")).isEqualTo(activity);
    }

    @Test
    void thePreviewCountsTheLiveActivityTokensTheEventReaches() {
        fixtures.device(team, app.id(), "production");
        TestSecurity.as(team.as(Role.EDITOR), () -> {
            var device = devices.list(app.id(), null, 0, 10).get(0);
            activities.add(device.id(), CampaignFixtures.token(), ActivityKind.PUSH_TO_START, "DeliveryAttributes",
                    null);
            return activities.add(device.id(), CampaignFixtures.token(), ActivityKind.UPDATE, "DeliveryAttributes",
                    "order-1042");
        });

        ApiClient.Answer check = api.post("/api/v1/apps/" + app.id() + "/campaigns/check", editor, START);

        assertThat(check.json().get("valid").asBoolean()).as(check.body()).isTrue();
        assertThat(check.json().get("audienceCount").asLong()).isEqualTo(1);
    }

    @Test
    void eachWrongLiveActivityFieldIsNamedByItsPath() {
        ApiClient.Answer refused = api.post("/api/v1/apps/" + app.id() + "/campaigns", editor, """
                {"name": "Broken", "environment": "production", "pushType": "liveactivity",
                 "liveActivity": {"event": "update", "attributesType": "1Bad", "contentState": [1],
                   "dismissalDate": "2099-01-01T00:00:00Z"}}""");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors")).extracting(error -> error.get("field").asText())
                .contains("liveActivity.attributesType", "liveActivity.contentState", "liveActivity.dismissalDate");

        ApiClient.Answer badDate = api.post("/api/v1/apps/" + app.id() + "/campaigns", editor, """
                {"name": "Broken", "environment": "production", "pushType": "liveactivity",
                 "liveActivity": {"event": "update", "attributesType": "A", "contentState": {},
                   "staleDate": "tomorrow"}}""");
        assertThat(badDate.json().get("errors").get(0).get("field").asText()).isEqualTo("liveActivity.staleDate");
    }

    @Test
    void aTransactionalLiveActivityUpdateReportsTokensNoLiveActivityHas() {
        TestSecurity.as(team.as(Role.ADMIN), () -> credentials.upload(app.id(), new CredentialUpload(
                TestCredentials.bytes(TestCredentials.pem(TestCredentials.ec("secp256r1").getPrivate())), null,
                "production", TestCredentials.KEY_ID, TestCredentials.TEAM_ID, false)));
        fixtures.device(team, app.id(), "production");
        String live = CampaignFixtures.token();
        TestSecurity.as(team.as(Role.EDITOR), () -> activities.add(devices.list(app.id(), null, 0, 10).get(0).id(),
                live, ActivityKind.UPDATE, "DeliveryAttributes", "order-7"));
        String unknown = CampaignFixtures.token();

        ApiClient.Answer sent = api.post("/api/v1/apps/" + app.id() + "/notifications", editor, """
                {"environment": "production", "pushType": "liveactivity",
                 "liveActivity": {"event": "update", "attributesType": "DeliveryAttributes", "contentState": {}},
                 "audience": {"type": "TOKENS", "tokens": ["%s", "%s"]}}""".formatted(live, unknown));

        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        assertThat(sent.json().get("targeted").asLong()).isEqualTo(1);
        assertThat(sent.json().get("unknown").get("count").asInt()).isEqualTo(1);
        assertThat(sent.json().get("unknown").get("first").get(0).asText()).isEqualTo(unknown);
    }
}
