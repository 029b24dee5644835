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

    private JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    private String device(String id) {
        return "/api/v1/devices/" + id;
    }

    @Test
    void anEditorAddsReadsChangesAndRemovesOneDevice() throws Exception {
        String token = DeviceFixtures.token();
        JsonNode added = json(http.send("POST", devices(), editor, "application/json", """
                {"token": "<%s %s>", "environment": "sandbox", "tags": ["vip", " beta ", "vip"], "alias": "alice",
                 "locale": "de_CH", "timezone": "Europe/Zurich", "testDevice": true}"""
                .formatted(token.substring(0, 8), token.substring(8))), 201);
        String id = added.get("id").asText();
        assertThat(added.get("token").asText()).isEqualTo(token);
        assertThat(added.get("tags")).extracting(JsonNode::asText).containsExactly("beta", "vip");
        assertThat(added.get("locale").asText()).isEqualTo("de-CH");
        assertThat(added.get("testDevice").asBoolean()).isTrue();

        JsonNode read = json(http.get(device(id), teams.token(team, Role.VIEWER)), 200);
        assertThat(read.get("alias").asText()).isEqualTo("alice");

        JsonNode changed = json(http.send("PATCH", device(id), editor, "application/json",
                "{\"alias\": \"\", \"timezone\": \"Asia/Shanghai\", \"testDevice\": false}"), 200);
        assertThat(changed.get("alias").isNull()).isTrue();
        assertThat(changed.get("timezone").asText()).isEqualTo("Asia/Shanghai");
        assertThat(changed.get("testDevice").asBoolean()).isFalse();
        assertThat(changed.get("tags")).extracting(JsonNode::asText).containsExactly("beta", "vip");
        assertThat(changed.get("locale").asText()).isEqualTo("de-CH");

        json(http.send("DELETE", device(id), editor, null, null), 204);
        json(http.get(device(id), editor), 404);
    }

    @Test
    void aBadChangeNamesEveryFieldAndStoresNothing() throws Exception {
        JsonNode added = json(http.send("POST", devices(), editor, "application/json",
                "{\"token\": \"" + DeviceFixtures.token() + "\", \"environment\": \"production\"}"), 201);
        String id = added.get("id").asText();

        JsonNode problem = json(http.send("PATCH", device(id), editor, "application/json",
                "{\"alias\": \"bob\", \"locale\": \"!!\", \"timezone\": \"Mars/Base\"}"), 422);

        assertThat(problem.get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("locale", "timezone");
        assertThat(json(http.get(device(id), editor), 200).get("alias").isNull()).isTrue();
        JsonNode twin = json(http.send("POST", devices(), editor, "application/json",
                "{\"token\": \"" + added.get("token").asText() + "\", \"environment\": \"production\"}"), 409);
        assertThat(twin.get("status").asInt()).isEqualTo(409);
        json(http.send("POST", devices(), editor, "application/json",
                "{\"token\": \"abc\", \"environment\": \"production\"}"), 422);
    }

    @Test
    void aViewerReadsButCannotChangeAndAnotherTeamSeesNothing() throws Exception {
        String id = json(http.send("POST", devices(), editor, "application/json",
                "{\"token\": \"" + DeviceFixtures.token() + "\", \"environment\": \"production\"}"), 201)
                .get("id").asText();
        String viewer = teams.token(team, Role.VIEWER);
        json(http.send("PATCH", device(id), viewer, "application/json", "{\"alias\": \"x\"}"), 403);
        json(http.send("DELETE", device(id), viewer, null, null), 403);
        json(http.send("POST", devices(), viewer, "application/json",
                "{\"token\": \"" + DeviceFixtures.token() + "\", \"environment\": \"production\"}"), 403);

        String stranger = teams.token(teams.create("devices-stranger"), Role.ADMIN);
        json(http.get(device(id), stranger), 404);
        json(http.send("PATCH", device(id), stranger, "application/json", "{\"alias\": \"x\"}"), 404);
        json(http.send("DELETE", device(id), stranger, null, null), 404);
        json(http.send("POST", devices() + "/tags", stranger, "application/json", "{\"add\": [\"x\"]}"), 404);
        assertThat(json(http.get(device(id), editor), 200).get("alias").isNull()).isTrue();
    }

    @Test
    void tagsChangeInBulkForEveryDeviceMatchingTheFilter() throws Exception {
        http.postCsv(devices() + "/import", editor, """
                token,environment,tags
                %s,production,vip;espresso
                %s,sandbox,vip
                %s,production,latte
                """.formatted(DeviceFixtures.token(), DeviceFixtures.token(), DeviceFixtures.token()));

        JsonNode result = json(http.send("POST", devices() + "/tags", editor, "application/json",
                "{\"filter\": {\"tag\": \"vip\"}, \"add\": [\"gold\"], \"remove\": [\"vip\"]}"), 200);

        assertThat(result.get("changed").asLong()).isEqualTo(2);
        assertThat(items("?tag=gold", editor)).extracting(n -> n.get("tags").toString())
                .containsExactlyInAnyOrder("[\"espresso\",\"gold\"]", "[\"gold\"]");
        assertThat(items("?tag=vip", editor)).isEmpty();
        assertThat(items("?tag=latte", editor).get(0).get("tags")).extracting(JsonNode::asText)
                .containsExactly("latte");
        JsonNode again = json(http.send("POST", devices() + "/tags", editor, "application/json",
                "{\"filter\": {\"tag\": \"gold\"}, \"add\": [\"gold\"]}"), 200);
        assertThat(again.get("changed").asLong()).isZero();
        json(http.send("POST", devices() + "/tags", editor, "application/json", "{\"add\": []}"), 422);
        json(http.send("POST", devices() + "/tags", editor, "application/json", "{\"add\": [\"a;b\"]}"), 422);
    }

    @Test
    void aCursorWalksTheWholeListAndTheLinkHeaderPointsToTheNextPage() throws Exception {
        StringBuilder csv = new StringBuilder("token,environment\n");
        java.util.List<String> tokens = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String token = DeviceFixtures.token();
            tokens.add(token);
            csv.append(token).append(i % 2 == 0 ? ",production\n" : ",sandbox\n");
        }
        http.postCsv(devices() + "/import", editor, csv.toString());

        java.util.List<String> walked = new java.util.ArrayList<>();
        String path = devices() + "?size=2";
        int pages = 0;
        while (path != null) {
            HttpResponse<String> response = http.get(path, editor);
            JsonNode page = json(response, 200);
            page.get("items").forEach(item -> walked.add(item.get("token").asText()));
            pages++;
            if (page.hasNonNull("next")) {
                String link = response.headers().firstValue("Link").orElseThrow();
                assertThat(link).contains("after=" + page.get("next").asText()).endsWith("; rel=\"next\"")
                        .contains("size=2");
                path = devices() + "?size=2&after=" + page.get("next").asText();
            } else {
                assertThat(response.headers().firstValue("Link")).isEmpty();
                path = null;
            }
        }

        assertThat(walked).containsExactlyElementsOf(tokens.stream().sorted().toList());
        assertThat(pages).isEqualTo(3);
        assertThat(json(http.get(devices() + "?after=not-a-cursor", editor), 422).get("errors").get(0)
                .get("field").asText()).isEqualTo("after");
    }

    @Test
    void theListSortsLikeTheGridAndACursorOnlyWalksTokenOrder() throws Exception {
        http.postCsv(devices() + "/import", editor, """
                token,environment,alias
                %s,production,carol
                %s,production,alice
                %s,production,bob
                """.formatted(DeviceFixtures.token(), DeviceFixtures.token(), DeviceFixtures.token()));

        assertThat(items("?sort=alias", editor)).extracting(n -> n.get("alias").asText())
                .containsExactly("alice", "bob", "carol");
        assertThat(items("?sort=alias&desc=true", editor)).extracting(n -> n.get("alias").asText())
                .containsExactly("carol", "bob", "alice");
        json(http.get(devices() + "?sort=colour", editor), 422);
        String next = json(http.get(devices() + "?size=1", editor), 200).get("next").asText();
        JsonNode refused = json(http.get(devices() + "?sort=alias&after=" + next, editor), 422);
        assertThat(refused.get("errors").get(0).get("field").asText()).isEqualTo("after");
    }
}
