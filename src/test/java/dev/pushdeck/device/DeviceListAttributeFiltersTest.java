package dev.pushdeck.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.device.AttributeFilter.Attribute;
import dev.pushdeck.device.AttributeFilter.Operator;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import dev.pushdeck.shared.error.ValidationException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The device list, its paging and bulk tag changes, filtered by what apps report (decision 051). */
@PushdeckTest
class DeviceListAttributeFiltersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestTeams teams;
    @Autowired
    DeviceFixtures fixtures;
    @Autowired
    DeviceService devices;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    Http http;
    TestTeams.Fixture team;
    PushApp app;
    String viewer;
    // Tokens sort as a < b < c < d, so token order is predictable.
    String a = "a".repeat(64);
    String b = "b".repeat(64);
    String c = "c".repeat(64);
    String d = "d".repeat(64);

    @BeforeEach
    void setUp() {
        http = new Http(port);
        team = teams.create("list-attributes");
        app = fixtures.app(team, "List Attr App");
        viewer = teams.token(team, Role.VIEWER);
        String key = fixtures.key(team, app.id());
        register(key, a, "\"appVersion\":\"1.9\",\"properties\":{\"plan\":\"gold\",\"seats\":5}");
        register(key, b, "\"appVersion\":\"2.1\",\"properties\":{\"plan\":\"silver\"}");
        register(key, c, "\"appVersion\":\"2.10\",\"properties\":{\"plan\":\"gold\",\"seats\":\"5\"}");
        register(key, d, "\"tags\":[\"old\"]");
        seen(b, Duration.ofDays(10));
        seen(d, Duration.ofDays(40));
    }

    private void register(String key, String token, String fields) {
        HttpResponse<String> response = http.putJson("/api/v1/device-registrations/" + token, key,
                "{\"environment\":\"production\"," + fields + "}");
        assertThat(response.statusCode()).isEqualTo(201);
    }

    /** Last seen this long ago: a registration always says "now". */
    private void seen(String token, Duration ago) {
        jdbc.sql("update devices set last_registered_at = :at where app_id = :app and token = :token")
                .param("at", Timestamp.from(Instant.now().minus(ago))).param("app", app.id()).param("token", token)
                .update();
    }

    private String devices(String query) {
        return "/api/v1/apps/" + app.id() + "/devices?" + query;
    }

    private JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private List<String> tokens(String name, String value) throws Exception {
        JsonNode page = json(http.get(devices(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)),
                viewer), 200);
        return StreamSupport.stream(page.get("items").spliterator(), false).map(item -> item.get("token").asText())
                .toList();
    }

    @Test
    void theVersionFiltersByEqualsBeforeAfterAndInInVersionOrder() throws Exception {
        assertThat(tokens("version", "2.1")).containsExactly(b);
        assertThat(tokens("version", "2.1.0")).as("the same release").containsExactly(b);
        assertThat(tokens("version", "before:2.1")).containsExactly(a);
        assertThat(tokens("version", "after:2.1")).as("2.10 comes after 2.1").containsExactly(c);
        assertThat(tokens("version", "in:1.9,2.10")).containsExactly(a, c);
    }

    @Test
    void lastSeenFiltersByDaysAndByInstant() throws Exception {
        assertThat(tokens("lastSeen", "within:7")).containsExactly(a, c);
        assertThat(tokens("lastSeen", "within:30")).containsExactly(a, b, c);
        String twentyDaysAgo = Instant.now().minus(Duration.ofDays(20)).toString();
        assertThat(tokens("lastSeen", "before:" + twentyDaysAgo)).containsExactly(d);
        assertThat(tokens("lastSeen", "after:" + twentyDaysAgo)).containsExactly(a, b, c);
    }

    @Test
    void aPropertyMatchesItsValueOfTheSameKindAndFiltersCombine() throws Exception {
        assertThat(tokens("property", "plan:gold")).containsExactly(a, c);
        assertThat(tokens("property", "seats:5")).as("the number 5").containsExactly(a);
        assertThat(tokens("property", "seats:\"5\"")).as("the text 5").containsExactly(c);
        JsonNode both = json(http.get(devices("property=plan:gold&version=after:2.0&lastSeen=within:1"), viewer),
                200);
        assertThat(both.get("items")).hasSize(1);
        assertThat(both.get("items").get(0).get("token").asText()).isEqualTo(c);
    }

    @Test
    void theCursorWalksOnlyTheMatchingDevices() throws Exception {
        List<String> walked = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = json(http.get(devices("size=1&property=plan:gold"
                    + (after == null ? "" : "&after=" + after)), viewer), 200);
            page.get("items").forEach(item -> walked.add(item.get("token").asText()));
            after = page.hasNonNull("next") ? page.get("next").asText() : null;
        } while (after != null);
        assertThat(walked).containsExactly(a, c);
    }

    @Test
    void eachUnreadableFilterIsNamedByItsParameter() throws Exception {
        JsonNode problem = json(http.get(devices("version=2.0-beta&lastSeen=yesterday&property=plan"), viewer), 422);
        assertThat(problem.get("errors").findValuesAsText("field")).containsExactly("version", "lastSeen", "property");
        assertThat(json(http.get(devices("lastSeen=within:0"), viewer), 422).get("errors").get(0).get("field")
                .asText()).isEqualTo("lastSeen");
        assertThat(json(http.get(devices("property=9lives:x"), viewer), 422).get("errors").get(0).get("field")
                .asText()).isEqualTo("property");
    }

    @Test
    void anotherTeamsAppAnswers404WithFiltersToo() {
        String stranger = teams.token(teams.create("list-attributes-other"), Role.ADMIN);
        assertThat(http.get(devices("version=2.1"), stranger).statusCode()).isEqualTo(404);
        assertThat(http.send("POST", "/api/v1/apps/" + app.id() + "/devices/tags", stranger, "application/json",
                "{\"filter\":{\"version\":\"2.1\"},\"add\":[\"x\"]}").statusCode()).isEqualTo(404);
    }

    @Test
    void aBulkTagChangeReachesOnlyTheDevicesTheAttributesMatch() throws Exception {
        String editor = teams.token(team, Role.EDITOR);
        String tags = "/api/v1/apps/" + app.id() + "/devices/tags";
        JsonNode refused = json(http.send("POST", tags, editor, "application/json",
                "{\"filter\":{\"version\":\"after:two\"},\"add\":[\"new\"]}"), 422);
        assertThat(refused.get("errors").get(0).get("field").asText()).isEqualTo("filter.version");

        JsonNode changed = json(http.send("POST", tags, editor, "application/json",
                "{\"filter\":{\"version\":\"after:2.0\",\"property\":[\"plan:gold\"]},\"add\":[\"new\"]}"), 200);

        assertThat(changed.get("changed").asLong()).isEqualTo(1);
        assertThat(tokens("tag", "new")).containsExactly(c);
    }

    @Test
    void theServiceNamesAnAttributeFilterItCannotApplyByItsPath() {
        DeviceFilter filter = DeviceFilter.ALL.withAttributes(List.of(
                AttributeFilter.of(Attribute.LAST_SEEN, null, Operator.WITHIN_DAYS, 7),
                AttributeFilter.of(Attribute.APP_VERSION, null, Operator.BEFORE, "v2")));

        assertThatThrownBy(() -> TestSecurity.as(team.as(Role.VIEWER), () -> devices.list(app.id(), filter, 0, 10)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(ValidationException.FieldError::field).containsExactly("filters[1].values[0]"));
        List<Device> recent = TestSecurity.as(team.as(Role.VIEWER), () -> devices.list(app.id(),
                DeviceFilter.ALL.withAttributes(List.of(filter.attributes().get(0))), 0, 10));
        assertThat(recent).extracting(Device::token).containsExactly(a, c);
    }
}
