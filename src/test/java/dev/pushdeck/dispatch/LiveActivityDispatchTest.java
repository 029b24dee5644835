package dev.pushdeck.dispatch;

import static dev.pushdeck.app.TestCredentials.KEY_ID;
import static dev.pushdeck.app.TestCredentials.TEAM_ID;
import static dev.pushdeck.dispatch.DispatcherTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.eatthepath.pushy.apns.server.UnregisteredDeviceTokenException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.CampaignStatus;
import dev.pushdeck.campaign.LiveActivity;
import dev.pushdeck.campaign.LiveActivity.Event;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.device.ActivityKind;
import dev.pushdeck.device.ActivityRegistration;
import dev.pushdeck.device.ActivityRegistrationService;
import dev.pushdeck.device.ActivityStatus;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.device.DeviceStatus;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import dev.pushdeck.shared.error.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Live Activity campaigns through the real queue to a mock APNs: they reach the activity tokens
 * their event's kind and attributes type name, never device tokens, with Apple's push type and
 * topic; APNs' answers end activity tokens and leave devices alone.
 */
@PushdeckTest
class LiveActivityDispatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestTeams teams;
    @Autowired
    AppService apps;
    @Autowired
    CredentialService credentials;
    @Autowired
    DeviceService devices;
    @Autowired
    ActivityRegistrationService activities;
    @Autowired
    CampaignService campaigns;
    @Autowired
    DispatchService dispatch;
    @Autowired
    DispatchEngine engine;
    @Autowired
    ApnsClients clients;

    MockApns apns;
    TestTeams.Fixture team;
    PushApp app;
    Device phone;
    Device tablet;

    @BeforeEach
    void setUp() throws Exception {
        apns = new MockApns();
        clients.overrideEndpoint(apns.endpoint());
        team = teams.create("live-activity");
        app = TestSecurity.as(team.as(Role.ADMIN), () -> {
            PushApp created = apps.create("Deliveries", "com.example.deliveries" + UUID.randomUUID().toString()
                    .substring(0, 8));
            credentials.upload(created.id(), new CredentialUpload(TestCredentials.bytes(TestCredentials.pem(
                    TestCredentials.ec("secp256r1").getPrivate())), null, "both", KEY_ID, TEAM_ID, false));
            return created;
        });
        phone = device();
        tablet = device();
    }

    @AfterEach
    void tearDown() {
        clients.overrideEndpoint(null);
        apns.close();
    }

    private Device device() {
        return TestSecurity.as(team.as(Role.EDITOR), () -> devices.add(app.id(), "production", DispatcherTest.token(),
                DeviceFields.NONE));
    }

    private String register(Device device, ActivityKind kind, String type, String activityId) {
        String token = DispatcherTest.token() + DispatcherTest.token().substring(0, 16);
        TestSecurity.as(team.as(Role.EDITOR), () -> activities.add(device.id(), token, kind, type, activityId));
        return token;
    }

    private Campaign send(LiveActivity activity, AudienceSpec audience, int priority) {
        CampaignDraft draft = new CampaignDraft("Order 1042", ApnsEnvironment.PRODUCTION, null, null,
                PushType.LIVEACTIVITY, priority, null, null, audience, null, null, activity);
        return TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.sendNow(campaigns.create(app.id(), draft).id()));
    }

    private void awaitCompleted(Campaign campaign) {
        await("campaign " + campaign.name() + " completed", () -> TestSecurity.as(team.as(Role.VIEWER),
                () -> campaigns.get(campaign.id()).status() == CampaignStatus.COMPLETED));
    }

    private ActivityRegistration registration(Device device, String token) {
        return TestSecurity.as(team.as(Role.VIEWER), () -> activities.ofDevice(device.id())).stream()
                .filter(a -> a.token().equals(token)).findFirst().orElseThrow();
    }

    @Test
    void anUpdateGoesToTheLiveUpdateTokensOfItsTypeWithApplesHeadersAndTheLaunchTimestamp() throws Exception {
        String delivery = register(phone, ActivityKind.UPDATE, "DeliveryAttributes", "order-1042");
        String otherType = register(tablet, ActivityKind.UPDATE, "SportsAttributes", "match-7");
        String pushToStart = register(tablet, ActivityKind.PUSH_TO_START, "DeliveryAttributes", null);
        Instant before = Instant.now().minusSeconds(1);

        Campaign campaign = send(LiveActivity.update("DeliveryAttributes", "{\"status\":\"on its way\"}"),
                AudienceSpec.ALL_DEVICES, 5);
        awaitCompleted(campaign);

        assertThat(apns.received(delivery)).isEqualTo(1);
        assertThat(apns.received(otherType) + apns.received(pushToStart) + apns.received(phone.token())
                + apns.received(tablet.token())).isZero();
        MockApns.Received received = apns.last(delivery);
        assertThat(received.headers()).containsEntry("apns-push-type", "liveactivity")
                .containsEntry("apns-topic", app.bundleId() + ".push-type.liveactivity")
                .containsEntry("apns-priority", "5");
        JsonNode aps = JSON.readTree(received.payload()).get("aps");
        assertThat(aps.get("event").asText()).isEqualTo("update");
        assertThat(aps.get("content-state").get("status").asText()).isEqualTo("on its way");
        Instant stamped = Instant.ofEpochSecond(aps.get("timestamp").asLong());
        assertThat(stamped).isBetween(before, Instant.now());
        assertThat(stamped).isAfterOrEqualTo(campaign.launchedAt().minusSeconds(1));
    }

    @Test
    void aStartGoesToPushToStartTokensAndAnAudienceOfActivitiesToThoseActivitiesOnly() {
        String startPhone = register(phone, ActivityKind.PUSH_TO_START, "DeliveryAttributes", null);
        String order1 = register(phone, ActivityKind.UPDATE, "DeliveryAttributes", "order-1");
        String order2 = register(tablet, ActivityKind.UPDATE, "DeliveryAttributes", "order-2");

        awaitCompleted(send(new LiveActivity(Event.START, "DeliveryAttributes", "{\"orderNumber\":3}",
                "{\"status\":\"placed\"}", null, null, null, "Order placed", "We are on it", null),
                AudienceSpec.ALL_DEVICES, 10));
        awaitCompleted(send(LiveActivity.update("DeliveryAttributes", "{\"status\":\"baking\"}"),
                AudienceSpec.activities(List.of("order-2")), 10));

        assertThat(apns.received(startPhone)).isEqualTo(1);
        assertThat(apns.received(order1)).isZero();
        assertThat(apns.received(order2)).isEqualTo(1);
    }

    @Test
    void aGoneActivityTokenEndsThatTokenAndNeverItsDevice() {
        String token = register(phone, ActivityKind.UPDATE, "DeliveryAttributes", "order-9");
        apns.answer(token, 0, () -> new UnregisteredDeviceTokenException(Instant.now()));

        Campaign campaign = send(LiveActivity.update("DeliveryAttributes", "{}"), AudienceSpec.ALL_DEVICES, 10);
        awaitCompleted(campaign);

        ActivityRegistration ended = registration(phone, token);
        assertThat(ended.status()).isEqualTo(ActivityStatus.ENDED);
        assertThat(ended.endReason()).isEqualTo("Unregistered");
        assertThat(TestSecurity.as(team.as(Role.VIEWER), () -> devices.get(phone.id())).status())
                .isEqualTo(DeviceStatus.ACTIVE);
    }

    @Test
    void anEndApnsAcceptedEndsTheActivitiesItReached() {
        String token = register(phone, ActivityKind.UPDATE, "DeliveryAttributes", "order-5");
        String untouched = register(tablet, ActivityKind.UPDATE, "DeliveryAttributes", "order-6");

        Campaign campaign = send(new LiveActivity(Event.END, "DeliveryAttributes", null, "{\"status\":\"delivered\"}",
                null, Instant.now().plusSeconds(600), null, null, null, null),
                AudienceSpec.activities(List.of("order-5")), 10);
        awaitCompleted(campaign);
        engine.reap();

        assertThat(registration(phone, token).status()).isEqualTo(ActivityStatus.ENDED);
        assertThat(registration(phone, token).endReason()).isEqualTo("EndedByCampaign");
        assertThat(registration(tablet, untouched).status()).isEqualTo(ActivityStatus.ACTIVE);
    }

    @Test
    void anAppThatSendsWithACertificateIsToldLiveActivitiesNeedATokenKey() {
        PushApp certified = TestSecurity.as(team.as(Role.ADMIN), () -> {
            PushApp created = apps.create("Certified", "com.example.certified" + UUID.randomUUID().toString()
                    .substring(0, 8));
            TestCredentials.Issued issued = TestCredentials.CA.issue(TestCredentials.Spec.apns(created.bundleId()));
            credentials.upload(created.id(), new CredentialUpload(TestCredentials.p12Modern(issued,
                    TestCredentials.PASSPHRASE), TestCredentials.PASSPHRASE, "production", null, null, false));
            return created;
        });
        CampaignDraft draft = new CampaignDraft("Order", ApnsEnvironment.PRODUCTION, null, null, PushType.LIVEACTIVITY,
                10, null, null, AudienceSpec.ALL_DEVICES, null, null,
                LiveActivity.update("DeliveryAttributes", "{}"));

        assertThatThrownBy(() -> TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.create(certified.id(), draft)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).anySatisfy(error -> {
                    assertThat(error.field()).isEqualTo("pushType");
                    assertThat(error.message(java.util.Locale.ENGLISH)).contains("token-based authentication",
                            ".p8");
                }));
    }
}
