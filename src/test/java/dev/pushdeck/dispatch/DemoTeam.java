package dev.pushdeck.dispatch;

import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.UnregisteredDeviceTokenException;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.AppKeyService;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.CredentialService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignFilter;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.CampaignStatus;
import dev.pushdeck.campaign.DirectSendService;
import dev.pushdeck.campaign.Schedule;
import dev.pushdeck.campaign.TemplateService;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceFilter;
import dev.pushdeck.device.DeviceImportService;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.security.ApiTokenService;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import dev.pushdeck.tenancy.DemoTeamReady;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A test team that looks like the demo a new person meets: the demo seed's simulator app,
 * devices, drafts and sent campaign (sent to a mock APNs that answers Unregistered for one
 * device in twenty and BadDeviceToken for a few), plus a scheduled, a cancelled and a test
 * campaign, a template, an API token and an app key. For browser tests that look at every
 * view. Close it to point the dispatcher back at Apple.
 */
public final class DemoTeam implements AutoCloseable {

    /** A campaign name long enough to show whether lists give names room. */
    public static final String LONG_NAME = "Spring menu launch: seasonal drinks and pastries in every store";

    private final MockApns apns;
    private final ApnsClients clients;
    private final TestTeams.Fixture team;
    private final PushApp app;
    private final UUID sent;
    private final Device device;

    public DemoTeam(ApplicationContext context, TestTeams.Fixture team) throws Exception {
        this.team = team;
        apns = new MockApns();
        clients = context.getBean(ApnsClients.class);
        clients.overrideEndpoint(apns.endpoint());
        answerSomeTokensWithRejections();
        AppService apps = context.getBean(AppService.class);
        CampaignService campaigns = context.getBean(CampaignService.class);
        DeviceService devices = context.getBean(DeviceService.class);
        DemoSimulatorSeed seed = new DemoSimulatorSeed(context.getBean(CurrentActor.class),
                context.getBean(TransactionTemplate.class), apps, context.getBean(CredentialService.class),
                context.getBean(DeviceImportService.class), devices, campaigns);
        sent = seed.seed(new DemoTeamReady(team.teamId(), team.owner().id())).orElseThrow();
        app = as(() -> apps.list(0, 10).get(0));
        device = as(() -> devices.list(app.id(), DeviceFilter.ALL, 0, 1).get(0));
        awaitFinished(campaigns, sent);
        as(() -> {
            Campaign spring = campaigns.duplicate(sent);
            campaigns.update(spring.id(), new dev.pushdeck.campaign.CampaignDraft(LONG_NAME,
                    spring.draft().environment(), spring.draft().notification(), null, spring.draft().pushType(),
                    spring.draft().priority(), spring.draft().expiration(), null, spring.draft().audience(), null,
                    null));
            campaigns.schedule(spring.id(), new Schedule(LocalDate.now().plusDays(20).atTime(LocalTime.of(9, 30)),
                    "Europe/Berlin", false));
            Campaign cancelled = campaigns.duplicate(sent);
            campaigns.schedule(cancelled.id(), new Schedule(LocalDate.now().plusDays(3).atTime(LocalTime.NOON),
                    "Asia/Shanghai", false));
            campaigns.cancel(cancelled.id());
            Campaign brunch = campaigns.list(new CampaignFilter(CampaignStatus.DRAFT, app.id(), "brunch"), 0, 1).get(0);
            Device tester = devices.list(app.id(), new DeviceFilter(null, null, null, null, DeviceFilter.Order.TOKEN,
                    false), 0, 300).stream().filter(Device::testDevice).findFirst().orElseThrow();
            Campaign test = context.getBean(DirectSendService.class).sendTest(brunch.id(), tester.id(), 0);
            awaitFinished(campaigns, test.id());
            context.getBean(TemplateService.class).save("Weekly newsletter", brunch.draft().notification(), null);
            return null;
        });
        TestSecurity.as(team.as(Role.OWNER), () -> {
            context.getBean(ApiTokenService.class).create("Deploy pipeline", Role.EDITOR);
            return context.getBean(AppKeyService.class).create(app.id(), "iOS app 4.2");
        });
    }

    public PushApp app() {
        return app;
    }

    /** The campaign the demo seed sent, finished. */
    public UUID sentCampaign() {
        return sent;
    }

    /** One of the app's devices, which the sent campaign reached. */
    public Device device() {
        return device;
    }

    private void answerSomeTokensWithRejections() {
        List<String> tokens = DemoSimulatorSeed.devicesCsv().lines().skip(1).map(line -> line.split(",")[0]).toList();
        for (int i = 0; i < tokens.size(); i++) {
            if (i % 20 == 7) {
                apns.answer(tokens.get(i), 0, () -> new UnregisteredDeviceTokenException(Instant.now()));
            } else if (i % 47 == 5) {
                apns.answer(tokens.get(i), 0, () -> new RejectedNotificationException(RejectionReason.BAD_DEVICE_TOKEN));
            }
        }
    }

    private void awaitFinished(CampaignService campaigns, UUID id) {
        DispatcherTest.await("campaign " + id + " finished", Duration.ofSeconds(90),
                () -> as(() -> campaigns.get(id)).status() == CampaignStatus.COMPLETED);
    }

    private <T> T as(Supplier<T> work) {
        return TestSecurity.as(team.as(Role.EDITOR), work);
    }

    @Override
    public void close() {
        clients.overrideEndpoint(null);
        apns.close();
    }
}
