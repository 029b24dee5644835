package dev.pushdeck.dispatch;

import static dev.pushdeck.app.TestCredentials.KEY_ID;
import static dev.pushdeck.app.TestCredentials.TEAM_ID;
import static dev.pushdeck.dispatch.DispatcherTest.await;
import static org.assertj.core.api.Assertions.assertThat;

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
import dev.pushdeck.campaign.CampaignFixtures;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.CampaignStatus;
import dev.pushdeck.campaign.Notification;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.campaign.Schedule;
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.history.internal.DeliveryRetention;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import dev.pushdeck.shared.i18n.StoredReasons;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The scheduler launches each due campaign in a transaction of its own: a campaign that cannot
 * launch fails with its reason and holds back no other team's campaign. Launches do not wait
 * for other scheduled work, such as a slow retention purge.
 */
@PushdeckTest
@ExtendWith(OutputCaptureExtension.class)
class ScheduledLaunchTest {

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
    CampaignDispatch campaignDispatch;
    @Autowired
    DispatchService dispatch;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    DeliveryRetention retention;
    @Autowired
    ThreadPoolTaskScheduler scheduler;
    @Autowired
    List<ScheduledTaskHolder> scheduledTasks;

    @BeforeAll
    static void startMockApns(@Autowired ApplicationContext context) throws Exception {
        apns = TestApns.start(context);
    }

    @AfterAll
    static void stopMockApns() {
        apns.close();
    }

    /** A team with an app that can send, one device, and a campaign to it that is due now. */
    private record Due(TestTeams.Fixture team, String token, Campaign campaign) {
    }

    @Test
    void aLegacyPriorityOneCampaignFailsWithItsReasonWhileTheOtherTeamsCampaignsOfTheTickAreSent(
            CapturedOutput output) {
        Due legacy = due("legacy");
        Due first = due("first-team");
        Due second = due("second-team");
        // Earlier versions stored priority 1; it is also the longest due, so it comes first in the tick.
        jdbc.sql("update campaigns set priority = 1, scheduled_at = now() - interval '10 minutes' where id = :id")
                .param("id", legacy.campaign().id()).update();

        assertThat(campaignDispatch.launchDue()).isGreaterThanOrEqualTo(2);
        campaignDispatch.launchDue();

        for (Due sent : List.of(first, second)) {
            await("the campaign of " + sent.team().name() + " to complete",
                    () -> read(sent).status() == CampaignStatus.COMPLETED);
            assertThat(apns.received(sent.token())).isEqualTo(1);
        }
        Campaign failed = read(legacy);
        assertThat(failed.status()).isEqualTo(CampaignStatus.FAILED);
        assertThat(failed.statusReason()).isEqualTo("campaign.priority.unsupported");
        assertThat(StoredReasons.read(Locale.SIMPLIFIED_CHINESE, failed.statusReason()))
                .isEqualTo("此服务器不支持优先级 1：要节省电量请用 5，要立即送达请用 10。");
        assertThat(failed.launchedAt()).isNull();
        assertThat(dispatch.exists(legacy.team().teamId(), legacy.campaign().id())).isFalse();
        assertThat(apns.received(legacy.token())).isZero();
        assertThat(output.getOut().lines().filter(line -> line.contains(legacy.campaign().id().toString())))
                .singleElement().asString().contains("WARN").contains("Priority 1 is not supported");
    }

    @Test
    void aCampaignWhoseStoredZoneThisServerDoesNotKnowFailsNamingTheZoneAndTheOthersLaunch() {
        Due unknownZone = due("unknown-zone");
        Due other = due("beside-unknown-zone");
        // A zone accepted by a node with newer time-zone data than this one.
        jdbc.sql("""
                update campaigns set schedule_zone = 'America/Atlantis', scheduled_at = now() - interval '10 minutes'
                where id = :id""").param("id", unknownZone.campaign().id()).update();

        campaignDispatch.launchDue();

        await("the other campaign to complete", () -> read(other).status() == CampaignStatus.COMPLETED);
        Campaign failed = read(unknownZone);
        assertThat(failed.status()).isEqualTo(CampaignStatus.FAILED);
        assertThat(failed.statusReason()).isEqualTo("campaign.schedule.zone.unknown|America/Atlantis");
        assertThat(StoredReasons.read(Locale.ENGLISH, failed.statusReason()))
                .isEqualTo("Unknown time zone \"America/Atlantis\"; use an IANA zone like Asia/Shanghai.");
        assertThat(apns.received(unknownZone.token())).isZero();
    }

    // --- scheduler threads ---------------------------------------------------------------

    @Test
    void everyScheduledTaskHasAThreadOfItsOwnInTheSchedulingPool() {
        // Each task reads as the scheduled method's class and name.
        List<String> tasks = scheduledTasks.stream().flatMap(holder -> holder.getScheduledTasks().stream())
                .map(Object::toString).toList();

        assertThat(tasks).contains(CampaignDispatch.class.getName() + ".launchDueCampaigns",
                DispatchEngine.class.getName() + ".reap", DeliveryRetention.class.getName() + ".purgeOld");
        assertThat(scheduler.getScheduledThreadPoolExecutor().getCorePoolSize())
                .as("scheduling threads for " + tasks).isGreaterThanOrEqualTo(tasks.size());
    }

    @Test
    void aRetentionPurgeWaitingForARowLockDoesNotHoldUpTheLaunchOfADueCampaign() throws Exception {
        Due old = due("retained");
        campaignDispatch.launchDue();
        await("the first campaign to complete", () -> read(old).status() == CampaignStatus.COMPLETED);
        // Its one delivery is older than the purge's cutoff, and another transaction holds its row.
        jdbc.sql("""
                        update deliveries set last_attempt_at = timestamptz '2000-01-01 00:00Z',
                            active_at = timestamptz '2000-01-01 00:00Z'
                        where run_id = :run""")
                .param("run", old.campaign().id()).update();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService holder = Executors.newSingleThreadExecutor();
        try {
            Future<?> holding = holder.submit(() -> transactions.executeWithoutResult(tx -> {
                jdbc.sql("select id from deliveries where run_id = :run for update").param("run", old.campaign().id())
                        .query(Long.class).list();
                held.countDown();
                awaitQuietly(release);
            }));
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
            Future<DeliveryRetention.Purged> purge = scheduler.submit(() -> retention.purge(Instant.parse("2001-01-01T00:00:00Z"),
                    DeliveryRetention.BATCH, Duration.ZERO));
            await("the purge to wait for the row lock", () -> deletesWaitingForALock() > 0);

            Due next = due("launched-meanwhile");
            Future<Integer> launch = scheduler.submit(campaignDispatch::launchDue);

            assertThat(launch.get(60, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(1);
            await("the campaign launched meanwhile to complete", () -> read(next).status() == CampaignStatus.COMPLETED);
            assertThat(purge).isNotDone();
            release.countDown();
            holding.get(30, TimeUnit.SECONDS);
            assertThat(purge.get(60, TimeUnit.SECONDS).rowsDeleted()).isEqualTo(1);
        } finally {
            release.countDown();
            holder.shutdownNow();
        }
    }

    private long deletesWaitingForALock() {
        return jdbc.sql("""
                select count(*) from pg_stat_activity
                where wait_event_type = 'Lock' and query like '%delete from deliveries%'""").query(Long.class).single();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- fixtures ------------------------------------------------------------------------

    private Due due(String label) {
        TestTeams.Fixture team = teams.create(label);
        String bundle = "com.example.launch." + label.replace("-", "") + UUID.randomUUID().toString().substring(0, 8);
        String token = CampaignFixtures.token();
        PushApp app = TestSecurity.as(team.as(Role.ADMIN), () -> {
            PushApp created = apps.create("Launch " + label, bundle);
            credentials.upload(created.id(), new CredentialUpload(TestCredentials.bytes(TestCredentials.pem(
                    TestCredentials.ec("secp256r1").getPrivate())), null, "production", KEY_ID, TEAM_ID, false));
            return created;
        });
        Schedule justNow = new Schedule(LocalDateTime.now(ZoneOffset.UTC).minusSeconds(30), "UTC", false);
        Campaign campaign = TestSecurity.as(team.as(Role.EDITOR), () -> {
            devices.add(app.id(), "production", token, new DeviceFields(List.of(), null, null, null));
            return campaigns.create(app.id(), new CampaignDraft("Due " + label, ApnsEnvironment.PRODUCTION,
                    new Notification("Hello", null, label, "default", null, null, null, false, false, null, null,
                            null), null, PushType.ALERT, 10, null, null, AudienceSpec.ALL_DEVICES, justNow, null));
        });
        return new Due(team, token, campaign);
    }

    private Campaign read(Due due) {
        return TestSecurity.as(due.team().as(Role.VIEWER), () -> campaigns.get(due.campaign().id()));
    }
}
