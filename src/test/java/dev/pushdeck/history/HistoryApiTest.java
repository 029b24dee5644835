package dev.pushdeck.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushdeck.ApiClient;
import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.audit.AuditEntry;
import dev.pushdeck.audit.AuditFilter;
import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.campaign.AudienceSpec;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.Notification;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.device.Audience;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.device.feedback.DeviceFeedback;
import dev.pushdeck.device.feedback.DeviceFeedback.RefusedToken;
import dev.pushdeck.dispatch.DeliveryStatus;
import dev.pushdeck.dispatch.DispatchService;
import dev.pushdeck.dispatch.LaunchRequest;
import dev.pushdeck.dispatch.internal.ClaimRepository;
import dev.pushdeck.dispatch.internal.ClaimRepository.Claimed;
import dev.pushdeck.dispatch.internal.ClaimRepository.DueCursor;
import dev.pushdeck.dispatch.internal.OutcomeRepository;
import dev.pushdeck.dispatch.internal.OutcomeRepository.ResultRow;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@PushdeckTest
class HistoryApiTest {

    private static Sent sent;

    @Autowired
    TestTeams teams;
    @Autowired
    AppService apps;
    @Autowired
    DeviceService devices;
    @Autowired
    CampaignService campaigns;
    @Autowired
    DispatchService dispatch;
    @Autowired
    ClaimRepository queue;
    @Autowired
    OutcomeRepository outcomes;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    AuditLog audit;
    @Autowired
    DeliveryExports exports;
    @Autowired
    DeviceFeedback feedback;
    @LocalServerPort
    int port;

    ApiClient api;

    /** A campaign of three devices: one accepted, one rejected as Unregistered, one pending; and a draft. */
    record Sent(TestTeams.Fixture team, String viewer, PushApp app, Campaign campaign, Campaign draft,
                List<Device> devices) {
    }

    @BeforeEach
    void sendOnce() {
        api = new ApiClient(port);
        if (sent == null) {
            sent = send();
        }
    }

    @Test
    void aCampaignShowsItsFieldsWithDeliveryCountsAndReasons() {
        ApiClient.Answer answer = api.get("/api/v1/campaigns/" + sent.campaign().id(), sent.viewer());

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.get("name").asText()).isEqualTo(sent.campaign().name());
        assertThat(json.get("payload").asText()).isEqualTo(sent.campaign().payload().json());
        assertThat(json.get("status").asText()).isEqualTo("DRAFT");
        JsonNode counts = json.get("counts");
        assertThat(counts.get("targeted").asLong()).isEqualTo(3);
        assertThat(counts.get("accepted").asLong()).isEqualTo(1);
        assertThat(counts.get("rejected").asLong()).isEqualTo(1);
        assertThat(counts.get("pending").asLong()).isEqualTo(1);
        assertThat(counts.get("inFlight").asLong()).isZero();
        assertThat(json.get("rejectedByReason").get("Unregistered").asLong()).isEqualTo(1);
    }

    @Test
    void aDraftThatWasNeverLaunchedHasNoInventedCountsAndNoDeliveries() {
        ApiClient.Answer answer = api.get("/api/v1/campaigns/" + sent.draft().id(), sent.viewer());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().has("counts")).isFalse();
        assertThat(answer.json().has("rejectedByReason")).isFalse();
        assertThat(api.get(deliveries(sent.draft().id()), sent.viewer()).json().get("items").size()).isZero();
    }

    @Test
    void theDeliveryListFiltersAndGivesTheStoredTotalWhenItEqualsTheList() {
        ApiClient.Answer all = api.get(deliveries(sent.campaign().id()), sent.viewer());
        ApiClient.Answer rejected = api.get(deliveries(sent.campaign().id()) + "?status=rejected", sent.viewer());
        String token = sent.devices().get(1).token();
        ApiClient.Answer byToken = api.get(deliveries(sent.campaign().id()) + "?token=" + token.substring(0, 10),
                sent.viewer());
        ApiClient.Answer secondPage = api.get(deliveries(sent.campaign().id()) + "?size=2&page=1", sent.viewer());

        assertThat(all.json().get("items").size()).isEqualTo(3);
        assertThat(all.json().get("total").asLong()).isEqualTo(3);
        JsonNode item = rejected.json().get("items").get(0);
        assertThat(rejected.json().get("items").size()).isEqualTo(1);
        assertThat(rejected.json().get("total").asLong()).isEqualTo(1);
        assertThat(item.get("status").asText()).isEqualTo("REJECTED");
        assertThat(item.get("reason").asText()).isEqualTo("Unregistered");
        assertThat(item.get("statusCode").asInt()).isEqualTo(410);
        assertThat(item.get("attempts").asInt()).isEqualTo(1);
        assertThat(item.has("apnsId")).isTrue();
        assertThat(byToken.json().get("items")).extracting(n -> n.get("token").asText()).containsExactly(token);
        assertThat(byToken.json().get("total").isNull()).isTrue();
        assertThat(secondPage.json().get("items").size()).isEqualTo(1);
    }

    @Test
    void badFilterValuesAre422sNamingTheField() {
        assertField(api.get(deliveries(sent.campaign().id()) + "?status=DELIVERED", sent.viewer()), "status");
        assertField(api.get(deliveries(sent.campaign().id()) + "?from=yesterday", sent.viewer()), "from");
        assertField(api.get(deliveries(sent.campaign().id())
                + "?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", sent.viewer()), "to");
        assertField(api.get("/api/v1/apps/" + sent.app().id() + "/deliveries?page=100&size=500", sent.viewer()),
                "page");
        assertField(api.get(deliveries(sent.campaign().id()) + "/export?status=nope", sent.viewer()), "status");
    }

    @Test
    void anExportIsACsvAttachmentWithEveryDelivery() {
        ApiClient.Answer answer = api.get(deliveries(sent.campaign().id()) + "/export", sent.viewer());
        ApiClient.Answer app = api.get("/api/v1/apps/" + sent.app().id() + "/deliveries/export?status=ACCEPTED",
                sent.viewer());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("text/csv");
        assertThat(answer.header("Content-Disposition")).startsWith("attachment").contains(".csv");
        assertThat(answer.body().split("\r\n")).hasSize(4);
        assertThat(app.body().split("\r\n")).hasSize(2);
        assertThat(app.body().split("\r\n")[1]).startsWith(sent.devices().get(0).token() + ",ACCEPTED,200,")
                .endsWith("," + sent.campaign().id() + ",,,");
    }

    @Test
    void everyExportLeavesOneAuditEntryInItsTeamWithTheTokenTargetFilterAndRowCount() {
        Sent fresh = send();
        TestTeams.Fixture other = teams.create("history-api-export-other");
        String stranger = teams.token(other, Role.ADMIN);

        ApiClient.Answer campaign = api.get(deliveries(fresh.campaign().id()) + "/export", fresh.viewer());
        ApiClient.Answer app = api.get("/api/v1/apps/" + fresh.app().id() + "/deliveries/export?status=ACCEPTED"
                + "&reason=", fresh.viewer());
        ApiClient.Answer draft = api.get(deliveries(fresh.draft().id()) + "/export", fresh.viewer());
        ApiClient.Answer refused = api.get(deliveries(fresh.campaign().id()) + "/export", stranger);

        assertThat(List.of(campaign.status(), app.status(), draft.status(), refused.status()))
                .containsExactly(200, 200, 200, 404);
        assertThat(exports(fresh.team())).extracting(AuditEntry::actor).containsOnly("token:test VIEWER");
        assertThat(exports(fresh.team())).extracting(AuditEntry::target, AuditEntry::details).containsExactly(
                tuple(fresh.draft().name(), "0 row(s); no filter"),
                tuple(fresh.app().name(), "1 row(s); status=ACCEPTED"),
                tuple(fresh.campaign().name(), "3 row(s); no filter"));
        assertThat(exports(other)).isEmpty();
    }

    @Test
    void anExportCutOffHalfWayIsAuditedAsInterruptedWithTheRowsHandedOverUntilThen() {
        Sent fresh = send();
        // Fails on the line end of the second delivery row, as a client that went away would.
        Writer goneAfterOneRow = new Writer() {
            private int lines;

            @Override
            public void write(char[] buffer, int offset, int length) throws IOException {
                if (new String(buffer, offset, length).contains("\n") && ++lines == 3) {
                    throw new IOException("Broken pipe");
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };

        assertThatThrownBy(() -> TestSecurity.as(fresh.team().as(Role.VIEWER),
                () -> exports.ofCampaign(fresh.campaign().id(), null).writeTo(goneAfterOneRow)))
                .isInstanceOf(UncheckedIOException.class);

        assertThat(exports(fresh.team())).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo(fresh.team().viewer().email());
            assertThat(entry.details()).isEqualTo("interrupted after at most 1 row(s); no filter");
        });
    }

    @Test
    void theAppAndDeviceLogsListNewestFirst() {
        ApiClient.Answer app = api.get("/api/v1/apps/" + sent.app().id() + "/deliveries?reason=Unregistered",
                sent.viewer());
        ApiClient.Answer device = api.get("/api/v1/devices/" + sent.devices().get(1).id() + "/deliveries",
                sent.viewer());

        assertThat(app.json().get("items")).extracting(n -> n.get("token").asText())
                .containsExactly(sent.devices().get(1).token());
        assertThat(device.status()).isEqualTo(200);
        assertThat(device.json().get("items").get(0).get("campaignId").asText())
                .isEqualTo(sent.campaign().id().toString());
    }

    @Test
    void anAdminRestoresOverTheApiTheDevicesACampaignMarkedAndAViewerOnlyCountsThem() {
        Device marked = sent.devices().get(0);
        feedback.invalid(sent.team().teamId(), sent.campaign().id(), List.of(new RefusedToken(marked.id(),
                "BadDeviceToken", Instant.now().plusSeconds(1))));
        String path = "/api/v1/campaigns/" + sent.campaign().id() + "/marked-devices";

        assertThat(api.get(path, sent.viewer()).json().get("marked").asLong()).isEqualTo(1);
        assertThat(api.post(path + "/restore", sent.viewer(), "").status()).isEqualTo(403);
        ApiClient.Answer restored = api.post(path + "/restore", teams.token(sent.team(), Role.ADMIN), "");
        assertThat(restored.status()).as(restored.body()).isEqualTo(200);
        assertThat(restored.json().get("restored").asInt()).isEqualTo(1);
        assertThat(api.get(path, sent.viewer()).json().get("marked").asLong()).isZero();
    }

    @Test
    void everyDeliveryListIsWalkedOneRowAtATimeWithItsNextCursor() {
        for (String list : List.of("/api/v1/campaigns/" + sent.campaign().id() + "/deliveries",
                "/api/v1/apps/" + sent.app().id() + "/deliveries")) {
            List<String> walked = new java.util.ArrayList<>();
            String path = list + "?size=1";
            while (path != null) {
                ApiClient.Answer page = api.get(path, sent.viewer());
                assertThat(page.status()).as(page.body()).isEqualTo(200);
                page.json().get("items").forEach(item -> walked.add(item.get("token").asText()));
                path = page.json().hasNonNull("next") ? list + "?size=1&after=" + page.json().get("next").asText()
                        : null;
            }
            ApiClient.Answer all = api.get(list, sent.viewer());
            assertThat(walked).as(list).containsExactlyElementsOf(all.json().findValuesAsText("token"));
            assertThat(walked).as(list).hasSize(all.json().get("items").size()).isNotEmpty();
        }
    }

    @Test
    void anotherTeamGets404ForEveryHistoryEndpoint() {
        TestTeams.Fixture other = teams.create("history-api-other");
        String stranger = teams.token(other, Role.ADMIN);
        UUID campaign = sent.campaign().id();
        List<String> paths = List.of("/api/v1/campaigns/" + campaign, deliveries(campaign),
                deliveries(campaign) + "/export", "/api/v1/apps/" + sent.app().id() + "/deliveries",
                "/api/v1/apps/" + sent.app().id() + "/deliveries/export",
                "/api/v1/devices/" + sent.devices().get(0).id() + "/deliveries",
                "/api/v1/campaigns/" + campaign + "/marked-devices");

        assertThat(paths).allSatisfy(path -> assertThat(api.get(path, stranger).status()).as(path).isEqualTo(404));
        assertThat(api.post("/api/v1/campaigns/" + campaign + "/marked-devices/restore", stranger, "").status())
                .isEqualTo(404);
    }

    // --- Fixtures ---------------------------------------------------------------------------

    private Sent send() {
        TestTeams.Fixture team = teams.create("history-api");
        String bundle = "com.example.historyapi" + UUID.randomUUID().toString().substring(0, 8);
        PushApp app = TestSecurity.as(team.as(Role.ADMIN), () -> apps.create("History API", bundle));
        List<Device> targets = TestSecurity.as(team.as(Role.EDITOR), () -> List.of(device(app, "first"),
                device(app, "second"), device(app, "third")));
        Campaign campaign = TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.create(app.id(), draft()));
        Campaign draft = TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.create(app.id(), draft()));
        // Claimed before the pause (a paused run yields no claims) and before commit, so the
        // node's own dispatcher never sees these deliveries pending.
        List<Claimed> claims = new TransactionTemplate(transactionManager).execute(status -> {
            dispatch.launch(LaunchRequest.now(team.teamId(), campaign.id(), app.id(), ApnsEnvironment.SANDBOX, bundle,
                    campaign.payload().json(), Audience.everyone(ApnsEnvironment.SANDBOX)));
            List<Claimed> taken = queue.claim(campaign.id(), "history-api-test", 3, 60, DueCursor.START)
                    .claims();
            dispatch.pause(team.teamId(), campaign.id());
            return taken;
        });
        Claimed accepted = claimOf(claims, targets.get(0));
        Claimed rejected = claimOf(claims, targets.get(1));
        Claimed pending = claimOf(claims, targets.get(2));
        outcomes.writeResults(List.of(
                new ResultRow(accepted.id(), accepted.attempt(), DeliveryStatus.ACCEPTED, 200, null, null, null, false),
                new ResultRow(rejected.id(), rejected.attempt(), DeliveryStatus.REJECTED, 410, "Unregistered", null,
                        null, false)));
        queue.releaseClaims("history-api-test", List.of(pending));
        return new Sent(team, teams.token(team, Role.VIEWER), app, campaign, draft, targets);
    }

    /** The team's delivery-export entries, newest first, as its admin sees them. */
    private List<AuditEntry> exports(TestTeams.Fixture team) {
        return TestSecurity.as(team.as(Role.ADMIN),
                () -> audit.search(new AuditFilter("deliveries.exported", null, null, null), 0, 100));
    }

    private Device device(PushApp app, String alias) {
        return devices.add(app.id(), "sandbox", token(), new DeviceFields(List.of(), alias, null, null));
    }

    private static Claimed claimOf(List<Claimed> claims, Device device) {
        return claims.stream().filter(c -> c.deviceId().equals(device.id())).findFirst().orElseThrow();
    }

    private static CampaignDraft draft() {
        Notification note = new Notification("Hello", null, "there", "default", null, null, null, false, false, null,
                null, null);
        return new CampaignDraft("History " + UUID.randomUUID(), ApnsEnvironment.SANDBOX, note, null, PushType.ALERT, 10,
                null, null, new AudienceSpec(AudienceSpec.Type.ALL, List.of(), AudienceSpec.Match.ANY, List.of()),
                null, null);
    }

    private static String deliveries(UUID campaign) {
        return "/api/v1/campaigns/" + campaign + "/deliveries";
    }

    private static void assertField(ApiClient.Answer answer, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.json().get("errors")).extracting(e -> e.get("field").asText()).contains(field);
    }

    private static String token() {
        return UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    }
}
