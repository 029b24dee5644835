package dev.pushdeck.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushdeck.ApiClient;
import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.ContentVariant;
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.dispatch.DispatcherTest;
import dev.pushdeck.dispatch.RunStatus;
import dev.pushdeck.dispatch.SplitTests;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** A campaign's A/B test over the REST API: read side by side in its report, and a version picked for the rest. */
@PushdeckTest
class AbTestReportApiTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    TestTeams teams;
    @Autowired
    SplitTests splitTests;
    @Autowired
    DeviceService devices;
    @LocalServerPort
    int port;

    ApiClient api;
    AbTestSending sending;
    TestTeams.Fixture team;
    PushApp app;
    String editor;

    @BeforeEach
    void setUp() throws Exception {
        api = new ApiClient(port);
        sending = new AbTestSending(context);
        team = teams.create("ab-report-api");
        app = sending.live.app(team, "AbReportApi");
        editor = teams.token(team, Role.EDITOR);
    }

    @AfterEach
    void tearDown() {
        sending.close();
    }

    @Test
    void theReportCarriesEachVersionsCountsAndACalledVerdict() {
        Campaign campaign = sending.send(team, app, "Called", 80, 50);
        sending.open(team, app, campaign.id(), 0, 5);
        sending.open(team, app, campaign.id(), 1, 15);

        ApiClient.Answer report = api.get("/api/v1/campaigns/" + campaign.id(), teams.token(team, Role.VIEWER));

        assertThat(report.status()).as(report.body()).isEqualTo(200);
        JsonNode test = report.json().get("abTest");
        assertThat(test.get("testPercent").asInt()).isEqualTo(50);
        assertThat(test.get("decideAt").asText()).isNotBlank();
        assertThat(test.get("held").asLong()).isEqualTo(40);
        assertThat(test.get("leader").asText()).isEqualTo("B");
        assertThat(test.get("callable").asBoolean()).isTrue();
        assertThat(test.has("winner")).as("undecided").isFalse();
        assertThat(test.has("decidedBy")).isFalse();
        assertThat(test.get("versions")).hasSize(2);
        assertVersion(test.get("versions").get(0), "A", 20, 5, 0.25);
        assertVersion(test.get("versions").get(1), "B", 20, 15, 0.75);
        assertThat(test.get("rest").get("finished").asLong()).isZero();
    }

    @Test
    void aFewOpensAreTooSmallToCall() {
        Campaign campaign = sending.send(team, app, "Too small", 20, 50);
        sending.open(team, app, campaign.id(), 1, 2);

        JsonNode test = api.get("/api/v1/campaigns/" + campaign.id(), editor).json().get("abTest");

        assertThat(test.get("leader").asText()).isEqualTo("B");
        assertThat(test.get("callable").asBoolean()).isFalse();
    }

    @Test
    void aPickedVersionGoesToTheRestOnceAndTheReportSaysWhoPickedIt() {
        Campaign campaign = sending.send(team, app, "Picked", 10, 40);
        String path = "/api/v1/campaigns/" + campaign.id() + "/ab-test/winner";

        ApiClient.Answer picked = api.post(path, editor, "{\"version\": \"B\"}");

        assertThat(picked.status()).as(picked.body()).isEqualTo(200);
        assertThat(picked.json().get("id").asText()).isEqualTo(campaign.id().toString());
        assertThat(picked.json().get("status").asText()).isEqualTo("SENDING");
        assertThat(splitTests.find(team.teamId(), campaign.id()).orElseThrow().winner()).isEqualTo(1);
        ApiClient.Answer again = api.post(path, editor, "{\"version\": \"A\"}");
        assertThat(again.status()).as(again.body()).isEqualTo(409);

        splitTests.releaseDecided();
        sending.live.awaitProgress(team, campaign.id(), p -> p.status() == RunStatus.COMPLETED);
        JsonNode test = api.get("/api/v1/campaigns/" + campaign.id(), editor).json().get("abTest");
        assertThat(test.get("winner").asText()).isEqualTo("B");
        assertThat(test.get("decidedBy").asText()).isEqualTo("person");
        assertThat(test.get("pickedBy").asText()).isEqualTo("test EDITOR");
        assertThat(test.get("decidedAt").asText()).isNotBlank();
        assertThat(test.get("releasedAt").asText()).isNotBlank();
        assertThat(test.get("rest").get("finished").asLong()).isEqualTo(6);
        assertThat(test.get("rest").get("accepted").asLong()).isEqualTo(6);
    }

    @Test
    void aTestInTwoLanguagesReportsEachLanguageSummedOverTheVersionsAndTheRest() {
        sending.live.devices(team, app, 10);
        for (int i = 0; i < 10; i++) {
            TestSecurity.as(team.as(Role.EDITOR), () -> devices.add(app.id(), "production", DispatcherTest.token(),
                    new DeviceFields(List.of(), null, "fr-FR", null)));
        }
        Campaign campaign = sending.send(team, app, AbTestSending.draft("Languages", 40,
                List.of(new ContentVariant("fr", "Bonjour", null, "de B"))).withVariants(List.of(
                new ContentVariant("fr", "Salut", null, "de A"))), 8);
        String report = "/api/v1/campaigns/" + campaign.id();
        JsonNode tested = api.get(report, editor).json();
        assertThat(tested.get("byLanguage").findValuesAsText("finished").stream().mapToLong(Long::parseLong).sum())
                .as("the tested share, both versions in both languages").isEqualTo(8);
        assertThat(tested.get("abTest").get("versions").findValuesAsText("finished")).containsExactly("4", "4");

        assertThat(api.post(report + "/ab-test/winner", editor, "{\"version\": \"b\"}").status()).isEqualTo(200);
        splitTests.releaseDecided();
        sending.live.awaitProgress(team, campaign.id(), p -> p.status() == RunStatus.COMPLETED);

        JsonNode done = api.get(report, editor).json();
        assertThat(done.get("byLanguage")).hasSize(2);
        assertThat(done.get("byLanguage").get(0).has("locale")).as("the default first").isFalse();
        assertThat(done.get("byLanguage").get(0).get("finished").asLong()).isEqualTo(10);
        assertThat(done.get("byLanguage").get(1).get("locale").asText()).isEqualTo("fr");
        assertThat(done.get("byLanguage").get(1).get("finished").asLong()).isEqualTo(10);
        assertThat(done.get("abTest").get("rest").get("accepted").asLong()).isEqualTo(12);
    }

    @Test
    void aVersionThatIsNoLetterOrNotInTheTestIsRefusedOnVersion() {
        Campaign campaign = sending.send(team, app, "Refused", 10, 40);
        String path = "/api/v1/campaigns/" + campaign.id() + "/ab-test/winner";

        for (String body : new String[] {"{\"version\": \"X\"}", "{\"version\": 1}", "{}", "{\"version\": \"AB\"}"}) {
            ApiClient.Answer refused = api.post(path, editor, body);
            assertThat(refused.status()).as(body + " " + refused.body()).isEqualTo(422);
            assertThat(refused.json().get("errors").findValuesAsText("field")).as(body).containsExactly("version");
        }
        ApiClient.Answer absent = api.post(path, editor, "{\"version\": \"C\"}");
        assertThat(absent.status()).as(absent.body()).isEqualTo(422);
        assertThat(absent.json().get("errors").findValuesAsText("field")).containsExactly("version");
        assertThat(absent.json().get("errors").get(0).get("message").asText()).isEqualTo("Pick a version from A to B.");
        assertThat(splitTests.find(team.teamId(), campaign.id()).orElseThrow().decided()).isFalse();
    }

    @Test
    void anotherTeamGets404AndAViewer403AndNothingIsDecided() {
        Campaign campaign = sending.send(team, app, "Guarded", 10, 40);
        String path = "/api/v1/campaigns/" + campaign.id() + "/ab-test/winner";
        String stranger = teams.token(teams.create("ab-report-stranger"), Role.EDITOR);

        assertThat(api.post(path, stranger, "{\"version\": \"B\"}").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/campaigns/" + campaign.id(), stranger).status()).isEqualTo(404);
        assertThat(api.post(path, teams.token(team, Role.VIEWER), "{\"version\": \"B\"}").status()).isEqualTo(403);
        assertThat(splitTests.find(team.teamId(), campaign.id()).orElseThrow().decided()).isFalse();
    }

    @Test
    void aCampaignWithoutATestHasNoAbTestAndCannotPickOne() {
        sending.live.devices(team, app, 2);
        Campaign plain = sending.live.send(team, app, "Plain");
        sending.live.awaitProgress(team, plain.id(), p -> p.status().isFinal());

        ApiClient.Answer report = api.get("/api/v1/campaigns/" + plain.id(), editor);
        ApiClient.Answer pick = api.send(api.request("/api/v1/campaigns/" + plain.id() + "/ab-test/winner", editor)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"version\": \"B\"}")));

        assertThat(report.json().has("counts")).isTrue();
        assertThat(report.json().has("abTest")).isFalse();
        assertThat(pick.status()).as(pick.body()).isEqualTo(409);
        assertThat(pick.json().get("detail").asText()).isEqualTo("This campaign has no A/B test.");
    }

    private static void assertVersion(JsonNode version, String letter, long accepted, long opened, double rate) {
        assertThat(version.get("version").asText()).isEqualTo(letter);
        assertThat(version.get("finished").asLong()).isEqualTo(accepted);
        assertThat(version.get("accepted").asLong()).isEqualTo(accepted);
        assertThat(version.get("received").asLong()).isZero();
        assertThat(version.get("opened").asLong()).isEqualTo(opened);
        assertThat(version.get("openRate").asDouble()).isEqualTo(rate);
    }
}
