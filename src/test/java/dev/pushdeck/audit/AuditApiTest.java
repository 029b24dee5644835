package dev.pushdeck.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushdeck.ApiClient;
import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.security.Role;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code /api/v1/audit}: the audit log page over HTTP, its filters, cursor and audited export. */
@PushdeckTest
class AuditApiTest {

    @Autowired
    TestTeams teams;
    @LocalServerPort
    int port;

    ApiClient api;
    TestTeams.Fixture team;
    String admin;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        team = teams.create("audit-api");
        admin = teams.token(team, Role.ADMIN);
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/api/v1/apps", admin, "{\"name\": \"Audited " + i + "\", \"bundleId\": "
                    + "\"com.example.audited" + i + "\"}").status()).isEqualTo(201);
        }
    }

    @Test
    void anAdminFiltersTheLogByActionAndTimeAndWalksItWithACursor() {
        ApiClient.Answer created = api.get("/api/v1/audit?action=app.created", admin);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().get("items")).extracting(e -> e.get("target").asText())
                .containsExactly("Audited 2", "Audited 1", "Audited 0");
        assertThat(api.get("/api/v1/audit/actions", admin).json()).extracting(JsonNode::asText)
                .contains("app.created", "invitation.accepted");
        assertThat(api.get("/api/v1/audit?action=app.created&to=2000-01-01T00:00:00Z", admin).json().get("items"))
                .isEmpty();

        List<String> walked = new ArrayList<>();
        String path = "/api/v1/audit?action=app.created&size=2";
        while (path != null) {
            ApiClient.Answer page = api.get(path, admin);
            page.json().get("items").forEach(e -> walked.add(e.get("target").asText()));
            path = page.json().hasNonNull("next") ? page.header("Link").replaceAll("^<http://[^/]+(.*)>.*$", "$1")
                    : null;
        }
        assertThat(walked).containsExactly("Audited 2", "Audited 1", "Audited 0");
        assertThat(api.get("/api/v1/audit?from=yesterday", admin).status()).isEqualTo(422);
    }

    @Test
    void theExportStreamsTheFilteredLogAsCsvAndIsItselfAudited() {
        ApiClient.Answer export = api.get("/api/v1/audit/export?action=app.created", admin);

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("text/csv");
        assertThat(export.header("Content-Disposition")).contains("attachment");
        assertThat(export.body().split("\r\n")).hasSize(4)
                .startsWith("occurredAt,actor,action,target,details,clientAddress");
        assertThat(export.body()).contains(",app.created,Audited 0,com.example.audited0,");
        JsonNode recorded = api.get("/api/v1/audit?action=audit.exported", admin).json().get("items");
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0).get("details").asText()).isEqualTo("3 row(s); action=app.created");
    }

    @Test
    void editorsCannotReadTheLogAndAnotherTeamSeesOnlyItsOwn() {
        String editor = teams.token(team, Role.EDITOR);
        assertThat(api.get("/api/v1/audit", editor).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/audit/export", editor).status()).isEqualTo(403);

        String stranger = teams.token(teams.create("audit-stranger"), Role.ADMIN);
        assertThat(api.get("/api/v1/audit?action=app.created", stranger).json().get("items")).isEmpty();
        assertThat(api.get("/api/v1/audit/export", stranger).body()).doesNotContain("Audited");
    }
}
