package dev.pushdeck.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.security.Role;
import java.net.http.HttpResponse;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What apps report with a registration: their version and custom properties (decision 051). */
@PushdeckTest
class DeviceAttributesApiTest {

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
    String token;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        team = teams.create("attributes");
        app = fixtures.app(team, "Attr App");
        key = fixtures.key(team, app.id());
        token = DeviceFixtures.token();
    }

    private HttpResponse<String> register(String body) {
        return register(key, body);
    }

    private HttpResponse<String> register(String appKey, String body) {
        return http.putJson("/api/v1/device-registrations/" + token, appKey, body);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    /** The device as the team's API reads it. */
    private JsonNode stored() throws Exception {
        JsonNode page = json(http.get("/api/v1/apps/" + app.id() + "/devices?q=" + token,
                teams.token(team, Role.VIEWER)));
        assertThat(page.get("items")).hasSize(1);
        return page.get("items").get(0);
    }

    @Test
    void aRegistrationStoresTheAppVersionAndItsProperties() throws Exception {
        HttpResponse<String> created = register("""
                {"environment":"production","appVersion":" 2.10.1 ",
                 "properties":{"plan":"gold","seats":12,"score":4.5,"beta":true}}""");

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode device = stored();
        assertThat(device.get("appVersion").asText()).isEqualTo("2.10.1");
        assertThat(device.get("properties").get("plan").asText()).isEqualTo("gold");
        assertThat(device.get("properties").get("seats").isNumber()).isTrue();
        assertThat(device.get("properties").get("seats").asInt()).isEqualTo(12);
        assertThat(device.get("properties").get("score").asDouble()).isEqualTo(4.5);
        assertThat(device.get("properties").get("beta").asBoolean()).isTrue();
        assertThat(device.get("lastRegisteredAt").asText()).isNotBlank();
        assertThat(json(created).get("properties").get("plan").asText()).as("the answer is the device as stored")
                .isEqualTo("gold");
    }

    @Test
    void propertiesMergeKeyByKeyAndANullValueRemovesOne() throws Exception {
        register("""
                {"environment":"production","appVersion":"1.9","properties":{"plan":"gold","seats":3,"beta":true}}""");
        HttpResponse<String> updated = register("""
                {"environment":"production","appVersion":"1.10","properties":{"plan":"silver","beta":null}}""");

        assertThat(updated.statusCode()).isEqualTo(200);
        JsonNode device = stored();
        assertThat(device.get("appVersion").asText()).isEqualTo("1.10");
        assertThat(device.get("properties").get("plan").asText()).isEqualTo("silver");
        assertThat(device.get("properties").get("seats").asInt()).isEqualTo(3);
        assertThat(device.get("properties").has("beta")).isFalse();
    }

    @Test
    void aRegistrationWithoutThemLeavesVersionAndPropertiesAsTheyAre() throws Exception {
        register("{\"environment\":\"production\",\"appVersion\":\"3.1\",\"properties\":{\"plan\":\"gold\"}}");
        String before = stored().get("lastRegisteredAt").asText();
        Thread.sleep(5);

        assertThat(register("{\"environment\":\"production\",\"tags\":[\"vip\"]}").statusCode()).isEqualTo(200);
        JsonNode device = stored();
        assertThat(device.get("appVersion").asText()).isEqualTo("3.1");
        assertThat(device.get("properties").get("plan").asText()).isEqualTo("gold");
        assertThat(device.get("lastRegisteredAt").asText()).as("last seen moves with every registration")
                .isGreaterThan(before);
    }

    @Test
    void anEmptyVersionClearsItAndRemovingTheLastPropertyLeavesNone() throws Exception {
        register("{\"environment\":\"production\",\"appVersion\":\"3.1\",\"properties\":{\"plan\":\"gold\"}}");

        register("{\"environment\":\"production\",\"appVersion\":\"\",\"properties\":{\"plan\":null}}");
        JsonNode device = stored();
        assertThat(device.get("appVersion").isNull()).isTrue();
        assertThat(device.get("properties")).isEmpty();
    }

    @Test
    void aMalformedVersionIsRefusedWithItsOwnReasonAndNothingIsStored() throws Exception {
        HttpResponse<String> refused = register("{\"environment\":\"production\",\"appVersion\":\"2.0-beta\","
                + "\"tags\":[\"vip\"]}");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(json(refused).get("errors").get(0).get("field").asText()).isEqualTo("appVersion");
        assertThat(json(refused).get("detail").asText()).contains("2.10.1");
        assertThat(json(http.get("/api/v1/apps/" + app.id() + "/devices?q=" + token,
                teams.token(team, Role.VIEWER))).get("items")).as("nothing half-stored").isEmpty();
    }

    @Test
    void eachKindOfBadPropertyIsRefusedNamingItsField() throws Exception {
        HttpResponse<String> refused = register("""
                {"environment":"production","properties":{"9lives":"x","nested":{"a":1},"list":[1],
                 "long":"%s","fine":"ok"}}""".formatted("x".repeat(257)));

        assertThat(refused.statusCode()).isEqualTo(422);
        JsonNode errors = json(refused).get("errors");
        assertThat(errors.findValuesAsText("field")).containsExactlyInAnyOrder("properties", "properties.nested",
                "properties.list", "properties.long");
        assertThat(errors.findValuesAsText("message")).anySatisfy(message -> assertThat(message).contains("9lives"))
                .anySatisfy(message -> assertThat(message).contains("lists and objects"))
                .anySatisfy(message -> assertThat(message).contains("256"));
    }

    @Test
    void moreThanFiftyPropertiesInOneRegistrationAreRefused() throws Exception {
        HttpResponse<String> refused = register("{\"environment\":\"production\",\"properties\":{"
                + properties(0, 51) + "}}");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(json(refused).get("errors").get(0).get("field").asText()).isEqualTo("properties");
        assertThat(json(refused).get("detail").asText()).contains("50");
    }

    @Test
    void aDeviceKeepsAtMostFiftyPropertiesAcrossRegistrations() throws Exception {
        assertThat(register("{\"environment\":\"production\",\"properties\":{" + properties(0, 30) + "}}")
                .statusCode()).isEqualTo(201);

        HttpResponse<String> refused = register("{\"environment\":\"production\",\"appVersion\":\"9\","
                + "\"properties\":{" + properties(30, 21) + "}}");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(json(refused).get("errors").get(0).get("field").asText()).isEqualTo("properties");
        assertThat(json(refused).get("errors").get(0).get("message").asText()).contains("null");
        JsonNode device = stored();
        assertThat(device.get("properties")).as("the refused registration changed nothing").hasSize(30);
        assertThat(device.get("appVersion").isNull()).isTrue();

        assertThat(register("{\"environment\":\"production\",\"properties\":{" + properties(30, 20) + "}}")
                .statusCode()).as("fifty in all is fine").isEqualTo(200);
        assertThat(stored().get("properties")).hasSize(50);
    }

    @Test
    void anotherTeamsAppKeyCannotTouchTheDevice() throws Exception {
        register("{\"environment\":\"production\",\"appVersion\":\"1.0\",\"properties\":{\"plan\":\"gold\"}}");
        TestTeams.Fixture other = teams.create("attributes-other");
        PushApp otherApp = fixtures.app(other, "Other Attr App");
        String otherKey = fixtures.key(other, otherApp.id());

        HttpResponse<String> elsewhere = register(otherKey, """
                {"environment":"production","appVersion":"0.1","properties":{"plan":null,"owner":"mallory"}}""");

        assertThat(elsewhere.statusCode()).as("the same token is another device of the other team's app")
                .isEqualTo(201);
        JsonNode device = stored();
        assertThat(device.get("appVersion").asText()).isEqualTo("1.0");
        assertThat(device.get("properties").get("plan").asText()).isEqualTo("gold");
        assertThat(device.get("properties").has("owner")).isFalse();
    }

    private static String properties(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> "\"p" + i + "\":" + i)
                .collect(Collectors.joining(","));
    }
}
