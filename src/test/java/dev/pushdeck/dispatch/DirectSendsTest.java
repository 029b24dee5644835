package dev.pushdeck.dispatch;

import static dev.pushdeck.app.TestCredentials.KEY_ID;
import static dev.pushdeck.app.TestCredentials.TEAM_ID;
import static dev.pushdeck.dispatch.DispatcherTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushdeck.ApiClient;
import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.CredentialService;
import dev.pushdeck.app.CredentialUpload;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.app.TestCredentials;
import dev.pushdeck.campaign.AudienceSpec;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.CampaignFilter;
import dev.pushdeck.campaign.CampaignFixtures;
import dev.pushdeck.campaign.CampaignKind;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.CampaignStatus;
import dev.pushdeck.campaign.DirectSendService;
import dev.pushdeck.campaign.Expiration;
import dev.pushdeck.campaign.Notification;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import dev.pushdeck.shared.error.ValidationException;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Test sends and transactional sends end to end: service or REST API, the queue, a real
 * Pushy client and a mock APNs.
 */
@PushdeckTest
class DirectSendsTest {

    private static final Random RANDOM = new Random();
    private static TestApns apns;

    @Autowired
    TestTeams teams;
    @Autowired
    AppService apps;
    @Autowired
    CredentialService credentials;
    @Autowired
    DeviceService devices;
    @Autowired
    CampaignService campaigns;
    @Autowired
    DirectSendService directSends;
    @LocalServerPort
    int port;

    ApiClient api;
    TestTeams.Fixture team;

    @BeforeAll
    static void startMockApns(@Autowired ApplicationContext context) throws Exception {
        apns = TestApns.start(context);
    }

    @AfterAll
    static void stopMockApns() {
        apns.close();
    }

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        team = teams.create("direct");
    }

    @AfterEach
    void tearDown() {
        TestSecurity.signOut();
    }

    // --- Test sends --------------------------------------------------------------------

    @Test
    void aTestSendReachesTheTestDevicesOfTheAppAndEnvironmentOnly() {
        PushApp app = app(true);
        Device tester1 = device(app, ApnsEnvironment.PRODUCTION, null, true);
        Device tester2 = device(app, ApnsEnvironment.PRODUCTION, null, true);
        Device customer = device(app, ApnsEnvironment.PRODUCTION, null, false);
        Device sandboxTester = device(app, ApnsEnvironment.SANDBOX, null, true);
        Campaign source = draft(app, "Dinner is ready");

        Campaign test = as(Role.EDITOR, () -> directSends.sendTest(source.id(), null, 0));

        assertThat(test.kind()).isEqualTo(CampaignKind.TEST);
        assertThat(test.name()).isEqualTo("Test · Dinner is ready");
        assertThat(test.audienceCount()).isEqualTo(2);
        awaitCompleted(test.id());
        assertThat(apns.received(tester1.token())).isEqualTo(1);
        assertThat(apns.received(tester2.token())).isEqualTo(1);
        assertThat(apns.received(customer.token())).isZero();
        assertThat(apns.received(sandboxTester.token())).isZero();
        assertThat(apns.last(tester1.token()).payload()).as("the content, with the test campaign's own tracking key")
                .startsWith(source.payload().json().substring(0, source.payload().json().indexOf(",\"pd\"")))
                .contains("\"pd\":{\"c\":\"" + test.id() + "\",\"d\":\"");
        assertThat(as(Role.VIEWER, () -> campaigns.get(source.id())).status()).isEqualTo(CampaignStatus.DRAFT);
    }

    @Test
    void aTestSendToOneChosenDeviceOverTheApiReachesOnlyThatDevice() {
        PushApp app = app(true);
        Device tester = device(app, ApnsEnvironment.PRODUCTION, null, true);
        Device chosen = device(app, ApnsEnvironment.PRODUCTION, null, false);
        Campaign source = draft(app, "Only you");

        ApiClient.Answer answer = api.post("/api/v1/campaigns/" + source.id() + "/test", token(Role.EDITOR),
                "{\"deviceId\": \"" + chosen.id() + "\"}");

        assertThat(answer.status()).isEqualTo(202);
        UUID id = UUID.fromString(answer.json().get("campaignId").asText());
        awaitCompleted(id);
        assertThat(apns.received(chosen.token())).isEqualTo(1);
        assertThat(apns.received(tester.token())).isZero();
        assertThat(api.get("/api/v1/campaigns/" + id, token(Role.VIEWER)).json().get("kind").asText())
                .isEqualTo("TEST");
    }

    @Test
    void aTestSendWithoutTestDevicesSaysHowToMarkOne() {
        PushApp app = app(true);
        device(app, ApnsEnvironment.PRODUCTION, null, false);
        Campaign source = draft(app, "Nobody to test on");

        ApiClient.Answer answer = api.post("/api/v1/campaigns/" + source.id() + "/test", token(Role.EDITOR), "");

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("errors").get(0).get("field").asText()).isEqualTo("deviceId");
        assertThat(answer.json().get("errors").get(0).get("message").asText()).contains("Make test device");
        assertThat(count(CampaignKind.TEST)).isZero();
    }

    @Test
    void aDeviceOfAnotherAppIsRefusedAndAnotherTeamsDeviceIsNotFound() {
        PushApp app = app(true);
        PushApp other = app(true);
        Device elsewhere = device(other, ApnsEnvironment.PRODUCTION, null, true);
        Device sandbox = device(app, ApnsEnvironment.SANDBOX, null, true);
        TestTeams.Fixture stranger = teams.create("direct-stranger");
        PushApp strangersApp = TestSecurity.as(stranger.as(Role.ADMIN), () -> apps.create("Stranger", "com.ex.s"));
        Device foreign = TestSecurity.as(stranger.as(Role.EDITOR), () -> devices.add(strangersApp.id(),
                "production", CampaignFixtures.token(), DeviceFields.NONE));
        Campaign source = draft(app, "Picky");
        String editor = token(Role.EDITOR);

        ApiClient.Answer otherApp = api.post("/api/v1/campaigns/" + source.id() + "/test", editor,
                "{\"deviceId\": \"" + elsewhere.id() + "\"}");
        ApiClient.Answer otherEnvironment = api.post("/api/v1/campaigns/" + source.id() + "/test", editor,
                "{\"deviceId\": \"" + sandbox.id() + "\"}");
        ApiClient.Answer otherTeam = api.post("/api/v1/campaigns/" + source.id() + "/test", editor,
                "{\"deviceId\": \"" + foreign.id() + "\"}");

        assertThat(otherApp.status()).isEqualTo(422);
        assertThat(otherApp.json().get("errors").get(0).get("field").asText()).isEqualTo("deviceId");
        assertThat(otherEnvironment.status()).isEqualTo(422);
        assertThat(otherTeam.status()).isEqualTo(404);
        assertThat(count(CampaignKind.TEST)).isZero();
    }

    @Test
    void aViewerCannotSendATestAndAnotherTeamsCampaignIsNotFound() {
        PushApp app = app(true);
        device(app, ApnsEnvironment.PRODUCTION, null, true);
        Campaign source = draft(app, "Viewers read");
        TestTeams.Fixture stranger = teams.create("direct-other");

        assertThat(api.post("/api/v1/campaigns/" + source.id() + "/test", token(Role.VIEWER), "").status())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/campaigns/" + source.id() + "/test", teams.token(stranger, Role.EDITOR), "")
                .status()).isEqualTo(404);
        assertThat(count(CampaignKind.TEST)).isZero();
    }

    @Test
    void anEnvironmentWithoutACredentialIsRefusedBeforeAnythingIsStored() {
        PushApp app = app(false);
        device(app, ApnsEnvironment.PRODUCTION, null, true);
        Campaign source = draft(app, "No key yet");

        ApiClient.Answer answer = api.post("/api/v1/campaigns/" + source.id() + "/test", token(Role.EDITOR), "");

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().get("detail").asText()).contains("has no credential for production");
        assertThat(count(CampaignKind.TEST)).isZero();
    }

    @Test
    void aTestSendChecksTheContentWithTheCampaignRules() {
        PushApp app = app(true);
        device(app, ApnsEnvironment.PRODUCTION, null, true);
        CampaignDraft tooBig = content("Too big", "x".repeat(5000), AudienceSpec.ALL_DEVICES);

        Throwable refusal = catchThrowable(() -> as(Role.EDITOR,
                () -> directSends.sendTest(app.id(), tooBig, null, 0)));

        assertThat(refusal).isInstanceOf(ValidationException.class);
        assertThat(((ValidationException) refusal).errors()).extracting(ValidationException.FieldError::field)
                .contains("notification");
    }

    // --- Transactional API -------------------------------------------------------------

    @Test
    void tokensAreSentAtOnceAndUnknownOnesAreReported() {
        PushApp app = app(true);
        Device known = device(app, ApnsEnvironment.PRODUCTION, null, false);
        String unknown = CampaignFixtures.token();

        ApiClient.Answer answer = api.post("/api/v1/apps/" + app.id() + "/notifications", token(Role.EDITOR), """
                {"environment": "production", "notification": {"title": "Your order", "body": "is ready"},
                 "collapseId": "order-42",
                 "audience": {"type": "TOKENS", "tokens": ["%s", "<%s>"]}}""".formatted(unknown,
                known.token().toUpperCase()));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().get("targeted").asLong()).isEqualTo(1);
        assertThat(answer.json().get("unknown").get("count").asInt()).isEqualTo(1);
        assertThat(answer.json().get("unknown").get("first").get(0).asText()).isEqualTo(unknown);
        UUID id = UUID.fromString(answer.json().get("campaignId").asText());
        awaitCompleted(id);
        assertThat(apns.received(known.token())).isEqualTo(1);
        assertThat(apns.last(known.token()).headers()).containsEntry("apns-collapse-id", "order-42");
        JsonNode campaign = api.get("/api/v1/campaigns/" + id, token(Role.VIEWER)).json();
        assertThat(campaign.get("kind").asText()).isEqualTo("API");
        assertThat(campaign.get("name").asText()).startsWith("API · ");
        assertThat(api.get("/api/v1/apps/" + app.id() + "/campaigns?kind=API", token(Role.VIEWER)).json()
                .get("items")).extracting(item -> item.get("id").asText()).containsExactly(id.toString());
    }

    @Test
    void aliasesReachEveryActiveDeviceWithExactlyThatAlias() {
        PushApp app = app(true);
        Device phone = device(app, ApnsEnvironment.PRODUCTION, "user-42", false);
        Device tablet = device(app, ApnsEnvironment.PRODUCTION, "user-42", false);
        Device otherCase = device(app, ApnsEnvironment.PRODUCTION, "USER-42", false);
        Device sandbox = device(app, ApnsEnvironment.SANDBOX, "user-42", false);

        ApiClient.Answer answer = api.post("/api/v1/apps/" + app.id() + "/notifications", token(Role.EDITOR), """
                {"name": "Order shipped", "environment": "production", "notification": {"body": "On its way"},
                 "audience": {"type": "ALIASES", "aliases": ["user-42", "nobody"]}}""");

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().get("targeted").asLong()).isEqualTo(2);
        assertThat(answer.json().get("unknown").get("first")).extracting(JsonNode::asText).containsExactly("nobody");
        UUID id = UUID.fromString(answer.json().get("campaignId").asText());
        awaitCompleted(id);
        assertThat(apns.received(phone.token())).isEqualTo(1);
        assertThat(apns.received(tablet.token())).isEqualTo(1);
        assertThat(apns.received(otherCase.token())).isZero();
        assertThat(apns.received(sandbox.token())).isZero();
        assertThat(as(Role.VIEWER, () -> campaigns.get(id)).name()).isEqualTo("Order shipped");
    }

    @Test
    void malformedTokensAreNamedByTheirPathAndNothingIsSent() {
        PushApp app = app(true);
        String good = CampaignFixtures.token();

        ApiClient.Answer answer = api.post("/api/v1/apps/" + app.id() + "/notifications", token(Role.EDITOR), """
                {"environment": "production", "notification": {"body": "hi"},
                 "audience": {"type": "TOKENS", "tokens": ["%s", "not-hex", "%s", "abc"]}}""".formatted(good, good));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("errors")).extracting(error -> error.get("field").asText())
                .containsExactlyInAnyOrder("audience.tokens[1]", "audience.tokens[3]");
        assertThat(count(CampaignKind.API)).isZero();
    }

    @Test
    void moreThanAThousandEntriesOrAnOversizedPayloadAreRefused() {
        PushApp app = app(true);
        List<String> tokens = IntStream.rangeClosed(0, DirectSendService.MAX_RECIPIENTS)
                .mapToObj(i -> "\"" + CampaignFixtures.token() + "\"").toList();

        ApiClient.Answer tooMany = api.post("/api/v1/apps/" + app.id() + "/notifications", token(Role.EDITOR), """
                {"environment": "production", "notification": {"body": "hi"},
                 "audience": {"type": "ALIASES", "aliases": [%s]}}""".formatted(String.join(",", tokens)));
        ApiClient.Answer tooLarge = api.post("/api/v1/apps/" + app.id() + "/notifications", token(Role.EDITOR), """
                {"environment": "production", "notification": {"body": "%s"},
                 "audience": {"type": "TOKENS", "tokens": ["%s"]}}""".formatted("x".repeat(5000),
                CampaignFixtures.token()));
        ApiClient.Answer everyone = api.post("/api/v1/apps/" + app.id() + "/notifications", token(Role.EDITOR), """
                {"environment": "production", "notification": {"body": "hi"}, "audience": {"type": "ALL"}}""");

        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.json().get("errors").get(0).get("field").asText()).isEqualTo("audience.aliases");
        assertThat(tooLarge.status()).isEqualTo(422);
        assertThat(tooLarge.json().get("errors").get(0).get("field").asText()).isEqualTo("notification");
        assertThat(everyone.status()).isEqualTo(422);
        assertThat(everyone.json().get("errors").get(0).get("field").asText()).isEqualTo("audience.type");
        assertThat(count(CampaignKind.API)).isZero();
    }

    @Test
    void anotherTeamsAppAndTokensReachNothing() {
        PushApp app = app(true);
        Device device = device(app, ApnsEnvironment.PRODUCTION, null, false);
        TestTeams.Fixture stranger = teams.create("direct-b");
        String body = """
                {"environment": "production", "notification": {"body": "hi"},
                 "audience": {"type": "TOKENS", "tokens": ["%s"]}}""".formatted(device.token());

        ApiClient.Answer foreignApp = api.post("/api/v1/apps/" + app.id() + "/notifications",
                teams.token(stranger, Role.EDITOR), body);
        ApiClient.Answer viewer = api.post("/api/v1/apps/" + app.id() + "/notifications", token(Role.VIEWER), body);

        assertThat(foreignApp.status()).isEqualTo(404);
        assertThat(viewer.status()).isEqualTo(403);
        assertThat(count(CampaignKind.API)).isZero();
        assertThat(apns.received(device.token())).isZero();
    }

    @Test
    void aRepeatedIdempotencyKeyAnswersTheFirstAnswerAgainWithoutSendingAgain() {
        PushApp app = app(true);
        Device device = device(app, ApnsEnvironment.PRODUCTION, null, false);
        String body = """
                {"environment": "production", "notification": {"body": "once"},
                 "audience": {"type": "TOKENS", "tokens": ["%s"]}}""".formatted(device.token());
        String editor = token(Role.EDITOR);

        ApiClient.Answer first = idempotent(app, editor, "order-7", body);
        awaitCompleted(UUID.fromString(first.json().get("campaignId").asText()));
        ApiClient.Answer repeat = idempotent(app, editor, "order-7", body);
        ApiClient.Answer otherKey = idempotent(app, editor, "order-8", body);

        assertThat(first.status()).isEqualTo(202);
        assertThat(repeat.status()).isEqualTo(202);
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(repeat.json()).isEqualTo(first.json());
        assertThat(idempotent(app, editor, "order-7", body.replace("once", "twice")).status()).isEqualTo(422);
        assertThat(otherKey.status()).isEqualTo(202);
        awaitCompleted(UUID.fromString(otherKey.json().get("campaignId").asText()));
        assertThat(apns.received(device.token())).isEqualTo(2);
        assertThat(count(CampaignKind.API)).isEqualTo(2);
    }

    // --- fixtures -----------------------------------------------------------------------

    private ApiClient.Answer idempotent(PushApp app, String bearer, String key, String body) {
        return api.send(api.request("/api/v1/apps/" + app.id() + "/notifications", bearer)
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** An app of the team, with a token key for both environments when asked. */
    private PushApp app(boolean withCredential) {
        String bundle = "com.example.direct" + RANDOM.nextInt(1_000_000_000);
        return as(Role.ADMIN, () -> {
            PushApp app = apps.create("Direct " + bundle, bundle);
            if (withCredential) {
                credentials.upload(app.id(), new CredentialUpload(TestCredentials.bytes(TestCredentials.pem(
                        TestCredentials.ec("secp256r1").getPrivate())), null, "both", KEY_ID, TEAM_ID, false));
            }
            return app;
        });
    }

    private Device device(PushApp app, ApnsEnvironment environment, String alias, boolean testDevice) {
        return as(Role.EDITOR, () -> {
            Device device = devices.add(app.id(), environment.wire(), CampaignFixtures.token(),
                    new DeviceFields(List.of(), alias, null, null));
            return testDevice ? devices.setTestDevice(device.id(), true) : device;
        });
    }

    private Campaign draft(PushApp app, String name) {
        return as(Role.EDITOR, () -> campaigns.create(app.id(), content(name, "Come and get it",
                AudienceSpec.ALL_DEVICES)));
    }

    private static CampaignDraft content(String name, String body, AudienceSpec audience) {
        return new CampaignDraft(name, ApnsEnvironment.PRODUCTION, new Notification("Hello", null, body, "default", null,
                null, null, false, false, null, null, null), null, PushType.ALERT, 10, Expiration.NONE, null,
                audience, null, null);
    }

    private void awaitCompleted(UUID campaignId) {
        await("campaign " + campaignId + " to complete",
                () -> as(Role.VIEWER, () -> campaigns.get(campaignId)).status() == CampaignStatus.COMPLETED);
    }

    private long count(CampaignKind kind) {
        return as(Role.VIEWER, () -> campaigns.count(new CampaignFilter(null, null, null, kind)));
    }

    private String token(Role role) {
        return teams.token(team, role);
    }

    private <T> T as(Role role, java.util.function.Supplier<T> work) {
        return TestSecurity.as(team.as(role), work);
    }
}
