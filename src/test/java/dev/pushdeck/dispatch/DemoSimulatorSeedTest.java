package dev.pushdeck.dispatch;

import static dev.pushdeck.dispatch.DispatcherTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.CredentialService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignFilter;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.CampaignStatus;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceFilter;
import dev.pushdeck.device.DeviceImportService;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import dev.pushdeck.tenancy.DemoTeamReady;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo seed, run against a fresh team of the shared test context (demo mode stays off
 * for every other test): the seeder is built by hand and the dispatcher points at a mock
 * APNs, as the simulator is not running here.
 */
@PushdeckTest
class DemoSimulatorSeedTest {

    @Autowired
    TestTeams teams;
    @Autowired
    CurrentActor actor;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    AppService apps;
    @Autowired
    CredentialService credentials;
    @Autowired
    DeviceImportService imports;
    @Autowired
    DeviceService devices;
    @Autowired
    CampaignService campaigns;
    @Autowired
    DispatchService dispatch;
    @Autowired
    ApnsClients clients;

    @AfterEach
    void restore() {
        clients.overrideEndpoint(null);
        TestSecurity.signOut();
    }

    @Test
    void theSeedCreatesTheSimulatorAppItsDevicesAndDraftsAndItsSentCampaignCompletesOnce() throws Exception {
        TestTeams.Fixture team = teams.create("demo-seed");
        DemoSimulatorSeed seed = new DemoSimulatorSeed(actor, transactions, apps, credentials, imports, devices,
                campaigns);
        DemoTeamReady ready = new DemoTeamReady(team.teamId(), team.owner().id());
        try (MockApns apns = new MockApns()) {
            clients.overrideEndpoint(apns.endpoint());

            UUID sent = seed.seed(ready).orElseThrow();

            await("the demo campaign", () -> as(team, () -> campaigns.get(sent)).status() == CampaignStatus.COMPLETED);
            PushApp app = as(team, () -> apps.list(0, 10)).stream()
                    .filter(candidate -> candidate.bundleId().equals(DemoSimulatorSeed.BUNDLE_ID)).findFirst()
                    .orElseThrow();
            assertThat(app.bundleId()).endsWith(".simulator");
            List<Device> all = as(team, () -> devices.list(app.id(), DeviceFilter.ALL, 0, 500));
            assertThat(all).hasSize(DemoSimulatorSeed.DEVICES);
            assertThat(all.stream().filter(Device::testDevice)).hasSize(5);
            assertThat(all.stream().map(Device::timeZone).distinct().count()).isGreaterThan(5);
            assertThat(all.stream().map(Device::locale).distinct().count()).isGreaterThan(5);
            List<Campaign> seeded = as(team, () -> campaigns.list(new CampaignFilter(null, app.id(), null), 0, 10));
            assertThat(seeded).extracting(Campaign::status).containsExactlyInAnyOrder(CampaignStatus.DRAFT,
                    CampaignStatus.DRAFT, CampaignStatus.DRAFT, CampaignStatus.COMPLETED);
            Campaign tested = seeded.stream().filter(campaign -> campaign.draft().abTest() != null).findFirst()
                    .orElseThrow();
            assertThat(tested.draft().variantLocales()).containsExactly("zh", "de");
            assertThat(tested.draft().quietHours()).isNotNull();
            assertThat(app.frequencyCap().perDay()).isEqualTo(2);
            RunProgress progress = dispatch.progress(team.teamId(), sent);
            assertThat(progress.count(DeliveryStatus.ACCEPTED)).isEqualTo(progress.total());
            assertThat(progress.total()).isEqualTo(all.stream()
                    .filter(device -> device.environment() == ApnsEnvironment.PRODUCTION).count());

            assertThat(seed.seed(ready)).as("a second start").isEqualTo(Optional.empty());
            assertThat(as(team, () -> campaigns.count(CampaignFilter.ALL))).isEqualTo(4);
        }
    }

    private static <T> T as(TestTeams.Fixture team, Supplier<T> work) {
        return TestSecurity.as(team.as(Role.VIEWER), work);
    }
}
