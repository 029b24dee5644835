package dev.pushdeck.dispatch;

import static java.time.temporal.ChronoUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.AudienceSpec;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.CampaignStatus;
import dev.pushdeck.campaign.QuietHours;
import dev.pushdeck.campaign.QuietHours.Action;
import dev.pushdeck.device.Device;
import dev.pushdeck.history.DeliveryEntry;
import dev.pushdeck.history.DeliveryFilter;
import dev.pushdeck.history.internal.DeliveryLog;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Quiet hours against the real dispatcher and a mock APNs: a campaign sent now to a device in
 * Tokyo (inside the window), one in New York and one without a zone (judged in UTC; both
 * outside it), through the composer's service.
 */
@PushdeckTest
class QuietHoursDispatchTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Autowired
    ApplicationContext context;
    @Autowired
    TestTeams teams;
    @Autowired
    DispatchService dispatch;
    @Autowired
    DeliveryLog deliveryLog;
    @Autowired
    CampaignService campaigns;

    LiveSending live;
    TestTeams.Fixture team;
    PushApp app;
    Device tokyo;
    Device newYork;
    Device zoneless;

    @BeforeEach
    void setUp() throws Exception {
        live = new LiveSending(context);
        team = teams.create("quiet");
        app = live.app(team, "Quiet");
        tokyo = live.device(team, app, "Asia/Tokyo");
        newYork = live.device(team, app, "America/New_York");
        zoneless = live.device(team, app, null);
    }

    @AfterEach
    void tearDown() {
        live.close();
    }

    @Test
    void aDeliveryDueInsideQuietHoursWaitsInTheQueueUntilTheyEndOnItsDevicesClock() {
        ZonedDateTime now = ZonedDateTime.now(TOKYO).truncatedTo(MINUTES);
        Campaign campaign = live.send(team, app, LiveSending.draft("Held")
                .withQuietHours(new QuietHours(now.toLocalTime().minusHours(2), now.toLocalTime().plusHours(2),
                        Action.HOLD)));

        RunProgress progress = live.awaitProgress(team, campaign.id(), p -> p.count(DeliveryStatus.ACCEPTED) == 2);
        assertThat(live.received(newYork.token())).isEqualTo(1);
        assertThat(live.received(zoneless.token())).as("no zone: judged in UTC, nine hours behind Tokyo")
                .isEqualTo(1);
        DeliveryEntry held = live.row(team, campaign.id(), tokyo);
        assertThat(held.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(held.attempts()).isZero();
        assertThat(held.releaseAt()).as("when Tokyo's clock shows the window's end")
                .isEqualTo(now.plusHours(2).toInstant());
        assertThat(live.received(tokyo.token())).isZero();
        assertThat(progress.status()).isEqualTo(RunStatus.SENDING);
        assertThat(progress.count(DeliveryStatus.PENDING)).isEqualTo(1);
    }

    @Test
    void aHeldDeliveryIsSentWhenQuietHoursEndAndNotBefore() {
        ZonedDateTime now = ZonedDateTime.now(TOKYO);
        ZonedDateTime end = now.truncatedTo(MINUTES).plusMinutes(1);
        if (Duration.between(now, end).compareTo(Duration.ofSeconds(15)) < 0) {
            end = end.plusMinutes(1);
        }
        LocalTime to = end.toLocalTime();
        Campaign campaign = live.send(team, app, LiveSending.draft("Held briefly")
                .withQuietHours(new QuietHours(to.minusHours(1), to, Action.HOLD)));

        live.awaitProgress(team, campaign.id(), p -> p.count(DeliveryStatus.ACCEPTED) == 2);
        assertThat(Instant.now()).as("this test's window is still open").isBefore(end.toInstant());
        assertThat(live.received(tokyo.token())).isZero();

        DispatcherTest.await("the end of quiet hours", Duration.ofSeconds(150),
                () -> dispatch.progress(team.teamId(), campaign.id()).status() == RunStatus.COMPLETED);
        assertThat(dispatch.progress(team.teamId(), campaign.id()).count(DeliveryStatus.ACCEPTED)).isEqualTo(3);
        DeliveryEntry sent = live.row(team, campaign.id(), tokyo);
        assertThat(sent.releaseAt()).isEqualTo(end.toInstant());
        assertThat(sent.lastAttemptAt()).as("sent once quiet hours ended").isAfterOrEqualTo(end.toInstant());
        assertThat(live.received(tokyo.token())).isEqualTo(1);
    }

    @Test
    void aSkippedDeliveryIsNeverSentAndCountsAsSkippedWithItsReasonNotAsAFailure() {
        LocalTime now = LocalTime.now(TOKYO).truncatedTo(MINUTES);
        Campaign campaign = live.send(team, app, LiveSending.draft("Skipping")
                .withQuietHours(new QuietHours(now.minusHours(2), now.plusHours(2), Action.SKIP)));

        RunProgress done = live.awaitProgress(team, campaign.id(), p -> p.status() == RunStatus.COMPLETED);
        assertThat(done.count(DeliveryStatus.SKIPPED)).isEqualTo(1);
        assertThat(done.count(DeliveryStatus.ACCEPTED)).isEqualTo(2);
        assertThat(done.count(DeliveryStatus.FAILED)).isZero();
        assertThat(done.byReason()).isEqualTo(Map.of(QuietHours.SKIP_REASON, 1L));
        DeliveryEntry skipped = live.row(team, campaign.id(), tokyo);
        assertThat(skipped.status()).isEqualTo(DeliveryStatus.SKIPPED);
        assertThat(skipped.reason()).isEqualTo("QuietHours");
        assertThat(skipped.attempts()).isZero();
        assertThat(skipped.apnsId()).as("never claimed").isNull();
        assertThat(live.received(tokyo.token())).isZero();
        assertThat(deliveryLog.ofRun(team.teamId(), campaign.id(),
                new DeliveryFilter(DeliveryStatus.SKIPPED, null, null), 0, 100))
                .extracting(DeliveryEntry::deviceId).containsExactly(tokyo.id());
        assertThat(deliveryLog.ofApp(team.teamId(), app.id(),
                new DeliveryFilter(DeliveryStatus.SKIPPED, null, null), Long.MAX_VALUE, 100))
                .extracting(DeliveryEntry::deviceId).containsExactly(tokyo.id());
        assertThat(deliveryLog.ofDevice(team.teamId(), tokyo.id(), Long.MAX_VALUE, 10))
                .extracting(DeliveryEntry::status).containsExactly(DeliveryStatus.SKIPPED);
        awaitCampaign(campaign.id(), CampaignStatus.COMPLETED);
    }

    @Test
    void aRunWhoseEveryDeliveryIsSkippedCompletesAtOnce() {
        LocalTime now = LocalTime.now(TOKYO).truncatedTo(MINUTES);
        Device secondTokyo = live.device(team, app, "Asia/Tokyo");
        Campaign campaign = live.send(team, app, LiveSending.draft("Nobody now")
                .withAudience(AudienceSpec.tokens(List.of(tokyo.token(), secondTokyo.token())))
                .withQuietHours(new QuietHours(now.minusHours(3), now.plusHours(3), Action.SKIP)));

        RunProgress progress = dispatch.progress(team.teamId(), campaign.id());
        assertThat(progress.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(progress.total()).isEqualTo(2);
        assertThat(progress.count(DeliveryStatus.SKIPPED)).isEqualTo(2);
        assertThat(TestSecurity.as(team.as(Role.VIEWER), () -> campaigns.get(campaign.id()).status()))
                .isEqualTo(CampaignStatus.COMPLETED);
        assertThat(live.received(tokyo.token()) + live.received(secondTokyo.token())).isZero();
    }


    private void awaitCampaign(UUID id, CampaignStatus status) {
        DispatcherTest.await("campaign " + status, () -> TestSecurity.as(team.as(Role.VIEWER),
                () -> campaigns.get(id).status()) == status);
    }
}
