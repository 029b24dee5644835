package dev.pushdeck.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.security.Role;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@PushdeckTest
class DeviceRegistrationApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestTeams teams;
    @Autowired
    DeviceFixtures fixtures;
    @LocalServerPort
    int port;

    Http http;
    TestTeams.Fixture team;
    PushApp app;
    String key;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        team = teams.create("registration");
        app = fixtures.app(team, "Reg App");
        key = fixtures.key(team, app.id());
    }

    private static String path(String token) {
        return "/api/v1/device-registrations/" + Http.encode(token);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void anAppKeyRegistersATokenInXcodeFormAndGetsItNormalized() throws Exception {
        String xcode = "<740F4707 BEBCF74F 9B7C25D4 8E335894 5F6AA01D A5DDB387 462C7EAF 61BB78AD>";
        HttpResponse<String> created = http.putJson(path(xcode), key, """
                {"environment":"sandbox","tags":["beta","vip","beta"],"alias":"user-42","locale":"de_CH",
                 "timezone":"Europe/Zurich"}""");

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = json(created);
        assertThat(body.get("token").asText())
                .isEqualTo("740f4707bebcf74f9b7c25d48e3358945f6aa01da5ddb387462c7eaf61bb78ad");
        assertThat(body.get("environment").asText()).isEqualTo("sandbox");
        assertThat(body.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(body.get("tags")).extracting(JsonNode::asText).containsExactly("beta", "vip");
        assertThat(body.get("locale").asText()).isEqualTo("de-CH");
        assertThat(body.get("timezone").asText()).isEqualTo("Europe/Zurich");
    }

    @Test
    void registeringAgainIsIdempotentAnswers200AndKeepsFieldsItDoesNotMention() throws Exception {
        String token = DeviceFixtures.token();
        http.putJson(path(token), key, "{\"environment\":\"production\",\"tags\":[\"a\"],\"alias\":\"u1\"}");
        HttpResponse<String> again = http.putJson(path(token), key, "{\"environment\":\"production\"}");

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("tags")).extracting(JsonNode::asText).containsExactly("a");
        assertThat(json(again).get("alias").asText()).isEqualTo("u1");
    }

    @Test
    void registeringWithAnEmptyTagListAndEmptyTextClearsWhatWasStored() throws Exception {
        String token = DeviceFixtures.token();
        http.putJson(path(token), key, """
                {"environment":"production","tags":["a"],"alias":"u1","locale":"en-US","timezone":"UTC"}""");
        HttpResponse<String> cleared = http.putJson(path(token), key, """
                {"environment":"production","tags":[],"alias":"","locale":"","timezone":""}""");

        assertThat(cleared.statusCode()).isEqualTo(200);
        JsonNode body = json(cleared);
        assertThat(body.get("tags")).isEmpty();
        assertThat(body.get("alias").isNull()).isTrue();
        assertThat(body.get("locale").isNull()).isTrue();
        assertThat(body.get("timezone").isNull()).isTrue();
    }

    @Test
    void theSameTokenInTheOtherEnvironmentIsAnotherDevice() {
        String token = DeviceFixtures.token();
        assertThat(http.putJson(path(token), key, "{\"environment\":\"production\"}").statusCode()).isEqualTo(201);
        assertThat(http.putJson(path(token), key, "{\"environment\":\"sandbox\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void aBadTokenAnswers422SayingExactlyWhatIsWrong() throws Exception {
        HttpResponse<String> odd = http.putJson(path("a".repeat(65)), key, "{\"environment\":\"sandbox\"}");
        HttpResponse<String> dash = http.putJson(path("ab".repeat(16) + "-" + "ab".repeat(16)), key,
                "{\"environment\":\"sandbox\"}");

        assertThat(odd.statusCode()).isEqualTo(422);
        assertThat(json(odd).get("detail").asText()).contains("odd number");
        assertThat(json(odd).get("errors").get(0).get("field").asText()).isEqualTo("token");
        assertThat(dash.statusCode()).isEqualTo(422);
        assertThat(json(dash).get("detail").asText()).contains("position 33");
    }

    @Test
    void environmentZoneAndLocaleAreValidated() throws Exception {
        String token = DeviceFixtures.token();
        HttpResponse<String> noEnvironment = http.putJson(path(token), key, "{}");
        HttpResponse<String> badFields = http.putJson(path(token), key,
                "{\"environment\":\"production\",\"timezone\":\"Mars/Olympus\",\"locale\":\"not a locale\"}");

        assertThat(noEnvironment.statusCode()).isEqualTo(422);
        assertThat(json(noEnvironment).get("errors").get(0).get("field").asText()).isEqualTo("environment");
        assertThat(badFields.statusCode()).isEqualTo(422);
        assertThat(json(badFields).get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("locale",
                "timezone");
    }

    @Test
    void unregisteringMarksTheDeviceAndANewerRegistrationBringsItBack() throws Exception {
        String token = DeviceFixtures.token();
        http.putJson(path(token), key, "{\"environment\":\"production\"}");

        HttpResponse<String> deleted = http.send("DELETE", path(token) + "?environment=production", key, null, null);
        assertThat(deleted.statusCode()).isEqualTo(204);
        String teamToken = teams.token(team, Role.VIEWER);
        JsonNode listed = json(http.get("/api/v1/apps/" + app.id() + "/devices?q=" + token, teamToken));
        assertThat(listed.get("items").get(0).get("status").asText()).isEqualTo("UNREGISTERED");
        assertThat(listed.get("items").get(0).get("invalidReason").asText()).isEqualTo("UnregisteredByApp");

        HttpResponse<String> back = http.putJson(path(token), key, "{\"environment\":\"production\"}");
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(json(back).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(json(back).get("invalidatedAt").isNull()).isTrue();
    }

    @Test
    void unregisteringAnUnknownTokenAnswers404() {
        assertThat(http.send("DELETE", path(DeviceFixtures.token()) + "?environment=sandbox", key, null, null)
                .statusCode()).isEqualTo(404);
    }

    @Test
    void aKeyRegistersOnlyForItsOwnApp() throws Exception {
        PushApp other = fixtures.app(team, "Other App");
        String token = DeviceFixtures.token();
        http.putJson(path(token), key, "{\"environment\":\"production\"}");

        String viewer = teams.token(team, Role.VIEWER);
        assertThat(json(http.get("/api/v1/apps/" + app.id() + "/devices?q=" + token, viewer)).get("items"))
                .hasSize(1);
        assertThat(json(http.get("/api/v1/apps/" + other.id() + "/devices?q=" + token, viewer)).get("items"))
                .isEmpty();
    }

    @Test
    void anAppKeyCannotListDevicesOrCallTeamEndpoints() {
        assertThat(http.get("/api/v1/apps/" + app.id() + "/devices", key).statusCode()).isEqualTo(403);
        assertThat(http.get("/api/v1/apps/" + app.id() + "/devices/export", key).statusCode()).isEqualTo(403);
        assertThat(http.postCsv("/api/v1/apps/" + app.id() + "/devices/import", key, "token\n").statusCode())
                .isEqualTo(403);
        assertThat(http.get("/api/v1/apps", key).statusCode()).isEqualTo(403);
    }

    @Test
    void aTeamTokenCannotRegisterDevices() {
        String admin = teams.token(team, Role.ADMIN);
        assertThat(http.putJson(path(DeviceFixtures.token()), admin, "{\"environment\":\"sandbox\"}").statusCode())
                .isEqualTo(403);
    }

    @Test
    void aKeyRevokedRightAfterItsLastRegistrationIsRefusedWith401AtOnce() {
        assertThat(http.putJson(path(DeviceFixtures.token()), key, "{\"environment\":\"sandbox\"}").statusCode())
                .isEqualTo(201);
        fixtures.revokeAll(team, app.id());
        assertThat(http.putJson(path(DeviceFixtures.token()), key, "{\"environment\":\"sandbox\"}").statusCode())
                .isEqualTo(401);
    }

    @Test
    void aKeyInTheQueryStringIsRefused() {
        HttpResponse<String> response = http.putJson(path(DeviceFixtures.token()) + "?key=" + key, null,
                "{\"environment\":\"sandbox\"}");
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void anAppsOwnKeyRateTakesEffectAtOnceAndAnswers429WithRetryAfter() {
        String admin = teams.token(team, Role.ADMIN);
        assertThat(http.putJson(limits(), admin, "{\"keyRate\":2,\"addressRate\":null}").statusCode())
                .isEqualTo(200);

        HttpResponse<String> limited = firstRefusal(key, 10);

        assertThat(limited).as("a 429 within 10 requests at 2/s").isNotNull();
        assertThat(limited.headers().firstValue("Retry-After")).get().satisfies(value ->
                assertThat(Long.parseLong(value)).isPositive());
        assertThat(http.putJson(limits(), admin, "{\"keyRate\":null,\"addressRate\":null}").statusCode())
                .isEqualTo(200);
        assertThat(firstRefusal(key, 10)).as("the node default (5,000/s) again").isNull();
    }

    @Test
    void anAppsOwnAddressRateHoldsEveryKeyOfTheAppFromOneAddressButNoOtherApp() {
        String admin = teams.token(team, Role.ADMIN);
        String secondKey = fixtures.key(team, app.id());
        PushApp other = fixtures.app(team, "Other Reg App");
        String otherKey = fixtures.key(team, other.id());
        assertThat(http.putJson(limits(), admin, "{\"addressRate\":3}").statusCode()).isEqualTo(200);

        HttpResponse<String> limited = null;
        for (int i = 0; i < 10 && limited == null; i++) {
            limited = firstRefusal(i % 2 == 0 ? key : secondKey, 1);
        }

        assertThat(limited).as("a 429 within 10 requests at 3/s from 127.0.0.1").isNotNull();
        assertThat(firstRefusal(otherKey, 10)).as("another app keeps its own allowance").isNull();
    }

    @Test
    void aRateOutsideOneToAMillionIsRefusedNamingTheFieldAndNothingChanges() {
        String admin = teams.token(team, Role.ADMIN);

        HttpResponse<String> refused = http.putJson(limits(), admin, "{\"keyRate\":0,\"addressRate\":2000000}");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("\"field\":\"keyRate\"").contains("\"field\":\"addressRate\"");
        assertThat(http.get("/api/v1/apps/" + app.id(), admin).body())
                .contains("\"registrationLimits\":{\"keyRate\":null,\"addressRate\":null}");
        assertThat(http.putJson(limits(), teams.token(team, Role.EDITOR), "{\"keyRate\":5}").statusCode())
                .isEqualTo(403);
    }

    private String limits() {
        return "/api/v1/apps/" + app.id() + "/registration-limits";
    }

    /** Registers fresh tokens with {@code appKey} until one answers 429, at most {@code attempts} times. */
    private HttpResponse<String> firstRefusal(String appKey, int attempts) {
        for (int i = 0; i < attempts; i++) {
            HttpResponse<String> response = http.putJson(path(DeviceFixtures.token()), appKey,
                    "{\"environment\":\"sandbox\"}");
            if (response.statusCode() == 429) {
                return response;
            }
            assertThat(response.statusCode()).isEqualTo(201);
        }
        return null;
    }
}
