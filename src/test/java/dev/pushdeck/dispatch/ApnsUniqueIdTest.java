package dev.pushdeck.dispatch;

import static dev.pushdeck.app.TestCredentials.KEY_ID;
import static dev.pushdeck.app.TestCredentials.TEAM_ID;
import static dev.pushdeck.dispatch.DispatcherTest.await;
import static org.assertj.core.api.Assertions.assertThat;

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
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.CampaignStatus;
import dev.pushdeck.campaign.Notification;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.history.DeliveryEntry;
import dev.pushdeck.history.DeliveryFilter;
import dev.pushdeck.history.internal.DeliveryLog;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Apple's apns-unique-id of a sandbox send is kept with its delivery and shown by the API. */
@PushdeckTest
class ApnsUniqueIdTest {

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
    DeliveryLog deliveryLog;
    @Autowired
    ApnsClients clients;
    @LocalServerPort
    int port;

    @Test
    void theUniqueIdAppleAnswersIsStoredWithTheDeliveryAndShownByTheApi() throws Exception {
        TestTeams.Fixture team = teams.create("unique-id");
        try (MockApns apns = new MockApns(true)) {
            clients.overrideEndpoint(apns.endpoint());
            Campaign campaign = sendOneSandboxNotification(team);

            DeliveryEntry delivery = TestSecurity.as(team.as(Role.VIEWER), () -> deliveryLog.ofRun(team.teamId(),
                    campaign.id(), DeliveryFilter.none(), 0, 10)).get(0);
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.ACCEPTED);
            assertThat(delivery.apnsUniqueId()).isNotNull().isNotEqualTo(delivery.apnsId());

            ApiClient.Answer listed = new ApiClient(port).get("/api/v1/campaigns/" + campaign.id() + "/deliveries",
                    teams.token(team, Role.VIEWER));
            assertThat(listed.json().get("items").get(0).get("apnsUniqueId").asText())
                    .isEqualTo(delivery.apnsUniqueId().toString());
        } finally {
            clients.overrideEndpoint(null);
        }
    }

    @Test
    void anAnswerWithoutOneLeavesItEmpty() throws Exception {
        TestTeams.Fixture team = teams.create("no-unique-id");
        try (MockApns apns = new MockApns(false)) {
            clients.overrideEndpoint(apns.endpoint());
            Campaign campaign = sendOneSandboxNotification(team);

            assertThat(TestSecurity.as(team.as(Role.VIEWER), () -> deliveryLog.ofRun(team.teamId(), campaign.id(),
                    DeliveryFilter.none(), 0, 10)).get(0).apnsUniqueId()).isNull();
        } finally {
            clients.overrideEndpoint(null);
        }
    }

    private Campaign sendOneSandboxNotification(TestTeams.Fixture team) {
        PushApp app = TestSecurity.as(team.as(Role.ADMIN), () -> {
            PushApp created = apps.create("Unique", "com.example.unique" + UUID.randomUUID().toString().substring(0, 8));
            credentials.upload(created.id(), new CredentialUpload(TestCredentials.bytes(TestCredentials.pem(
                    TestCredentials.ec("secp256r1").getPrivate())), null, "sandbox", KEY_ID, TEAM_ID, false));
            return created;
        });
        TestSecurity.as(team.as(Role.EDITOR), () -> devices.add(app.id(), "sandbox", DispatcherTest.token(),
                DeviceFields.NONE));
        CampaignDraft draft = new CampaignDraft("Sandbox hello", ApnsEnvironment.SANDBOX, new Notification("Hello", null,
                null, null, null, null, null, false, false, null, null, null), null, PushType.ALERT, 10, null, null,
                AudienceSpec.ALL_DEVICES, null, null);
        Campaign campaign = TestSecurity.as(team.as(Role.EDITOR),
                () -> campaigns.sendNow(campaigns.create(app.id(), draft).id()));
        await("the sandbox send completed", () -> TestSecurity.as(team.as(Role.VIEWER),
                () -> campaigns.get(campaign.id()).status() == CampaignStatus.COMPLETED));
        return campaign;
    }
}
