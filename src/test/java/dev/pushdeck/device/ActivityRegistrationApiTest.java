package dev.pushdeck.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.device.feedback.ActivityFeedback;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@PushdeckTest
class ActivityRegistrationApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestTeams teams;
    @Autowired
    DeviceFixtures fixtures;
    @Autowired
    ActivityFeedback feedback;
    @Autowired
    DeviceService devices;
    @LocalServerPort
    int port;

    Http http;
    TestTeams.Fixture team;
    PushApp app;
    String key;
    String deviceToken;
    JsonNode device;

    @BeforeEach
    void setUp() throws Exception {
        http = new Http(port);
        team = teams.create("activities");
        app = fixtures.app(team, "Activity App");
        key = fixtures.key(team, app.id());
        deviceToken = DeviceFixtures.token();
        device = json(http.putJson("/api/v1/device-registrations/" + deviceToken, key,
                "{\"environment\":\"production\"}"));
    }

    private HttpResponse<String> register(String token, String body) {
        return http.putJson("/api/v1/activity-registrations/" + Http.encode(token), key, body);
    }

    private String update(String activityId) {
        return """
                {"environment":"production","kind":"update","attributesType":"DeliveryAttributes",
                 "activityId":"%s","deviceToken":"%s"}""".formatted(activityId, deviceToken);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void anAppKeyRegistersAnUpdateTokenUnderItsDeviceThatEndsWithinEightHours() throws Exception {
        String token = DeviceFixtures.token().toUpperCase();
        HttpResponse<String> created = register("<" + token + ">", update("order-1042"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = json(created);
        assertThat(body.get("token").asText()).isEqualTo(token.toLowerCase());
        assertThat(body.get("kind").asText()).isEqualTo("update");
        assertThat(body.get("attributesType").asText()).isEqualTo("DeliveryAttributes");
        assertThat(body.get("activityId").asText()).isEqualTo("order-1042");
        assertThat(body.get("deviceId").asText()).isEqualTo(device.get("id").asText());
        assertThat(body.get("status").asText()).isEqualTo("ACTIVE");
        Instant registered = Instant.parse(body.get("registeredAt").asText());
        assertThat(Instant.parse(body.get("expiresAt").asText()))
                .isCloseTo(registered.plus(Duration.ofHours(8)), within(1, ChronoUnit.SECONDS));

        HttpResponse<String> again = register(token, update("order-1042"));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("id").asText()).isEqualTo(body.get("id").asText());
    }

    @Test
    void aPushToStartTokenHasNoEndOfItsOwn() throws Exception {
        HttpResponse<String> created = register(DeviceFixtures.token(), """
                {"environment":"production","kind":"push-to-start","attributesType":"Orders.DeliveryAttributes",
                 "deviceToken":"%s"}""".formatted(deviceToken));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).get("kind").asText()).isEqualTo("push-to-start");
        assertThat(json(created).has("expiresAt") && !json(created).get("expiresAt").isNull()).isFalse();
    }

    @Test
    void everyBadFieldIsNamedAndNothingIsStored() throws Exception {
        String token = DeviceFixtures.token();
        HttpResponse<String> refused = register(token, """
                {"environment":"staging","kind":"later","attributesType":"not a type!","activityId":"a\\u0007b",
                 "deviceToken":"xyz"}""");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(json(refused).get("errors")).extracting(error -> error.get("field").asText())
                .contains("environment", "kind", "attributesType", "activityId", "deviceToken");
        assertThat(TestSecurity.as(team.as(Role.VIEWER), () -> devices.get(
                java.util.UUID.fromString(device.get("id").asText())))).isNotNull();
        assertThat(list(team, Role.VIEWER)).isEmpty();
    }

    @Test
    void aTokenOfADeviceTheAppNeverRegisteredIsRefused() throws Exception {
        HttpResponse<String> refused = register(DeviceFixtures.token(), """
                {"environment":"sandbox","kind":"update","attributesType":"DeliveryAttributes",
                 "deviceToken":"%s"}""".formatted(deviceToken));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(json(refused).get("errors").get(0).get("field").asText()).isEqualTo("deviceToken");
        assertThat(json(refused).get("detail").asText()).contains("register the device first");
    }

    @Test
    void unregisteringEndsTheTokenAndANewerRegistrationRevivesIt() throws Exception {
        String token = DeviceFixtures.token();
        register(token, update("match-7"));

        HttpResponse<String> ended = http.send("DELETE", "/api/v1/activity-registrations/" + token
                + "?environment=production", key, null, null);
        assertThat(ended.statusCode()).isEqualTo(204);
        JsonNode listed = list(team, Role.VIEWER).get(0);
        assertThat(listed.get("status").asText()).isEqualTo("ENDED");
        assertThat(listed.get("endReason").asText()).isEqualTo("EndedByApp");

        assertThat(json(register(token, update("match-7"))).get("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void apnsReportsEndTheTokenButNeverItsDevice() throws Exception {
        String token = DeviceFixtures.token();
        register(token, update("order-9"));

        int ended = feedback.ended(team.teamId(), app.id(), ApnsEnvironment.PRODUCTION,
                List.of(new ActivityFeedback.EndedToken(token, "Unregistered", Instant.now())));

        assertThat(ended).isEqualTo(1);
        assertThat(list(team, Role.VIEWER).get(0).get("endReason").asText()).isEqualTo("Unregistered");
        JsonNode stillThere = json(http.get("/api/v1/devices/" + device.get("id").asText(),
                teams.token(team, Role.VIEWER)));
        assertThat(stillThere.get("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void anotherAppsKeyNeitherSeesNorEndsTheToken() {
        String token = DeviceFixtures.token();
        register(token, update("order-1"));
        PushApp other = fixtures.app(team, "Other App");
        String otherKey = fixtures.key(team, other.id());

        HttpResponse<String> ended = http.send("DELETE", "/api/v1/activity-registrations/" + token
                + "?environment=production", otherKey, null, null);

        assertThat(ended.statusCode()).isEqualTo(404);
    }

    @Test
    void aTeamTokenCannotRegisterForAnApp() {
        HttpResponse<String> refused = http.putJson("/api/v1/activity-registrations/" + DeviceFixtures.token(),
                teams.token(team, Role.ADMIN), update("x"));

        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void editorsAddAndForgetTokensViewersOnlyReadAndOtherTeamsSeeNothing() throws Exception {
        String editor = teams.token(team, Role.EDITOR);
        String path = "/api/v1/devices/" + device.get("id").asText() + "/activity-registrations";
        String body = "{\"token\":\"%s\",\"kind\":\"push-to-start\",\"attributesType\":\"GameAttributes\"}"
                .formatted(DeviceFixtures.token());

        assertThat(http.send("POST", path, teams.token(team, Role.VIEWER), "application/json", body).statusCode())
                .isEqualTo(403);
        HttpResponse<String> added = http.send("POST", path, editor, "application/json", body);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        TestTeams.Fixture stranger = teams.create("activities-stranger");
        assertThat(http.get(path, teams.token(stranger, Role.ADMIN)).statusCode()).isEqualTo(404);

        HttpResponse<String> removed = http.send("DELETE", path + "/" + json(added).get("id").asText(), editor,
                null, null);
        assertThat(removed.statusCode()).isEqualTo(204);
        assertThat(list(team, Role.VIEWER)).isEmpty();
    }

    private JsonNode list(TestTeams.Fixture of, Role role) throws Exception {
        HttpResponse<String> listed = http.get("/api/v1/devices/" + device.get("id").asText()
                + "/activity-registrations", teams.token(of, role));
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        return json(listed);
    }
}
