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
class DevicesApiTest {

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
    String editor;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        team = teams.create("devices-api");
        app = fixtures.app(team, "Api App");
        editor = teams.token(team, Role.EDITOR);
    }

    private String devices() {
        return "/api/v1/apps/" + app.id() + "/devices";
    }

    private JsonNode items(String query, String bearer) throws Exception {
        HttpResponse<String> response = http.get(devices() + query, bearer);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("items");
    }

    @Test
    void anEditorImportsOverTheApiAndAViewerListsWithFilters() throws Exception {
        String a = "aa" + DeviceFixtures.token().substring(2);
        String b = "bb" + DeviceFixtures.token().substring(2);
        String c = "cc" + DeviceFixtures.token().substring(2);
        HttpResponse<String> imported = http.postCsv(devices() + "/import", editor, """
                token,environment,tags,alias
                %s,production,vip,Alice
                %s,sandbox,vip;beta,bob
                %s,production,,carol
                nonsense,production,,
                """.formatted(a, b, c));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(imported.body());
        assertThat(report.get("imported").asLong()).isEqualTo(3);
        assertThat(report.get("rejected").asLong()).isEqualTo(1);
        assertThat(report.get("errors").get(0).get("line").asLong()).isEqualTo(5);

        String viewer = teams.token(team, Role.VIEWER);
        assertThat(items("", viewer)).extracting(n -> n.get("token").asText()).containsExactly(a, b, c);
        assertThat(items("?environment=sandbox", viewer)).extracting(n -> n.get("token").asText()).containsExactly(b);
        assertThat(items("?tag=vip", viewer)).extracting(n -> n.get("token").asText()).containsExactly(a, b);
        assertThat(items("?q=ALI", viewer)).extracting(n -> n.get("alias").asText()).containsExactly("Alice");
        assertThat(items("?q=" + c.substring(0, 10), viewer)).hasSize(1);
        assertThat(items("?status=ACTIVE&size=2", viewer)).hasSize(2);
        assertThat(items("?status=INVALID", viewer)).isEmpty();
        JsonNode first = items("?size=1", viewer).get(0);
        assertThat(first.has("lastRegisteredAt")).isTrue();
        assertThat(first.has("invalidatedAt")).isTrue();
        assertThat(first.has("timezone")).isTrue();
    }

    @Test
    void aBadFilterAnswers422AndAFileWithoutTokenColumnToo() {
        assertThat(http.get(devices() + "?status=GONE", editor).statusCode()).isEqualTo(422);
        HttpResponse<String> notCsv = http.postCsv(devices() + "/import", editor, "{\"json\": true}");
        assertThat(notCsv.statusCode()).isEqualTo(422);
        assertThat(notCsv.body()).contains("not a CSV text file");
        HttpResponse<String> noToken = http.postCsv(devices() + "/import", editor, "name,email\nx,y\n");
        assertThat(noToken.statusCode()).isEqualTo(422);
        assertThat(noToken.body()).contains("\\\"token\\\" column").contains("found: name,email");
    }

    @Test
    void aViewerCannotImport() {
        String viewer = teams.token(team, Role.VIEWER);
        assertThat(http.postCsv(devices() + "/import", viewer, "token\n" + DeviceFixtures.token()).statusCode())
                .isEqualTo(403);
    }

    @Test
    void theExportStreamsEveryColumnWithStatusAndDefusesFormulas() {
        String token = DeviceFixtures.token();
        http.postCsv(devices() + "/import", editor,
                "token,tags,alias\n" + token + ",\"=cmd;@x\",\"=HYPERLINK(\"\"http://evil\"\")\"\n");

        HttpResponse<String> export = http.get(devices() + "/export", teams.token(team, Role.VIEWER));

        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv");
        assertThat(export.headers().firstValue("Content-Disposition")).get().asString().contains("attachment");
        assertThat(export.body()).startsWith("token,environment,tags,alias,locale,timezone,status\r\n");
        assertThat(export.body()).contains(token + ",production,'=cmd;@x,\"'=HYPERLINK(\"\"http://evil\"\")\",,,ACTIVE");
    }

    @Test
    void anotherTeamsAppIdAnswers404Everywhere() {
        TestTeams.Fixture other = teams.create("devices-other");
        String stranger = teams.token(other, Role.ADMIN);

        assertThat(http.get(devices(), stranger).statusCode()).isEqualTo(404);
        assertThat(http.get(devices() + "/export", stranger).statusCode()).isEqualTo(404);
        assertThat(http.postCsv(devices() + "/import", stranger, "token\n" + DeviceFixtures.token()).statusCode())
                .isEqualTo(404);
    }
}
