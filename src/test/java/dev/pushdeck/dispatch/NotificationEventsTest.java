package dev.pushdeck.dispatch;

import static dev.pushdeck.dispatch.DispatcherTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushdeck.ApiClient;
import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.AppKeyService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.AudienceSpec;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.CampaignStatus;
import dev.pushdeck.campaign.Notification;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.history.DeliveryEntry;
import dev.pushdeck.history.DeliveryFilter;
import dev.pushdeck.history.Engagement;
import dev.pushdeck.history.internal.DeliveryLog;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Opens and receipts end to end: the payload carries the tracking key, apps report with their
 * app key, reports count each delivery and kind once, only for the key's own app.
 */
@PushdeckTest
class NotificationEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENTS = "/api/v1/notification-events";

    @Autowired
    TestTeams teams;
    @Autowired
    AppKeyService appKeys;
    @Autowired
    CampaignService campaigns;
    @Autowired
    DeliveryLog deliveryLog;
    @Autowired
    ApplicationContext context;
    @LocalServerPort
    int port;

    ApiClient api;
    LiveSending live;
    TestTeams.Fixture team;
    PushApp app;
    String key;

    @BeforeEach
    void setUp() throws Exception {
        api = new ApiClient(port);
        live = new LiveSending(context);
        team = teams.create("engagement");
        app = live.app(team, "Engaged");
        key = keyOf(team, app);
    }

    @AfterEach
    void tearDown() {
        live.close();
    }

    @Test
    void eachNotificationCarriesItsCampaignAndDeliveryIdAndTheApnsIdEndsWithTheDeliveryId() throws Exception {
        live.devices(team, app, 3);
        Campaign campaign = send(team, app, true);

        for (DeliveryEntry delivery : deliveries(campaign)) {
            JsonNode sent = JSON.readTree(live.lastPayload(delivery.token()));
            assertThat(sent.get("pd").get("c").asText()).isEqualTo(campaign.id().toString());
            assertThat(sent.get("pd").get("d").asText()).isEqualTo(String.valueOf(delivery.id()));
            assertThat(Long.parseLong(delivery.apnsId().toString().substring(24), 16)).isEqualTo(delivery.id());
        }
        assertThat(deliveries(campaign)).hasSize(3);
    }

    @Test
    void aCampaignWithTrackingOffSendsThePayloadAsComposed() throws Exception {
        live.devices(team, app, 1);
        Campaign campaign = send(team, app, false);

        String sent = live.lastPayload(deliveries(campaign).get(0).token());
        assertThat(sent).isEqualTo("{\"aps\":{\"alert\":{\"title\":\"Hello\"}}}");
        assertThat(campaign.payload().bytes()).isEqualTo(sent.length());
    }

    @Test
    void receiptsAndOpensCountOnceEachAndTheReportGivesRatesOverAccepted() throws Exception {
        live.devices(team, app, 4);
        Campaign campaign = send(team, app, true);
        List<DeliveryEntry> sent = deliveries(campaign);
        String batch = events(event("received", sent.get(0), campaign), event("received", sent.get(1), campaign),
                event("opened", sent.get(0), campaign), event("opened", sent.get(0), campaign));

        ApiClient.Answer first = api.post(EVENTS, key, batch);
        ApiClient.Answer retried = api.post(EVENTS, key, batch);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().toString()).isEqualTo("{\"recorded\":3,\"duplicates\":1,\"unknown\":0}");
        assertThat(retried.json().toString()).isEqualTo("{\"recorded\":0,\"duplicates\":4,\"unknown\":0}");
        JsonNode report = api.get("/api/v1/campaigns/" + campaign.id(), teams.token(team, Role.VIEWER)).json();
        assertThat(report.get("counts").get("accepted").asLong()).isEqualTo(4);
        assertThat(report.get("engagement").toString())
                .isEqualTo("{\"received\":2,\"opened\":1,\"receivedRate\":0.5,\"openedRate\":0.25}");
        JsonNode listed = api.get("/api/v1/campaigns/" + campaign.id() + "/deliveries",
                teams.token(team, Role.VIEWER)).json().get("items");
        JsonNode opened = item(listed, sent.get(0).id());
        assertThat(opened.get("receivedAt").asText()).isNotBlank();
        assertThat(opened.get("openedAt").asText()).isNotBlank();
        JsonNode untouched = item(listed, sent.get(2).id()).path("openedAt");
        assertThat(untouched.isNull() || untouched.isMissingNode()).isTrue();
    }

    @Test
    void anAppMayNameADeliveryByItsApnsIdAlone() throws Exception {
        live.devices(team, app, 1);
        Campaign campaign = send(team, app, true);
        DeliveryEntry delivery = deliveries(campaign).get(0);

        ApiClient.Answer answer = api.post(EVENTS, key,
                events("{\"kind\":\"opened\",\"apnsId\":\"" + delivery.apnsId() + "\"}"));
        ApiClient.Answer wrong = api.post(EVENTS, key, events("{\"kind\":\"received\",\"apnsId\":\""
                + new UUID(delivery.apnsId().getMostSignificantBits() ^ 1, delivery.apnsId().getLeastSignificantBits())
                + "\"}"));

        assertThat(answer.json().get("recorded").asInt()).isEqualTo(1);
        assertThat(wrong.json().get("unknown").asInt()).as("the random half must match too").isEqualTo(1);
        assertThat(engagement(campaign)).isEqualTo(new Engagement(0, 1));
    }

    @Test
    void anotherAppsOrTeamsKeyLearnsNothingAndChangesNothing() throws Exception {
        live.devices(team, app, 1);
        Campaign campaign = send(team, app, true);
        DeliveryEntry delivery = deliveries(campaign).get(0);
        String siblingKey = keyOf(team, live.app(team, "Sibling"));
        TestTeams.Fixture stranger = teams.create("engagement-stranger");
        String strangerKey = keyOf(stranger, live.app(stranger, "Stranger"));
        String theirs = events(event("opened", delivery, campaign));
        String nobodys = events("{\"kind\":\"opened\",\"delivery\":\"999999999999\"}");

        ApiClient.Answer sibling = api.post(EVENTS, siblingKey, theirs);
        ApiClient.Answer other = api.post(EVENTS, strangerKey, theirs);
        ApiClient.Answer missing = api.post(EVENTS, strangerKey, nobodys);
        ApiClient.Answer wrongCampaign = api.post(EVENTS, key, events("{\"kind\":\"opened\",\"delivery\":\""
                + delivery.id() + "\",\"campaign\":\"" + UUID.randomUUID() + "\"}"));

        for (ApiClient.Answer answer : List.of(sibling, other, missing, wrongCampaign)) {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("{\"recorded\":0,\"duplicates\":0,\"unknown\":1}");
        }
        assertThat(engagement(campaign)).isEqualTo(Engagement.NONE);
    }

    @Test
    void onlyAppKeysReportEvents() {
        ApiClient.Answer byTeamToken = api.post(EVENTS, teams.token(team, Role.ADMIN),
                events("{\"kind\":\"opened\",\"delivery\":\"1\"}"));
        ApiClient.Answer anonymous = api.post(EVENTS, null, events("{\"kind\":\"opened\",\"delivery\":\"1\"}"));

        assertThat(byTeamToken.status()).isEqualTo(403);
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void aBadBatchIsRefusedWhole422NamingEachEventsFieldAndNothingIsStored() throws Exception {
        live.devices(team, app, 1);
        Campaign campaign = send(team, app, true);
        DeliveryEntry delivery = deliveries(campaign).get(0);

        ApiClient.Answer refused = api.post(EVENTS, key, events(event("received", delivery, campaign),
                "{\"kind\":\"clicked\",\"delivery\":\"1\"}", "{\"kind\":\"opened\"}",
                "{\"kind\":\"opened\",\"apnsId\":\"not-a-uuid\"}", "{\"kind\":\"opened\",\"delivery\":\"-4\"}",
                "{\"kind\":\"opened\",\"delivery\":\"1\",\"at\":\"" + Instant.now().plusSeconds(3600) + "\"}",
                "{\"kind\":\"opened\",\"delivery\":\"1\",\"at\":\"yesterday\"}",
                "{\"kind\":\"opened\",\"delivery\":\"1\",\"campaign\":\"c-1\"}"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(fields(refused)).containsExactly("events[1].kind", "events[2].delivery", "events[3].apnsId",
                "events[4].delivery", "events[5].at", "events[6].at", "events[7].campaign");
        assertThat(engagement(campaign)).isEqualTo(Engagement.NONE);
    }

    @Test
    void anEmptyBatchAndOneOverFiveHundredAreRefusedOnEvents() {
        String tooMany = events(IntStream.rangeClosed(1, NotificationEvents.MAX_BATCH + 1)
                .mapToObj(i -> "{\"kind\":\"opened\",\"delivery\":\"" + i + "\"}").toArray(String[]::new));

        for (String body : List.of("{}", "{\"events\":[]}", tooMany)) {
            ApiClient.Answer refused = api.post(EVENTS, key, body);
            assertThat(refused.status()).isEqualTo(422);
            assertThat(fields(refused)).containsExactly("events");
        }
        assertThat(api.post(EVENTS, key, "{\"events\":").status()).isEqualTo(400);
        ApiClient.Answer misfit = api.post(EVENTS, key, "{\"events\":[{\"kind\":\"opened\",\"delivery\":[1]}]}");
        assertThat(misfit.status()).as("JSON, but a list where the delivery id goes").isEqualTo(422);
        assertThat(fields(misfit)).containsExactly("events[0].delivery");
    }

    @Test
    void reportsTakePermitsFromTheAppsRegistrationLimitsAndA429SaysWhenToRetry() {
        String admin = teams.token(team, Role.ADMIN);
        assertThat(api.send(api.request("/api/v1/apps/" + app.id() + "/registration-limits", admin)
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"keyRate\":1}"))).status()).isEqualTo(200);

        ApiClient.Answer limited = null;
        for (int i = 0; i < 10 && limited == null; i++) {
            ApiClient.Answer answer = api.post(EVENTS, key, events("{\"kind\":\"opened\",\"delivery\":\"1\"}"));
            limited = answer.status() == 429 ? answer : null;
        }

        assertThat(limited).as("a 429 within 10 requests at 1/s").isNotNull();
        assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
        assertThat(limited.json().get("detail").asText()).isNotBlank();
    }

    // --- helpers -------------------------------------------------------------------------

    private String keyOf(TestTeams.Fixture owner, PushApp of) {
        return TestSecurity.as(owner.as(Role.ADMIN), () -> appKeys.create(of.id(), "events").key());
    }

    private Campaign send(TestTeams.Fixture owner, PushApp to, boolean trackOpens) {
        CampaignDraft draft = new CampaignDraft("Tracked", ApnsEnvironment.PRODUCTION, new Notification("Hello", null,
                null, null, null, null, null, false, false, null, null, null), null, PushType.ALERT, 10, null, null,
                AudienceSpec.ALL_DEVICES, null, null).withTrackOpens(trackOpens);
        Campaign campaign = TestSecurity.as(owner.as(Role.EDITOR),
                () -> campaigns.sendNow(campaigns.create(to.id(), draft).id()));
        await("the send completed", () -> TestSecurity.as(owner.as(Role.VIEWER),
                () -> campaigns.get(campaign.id()).status() == CampaignStatus.COMPLETED));
        return TestSecurity.as(owner.as(Role.VIEWER), () -> campaigns.get(campaign.id()));
    }

    private List<DeliveryEntry> deliveries(Campaign campaign) {
        return TestSecurity.as(team.as(Role.VIEWER), () -> deliveryLog.ofRun(team.teamId(), campaign.id(),
                DeliveryFilter.none(), 0, 100));
    }

    private Engagement engagement(Campaign campaign) {
        return TestSecurity.as(team.as(Role.VIEWER), () -> deliveryLog.engagement(team.teamId(), campaign.id()));
    }

    private static String event(String kind, DeliveryEntry delivery, Campaign campaign) {
        return "{\"kind\":\"" + kind + "\",\"delivery\":\"" + delivery.id() + "\",\"campaign\":\"" + campaign.id()
                + "\"}";
    }

    private static String events(String... events) {
        return "{\"events\":[" + String.join(",", events) + "]}";
    }

    private static JsonNode item(JsonNode items, long id) {
        for (JsonNode item : items) {
            if (item.get("id").asLong() == id) {
                return item;
            }
        }
        return null;
    }

    private static List<String> fields(ApiClient.Answer answer) {
        List<String> fields = new ArrayList<>();
        answer.json().get("errors").forEach(error -> fields.add(error.get("field").asText()));
        return fields;
    }
}
