package dev.pushdeck.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushdeck.ApiClient;
import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.ContentVariant;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.dispatch.DispatcherTest;
import dev.pushdeck.dispatch.LiveSending;
import dev.pushdeck.dispatch.RunStatus;
import dev.pushdeck.dispatch.SplitTests;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The delivery log's entries name the version and language each delivery got, over the REST API
 * and in the CSV exports, for an A/B test in two languages sent through the dispatcher to a mock
 * APNs (docs/decisions/060-the-delivery-log-names-each-wording.md).
 */
@PushdeckTest
class DeliveryWordingApiTest {

    /** The title each wording of {@link AbTestSending#inTwoLanguages} carries, by version and language. */
    private static final Map<String, String> TITLES = Map.of("A", "Hello", "A fr", "Salut", "B", "Hello from B",
            "B fr", "Bonjour");

    @Autowired
    ApplicationContext context;
    @Autowired
    TestTeams teams;
    @Autowired
    DeviceService devices;
    @Autowired
    SplitTests splitTests;
    @LocalServerPort
    int port;

    final ObjectMapper json = new ObjectMapper();
    ApiClient api;
    AbTestSending sending;
    TestTeams.Fixture team;
    PushApp app;
    String viewer;

    @BeforeEach
    void setUp() throws Exception {
        api = new ApiClient(port);
        sending = new AbTestSending(context);
        team = teams.create("wording-api");
        app = sending.live.app(team, "WordingApi");
        viewer = teams.token(team, Role.VIEWER);
    }

    @AfterEach
    void tearDown() {
        sending.close();
    }

    @Test
    void eachDeliveryNamesTheVersionAndLanguageApnsGotInTheApiAndTheCsvBeforeAndAfterTheRestGetsTheWinner()
            throws Exception {
        Set<String> french = sending.frenchAndOthers(team, app, 10, 10);
        Campaign campaign = sending.send(team, app, AbTestSending.inTwoLanguages("Worded", 40), 8);
        String list = "/api/v1/campaigns/" + campaign.id() + "/deliveries?size=100";

        List<JsonNode> held = items(list);

        assertThat(held).hasSize(20);
        List<String> versions = new ArrayList<>();
        for (JsonNode row : held) {
            String token = row.get("token").asText();
            assertThat(text(row, "language")).as(token).isEqualTo(french.contains(token) ? "fr" : null);
            if (row.get("status").asText().equals("ACCEPTED")) {
                versions.add(text(row, "version"));
                assertThat(text(row, "abTestGroup")).isEqualTo("test");
                assertThat(titleSentTo(token)).isEqualTo(titleOf(row));
            } else {
                assertThat(row.get("status").asText()).isEqualTo("PENDING");
                assertThat(text(row, "abTestGroup")).isEqualTo("rest");
                assertThat(text(row, "version")).as("undecided").isNull();
            }
        }
        assertThat(versions).containsExactlyInAnyOrder("A", "A", "A", "A", "B", "B", "B", "B");
        assertThat(csv("/api/v1/campaigns/" + campaign.id() + "/deliveries/export")).isEqualTo(wordings(held));

        String editor = teams.token(team, Role.EDITOR);
        assertThat(api.post("/api/v1/campaigns/" + campaign.id() + "/ab-test/winner", editor, "{\"version\": \"B\"}")
                .status()).isEqualTo(200);
        splitTests.releaseDecided();
        sending.live.awaitProgress(team, campaign.id(), p -> p.status() == RunStatus.COMPLETED);
        List<JsonNode> released = items(list);

        for (JsonNode row : released) {
            String token = row.get("token").asText();
            assertThat(row.get("status").asText()).isEqualTo("ACCEPTED");
            assertThat(titleSentTo(token)).as(token).isEqualTo(titleOf(row));
        }
        assertThat(released.stream().filter(row -> "rest".equals(text(row, "abTestGroup"))).map(row ->
                text(row, "version"))).hasSize(12).containsOnly("B");
        assertThat(wordings(released)).containsAllEntriesOf(testedOnly(wordings(held)));
        assertThat(csv("/api/v1/campaigns/" + campaign.id() + "/deliveries/export")).isEqualTo(wordings(released));
        assertThat(csv("/api/v1/apps/" + app.id() + "/deliveries/export")).isEqualTo(wordings(released));
        assertThat(wordings(items("/api/v1/apps/" + app.id() + "/deliveries?size=100"))).isEqualTo(wordings(released));
    }

    @Test
    void aDevicesDeliveriesNameTheLanguageOfACampaignInSeveralLanguagesWithoutATest() {
        Device device = TestSecurity.as(team.as(Role.EDITOR), () -> devices.add(app.id(), "production",
                DispatcherTest.token(), new DeviceFields(List.of(), null, "fr-CA", null)));
        Campaign campaign = sending.send(team, app, LiveSending.draft("Languages only").withVariants(List.of(
                new ContentVariant("fr", "Salut", null, "de A"))), 1);
        sending.live.awaitProgress(team, campaign.id(), p -> p.status().isFinal());

        JsonNode row = items("/api/v1/devices/" + device.id() + "/deliveries").get(0);

        assertThat(text(row, "language")).isEqualTo("fr");
        assertThat(row.get("version").isNull()).as("no A/B test").isTrue();
        assertThat(row.get("abTestGroup").isNull()).isTrue();
    }

    @Test
    void aCampaignWithoutVariantsHasNullVersionAndLanguageAndEmptyCsvColumns() {
        sending.live.devices(team, app, 2);
        Campaign plain = sending.live.send(team, app, "Plain");
        sending.live.awaitProgress(team, plain.id(), p -> p.status().isFinal());

        List<JsonNode> rows = items("/api/v1/campaigns/" + plain.id() + "/deliveries");
        String[] lines = api.get("/api/v1/campaigns/" + plain.id() + "/deliveries/export", viewer).body()
                .split("\r\n");

        assertThat(rows).hasSize(2).allSatisfy(row -> {
            assertThat(row.has("version")).isTrue();
            assertThat(row.get("version").isNull()).isTrue();
            assertThat(row.get("language").isNull()).isTrue();
            assertThat(row.get("abTestGroup").isNull()).isTrue();
        });
        assertThat(lines[0]).endsWith(",apnsUniqueId,version,language,abTestGroup");
        assertThat(Arrays.copyOfRange(lines, 1, lines.length)).hasSize(2).allSatisfy(line ->
                assertThat(line).endsWith(",,,"));
    }

    private List<JsonNode> items(String path) {
        ApiClient.Answer answer = api.get(path, viewer);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return StreamSupport.stream(answer.json().get("items").spliterator(), false).toList();
    }

    /** Each row's token with its version, language and A/B test group, as the CSV writes them. */
    private static Map<String, List<String>> wordings(List<JsonNode> rows) {
        Map<String, List<String>> byToken = new HashMap<>();
        for (JsonNode row : rows) {
            byToken.put(row.get("token").asText(), List.of(orEmpty(text(row, "version")),
                    orEmpty(text(row, "language")), orEmpty(text(row, "abTestGroup"))));
        }
        return byToken;
    }

    private static Map<String, List<String>> testedOnly(Map<String, List<String>> wordings) {
        return wordings.entrySet().stream().filter(entry -> entry.getValue().get(2).equals("test"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The export's last three columns by token, after checking that they are the wording's. */
    private Map<String, List<String>> csv(String path) {
        ApiClient.Answer answer = api.get(path, viewer);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        String[] lines = answer.body().split("\r\n");
        assertThat(lines[0]).startsWith("token,").endsWith(",version,language,abTestGroup");
        Map<String, List<String>> byToken = new HashMap<>();
        for (String line : Arrays.copyOfRange(lines, 1, lines.length)) {
            String[] cells = line.split(",", -1);
            byToken.put(cells[0], List.of(cells[cells.length - 3], cells[cells.length - 2], cells[cells.length - 1]));
        }
        return byToken;
    }

    /** The alert title the mock APNs last got for the token. */
    private String titleSentTo(String token) throws Exception {
        return json.readTree(sending.live.lastPayload(token)).path("aps").path("alert").path("title").asText();
    }

    /** The title of the wording the row names. */
    private static String titleOf(JsonNode row) {
        String language = text(row, "language");
        return TITLES.get(text(row, "version") + (language == null ? "" : " " + language));
    }

    private static String text(JsonNode row, String field) {
        JsonNode value = row.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
