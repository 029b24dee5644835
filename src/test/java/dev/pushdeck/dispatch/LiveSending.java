package dev.pushdeck.dispatch;

import static dev.pushdeck.app.TestCredentials.KEY_ID;
import static dev.pushdeck.app.TestCredentials.TEAM_ID;

import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.UnregisteredDeviceTokenException;
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
import dev.pushdeck.campaign.Notification;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.history.DeliveryEntry;
import dev.pushdeck.history.DeliveryFilter;
import dev.pushdeck.history.internal.DeliveryLog;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import dev.pushdeck.shared.error.ConflictException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.springframework.context.ApplicationContext;

/**
 * Real campaigns sent by the real dispatcher to a Pushy MockApnsServer, for tests outside
 * this package (history views, browser tests): an app with a token key, devices, and
 * campaigns sent now, optionally throttled so a run can be watched half done, with chosen
 * rejections. Close it to point the dispatcher back at Apple.
 */
public final class LiveSending implements AutoCloseable {

    private final MockApns apns;
    private final ApnsClients clients;
    private final AppService apps;
    private final CredentialService credentials;
    private final DeviceService devices;
    private final CampaignService campaigns;
    private final DispatchService dispatch;
    private final NotificationEvents events;
    private final DeliveryLog log;
    /** Campaigns sent here, with their team: what is still sending at close is cancelled. */
    private final Map<UUID, TestTeams.Fixture> sent = new LinkedHashMap<>();

    public LiveSending(ApplicationContext context) throws Exception {
        apns = new MockApns();
        clients = context.getBean(ApnsClients.class);
        apps = context.getBean(AppService.class);
        credentials = context.getBean(CredentialService.class);
        devices = context.getBean(DeviceService.class);
        campaigns = context.getBean(CampaignService.class);
        dispatch = context.getBean(DispatchService.class);
        events = context.getBean(NotificationEvents.class);
        log = context.getBean(DeliveryLog.class);
        clients.overrideEndpoint(apns.endpoint());
    }

    /** An app with a production token key. */
    public PushApp app(TestTeams.Fixture team, String label) {
        String bundle = "com.example.live" + label.toLowerCase().replaceAll("[^a-z0-9]", "")
                + UUID.randomUUID().toString().substring(0, 8);
        return TestSecurity.as(team.as(Role.ADMIN), () -> {
            PushApp created = apps.create("Live " + label, bundle);
            credentials.upload(created.id(), new CredentialUpload(TestCredentials.bytes(TestCredentials.pem(
                    TestCredentials.ec("secp256r1").getPrivate())), null, "production", KEY_ID, TEAM_ID, false));
            return created;
        });
    }

    /** Adds {@code count} ACTIVE production devices, aliases "user-0", "user-1", ... */
    public List<Device> devices(TestTeams.Fixture team, PushApp app, int count) {
        List<Device> added = new ArrayList<>();
        TestSecurity.as(team.as(Role.EDITOR), () -> {
            for (int i = 0; i < count; i++) {
                added.add(devices.add(app.id(), "production", DispatcherTest.token(),
                        new DeviceFields(List.of(), "user-" + i, null, null)));
            }
            return added;
        });
        return added;
    }

    /** Adds one ACTIVE production device whose clock shows {@code zone} (null: no zone known). */
    public Device device(TestTeams.Fixture team, PushApp app, String zone) {
        return TestSecurity.as(team.as(Role.EDITOR), () -> devices.add(app.id(), "production",
                DispatcherTest.token(), new DeviceFields(List.of(), null, null, zone)));
    }

    /** Apple answers 410 Unregistered for this device from now on. */
    public void unregistered(Device device) {
        apns.answer(device.token(), 0, () -> new UnregisteredDeviceTokenException(Instant.now()));
    }

    /** Apple answers 400 BadDeviceToken for this device from now on. */
    public void badToken(Device device) {
        apns.answer(device.token(), 0, () -> new RejectedNotificationException(RejectionReason.BAD_DEVICE_TOKEN));
    }

    /** Creates a campaign to every device of the app and sends it now, as an editor. */
    public Campaign send(TestTeams.Fixture team, PushApp app, String name) {
        return send(team, app, name, null);
    }

    /**
     * Like {@link #send(TestTeams.Fixture, PushApp, String)} with a throttle, so a test sees a
     * run part sent: the run's bucket holds {@code perMinute / 60} sends (at least one) and
     * refills at {@code perMinute} a minute, so at 1 a minute the first goes at once and the
     * next a minute later.
     */
    public Campaign send(TestTeams.Fixture team, PushApp app, String name, Integer perMinute) {
        return send(team, app, draft(name, perMinute));
    }

    /** A campaign "Hello from the test" to every production device of the app, not sent yet. */
    public static CampaignDraft draft(String name) {
        return draft(name, null);
    }

    private static CampaignDraft draft(String name, Integer perMinute) {
        Notification hello = new Notification("Hello", null, "from the test", "default", null, null, null, false,
                false, null, null, null);
        return new CampaignDraft(name, ApnsEnvironment.PRODUCTION, hello, null, PushType.ALERT, 10, null,
                null, new AudienceSpec(AudienceSpec.Type.ALL, List.of(), AudienceSpec.Match.ANY, List.of()), null,
                perMinute);
    }

    /** Creates the campaign and sends it now, as an editor; what is still sending at close is cancelled. */
    public Campaign send(TestTeams.Fixture team, PushApp app, CampaignDraft draft) {
        Campaign campaign = TestSecurity.as(team.as(Role.EDITOR),
                () -> campaigns.sendNow(campaigns.create(app.id(), draft).id()));
        sent.put(campaign.id(), team);
        return campaign;
    }

    /** The delivery of a run (of at most 100) to the device, as the log shows it. */
    public DeliveryEntry row(TestTeams.Fixture team, UUID run, Device device) {
        return log.ofRun(team.teamId(), run, DeliveryFilter.none(), 0, 100).stream()
                .filter(row -> row.deviceId().equals(device.id())).findFirst().orElseThrow();
    }

    /** How many notifications the mock received for {@code token}. */
    public int received(String token) {
        return apns.received(token);
    }

    /** The payload the last notification to {@code token} carried. */
    public String lastPayload(String token) {
        return apns.last(token).payload();
    }

    /** The app's phones report these deliveries {@code kind} ("received", "opened"), as the events endpoint takes them. */
    public EventsRecorded report(TestTeams.Fixture team, PushApp app, String kind, List<DeliveryEntry> deliveries) {
        return events.recordForApp(team.teamId(), app.id(), deliveries.stream()
                .map(d -> new NotificationEvent(kind, String.valueOf(d.id()), null, null, null)).toList());
    }

    /** Waits (up to a minute) until the run's progress satisfies the condition. */
    public RunProgress awaitProgress(TestTeams.Fixture team, UUID runId, java.util.function.Predicate<RunProgress> done) {
        RunProgress[] last = new RunProgress[1];
        BooleanSupplier reached = () -> done.test(last[0] = dispatch.progress(team.teamId(), runId));
        DispatcherTest.await("progress of run " + runId, Duration.ofSeconds(60), reached);
        return last[0];
    }

    /**
     * Cancels what is still sending before the mock goes, so that a throttled or unfinished run
     * does not retry against Apple's real endpoint for the rest of the test JVM, where any later
     * test that points the dispatcher at a mock of its own would receive it.
     */
    @Override
    public void close() {
        sent.forEach((campaign, team) -> TestSecurity.as(team.as(Role.OWNER), () -> {
            try {
                return campaigns.cancel(campaign);
            } catch (ConflictException alreadyEnded) {
                return null;
            }
        }));
        clients.overrideEndpoint(null);
        apns.close();
    }
}
