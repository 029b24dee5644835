package dev.pushdeck.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushdeck.ApiClient;
import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.audit.AuditEntry;
import dev.pushdeck.audit.AuditFilter;
import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An app's frequency cap over the REST API: read, set by admins only, refused with reasons, other teams' 404. */
@PushdeckTest
class FrequencyCapApiTest {

    @Autowired
    TestTeams teams;
    @Autowired
    AppService apps;
    @Autowired
    AuditLog audit;
    @LocalServerPort
    int port;

    ApiClient api;
    TestTeams.Fixture team;
    PushApp app;
    String path;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        team = teams.create("caps-api");
        app = TestSecurity.as(team.as(Role.ADMIN), () -> apps.create("Caps", "com.example.caps"));
        path = "/api/v1/apps/" + app.id() + "/frequency-cap";
    }

    @Test
    void anAdminSetsTheCapWhichTheAppAndItsSubResourceShow() {
        String admin = teams.token(team, Role.ADMIN);

        ApiClient.Answer set = put(path, admin, "{\"perDay\": 3, \"perWeek\": 10}");

        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("perDay").asInt()).isEqualTo(3);
        assertThat(set.json().get("perWeek").asInt()).isEqualTo(10);
        String viewer = teams.token(team, Role.VIEWER);
        assertThat(api.get(path, viewer).json().get("perWeek").asInt()).isEqualTo(10);
        JsonNode detail = api.get("/api/v1/apps/" + app.id(), viewer).json().get("frequencyCap");
        assertThat(detail.get("perDay").asInt()).isEqualTo(3);

        ApiClient.Answer removed = put(path, admin, "{\"perDay\": null, \"perWeek\": 10}");
        assertThat(removed.json().get("perDay").isNull()).isTrue();
        assertThat(TestSecurity.as(team.as(Role.VIEWER), () -> apps.get(app.id()).capPerDay())).isNull();
        assertThat(TestSecurity.as(team.as(Role.ADMIN), () -> audit.search(
                new AuditFilter("app.frequency-cap-changed", null, null, null), 0, 10)))
                .extracting(AuditEntry::details)
                .containsExactly("day 3 → none, week 10 → 10", "day none → 3, week none → 10");
    }

    @Test
    void anAppWithoutACapAnswersNullFields() {
        ApiClient.Answer read = api.get(path, teams.token(team, Role.VIEWER));

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("perDay").isNull()).isTrue();
        assertThat(read.json().get("perWeek").isNull()).isTrue();
    }

    @Test
    void badCapsAre422NamingEachFieldAndNothingIsStored() {
        String admin = teams.token(team, Role.ADMIN);

        ApiClient.Answer both = put(path, admin, "{\"perDay\": 0, \"perWeek\": 701}");
        assertThat(both.status()).isEqualTo(422);
        assertThat(both.json().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("perDay", "perWeek");

        ApiClient.Answer below = put(path, admin, "{\"perDay\": 5, \"perWeek\": 4}");
        assertThat(below.status()).isEqualTo(422);
        assertThat(below.json().get("errors").get(0).get("field").asText()).isEqualTo("perWeek");
        assertThat(below.json().get("errors").get(0).get("message").asText()).contains("5");

        assertThat(put(path, admin, "{\"perDay\": 101}").status()).isEqualTo(422);
        assertThat(TestSecurity.as(team.as(Role.VIEWER), () -> apps.get(app.id()).frequencyCap())).isNull();
    }

    @Test
    void anEditorCannotSetTheCap() {
        ApiClient.Answer answer = put(path, teams.token(team, Role.EDITOR), "{\"perDay\": 3}");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(TestSecurity.as(team.as(Role.VIEWER), () -> apps.get(app.id()).frequencyCap())).isNull();
    }

    @Test
    void anotherTeamsAppIs404ForReadingAndSetting() {
        TestTeams.Fixture stranger = teams.create("caps-api-stranger");
        String strangerAdmin = teams.token(stranger, Role.ADMIN);

        assertThat(api.get(path, strangerAdmin).status()).isEqualTo(404);
        assertThat(put(path, strangerAdmin, "{\"perDay\": 1}").status()).isEqualTo(404);
        assertThat(TestSecurity.as(team.as(Role.VIEWER), () -> apps.get(app.id()).frequencyCap())).isNull();
    }

    private ApiClient.Answer put(String target, String bearer, String body) {
        return api.send(api.request(target, bearer).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }
}
