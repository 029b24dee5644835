package dev.pushdeck.dispatch;

import static java.time.temporal.ChronoUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.FrequencyCap;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.AudienceSpec;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.DirectSendService;
import dev.pushdeck.campaign.QuietHours;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.history.DeliveryEntry;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import dev.pushdeck.shared.error.NotFoundException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * An app's frequency cap against the real dispatcher and a mock APNs: campaigns sent through the
 * composer's service, transactional and test sends through {@link DirectSendService}.
 */
@PushdeckTest
class FrequencyCapDispatchTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    TestTeams teams;
    @Autowired
    DispatchService dispatch;
    @Autowired
    AppService apps;
    @Autowired
    DeviceService devices;
    @Autowired
    DirectSendService directSends;

    LiveSending live;
    TestTeams.Fixture team;
    PushApp app;
    Device reached;
    Device fresh;

    @BeforeEach
    void setUp() throws Exception {
        live = new LiveSending(context);
        team = teams.create("caps");
        app = live.app(team, "Capped");
        reached = live.device(team, app, null);
        fresh = live.device(team, app, null);
    }

    @AfterEach
    void tearDown() {
        live.close();
    }

    @Test
    void aDeviceAtItsCapIsSkippedWithTheReasonWhileOneUnderItIsSent() {
        cap(1, 3);
        sendAndFinish("First", reached);

        Campaign second = live.send(team, app, to("Second", reached, fresh));

        RunProgress done = live.awaitProgress(team, second.id(), p -> p.status() == RunStatus.COMPLETED);
        assertThat(done.count(DeliveryStatus.ACCEPTED)).isEqualTo(1);
        assertThat(done.count(DeliveryStatus.SKIPPED)).isEqualTo(1);
        assertThat(done.count(DeliveryStatus.FAILED)).isZero();
        assertThat(done.byReason()).isEqualTo(Map.of(FrequencyCap.SKIP_REASON, 1L));
        DeliveryEntry skipped = live.row(team, second.id(), reached);
        assertThat(skipped.status()).isEqualTo(DeliveryStatus.SKIPPED);
        assertThat(skipped.reason()).isEqualTo("FrequencyCap");
        assertThat(skipped.attempts()).isZero();
        assertThat(skipped.apnsId()).as("never claimed").isNull();
        assertThat(live.received(reached.token())).as("only the first campaign").isEqualTo(1);
        assertThat(live.received(fresh.token())).isEqualTo(1);
    }

    @Test
    void theWeeklyCapCountsEveryAcceptedDeliveryOfTheWeekAndSkippedOnesDoNot() {
        cap(null, 2);
        sendAndFinish("One", reached);
        sendAndFinish("Two", reached, fresh);

        Campaign third = sendAndFinish("Three", reached, fresh);
        Campaign fourth = sendAndFinish("Four", reached, fresh);

        assertThat(live.row(team, third.id(), reached).reason()).isEqualTo(FrequencyCap.SKIP_REASON);
        assertThat(live.row(team, third.id(), fresh).status()).isEqualTo(DeliveryStatus.ACCEPTED);
        assertThat(live.row(team, fourth.id(), fresh).reason()).as("two accepted this week").isEqualTo(FrequencyCap.SKIP_REASON);
        assertThat(live.received(reached.token())).isEqualTo(2);
        assertThat(live.received(fresh.token())).isEqualTo(2);
    }

    @Test
    void aDeliveryStillQueuedForAnEarlierCampaignCountsTowardTheCap() {
        cap(1, null);
        LocalTime now = LocalTime.now(ZoneId.of("UTC")).truncatedTo(MINUTES);
        Campaign held = live.send(team, app, to("Held", reached)
                .withQuietHours(new QuietHours(now.minusHours(2), now.plusHours(2), QuietHours.Action.HOLD)));
        assertThat(dispatch.progress(team.teamId(), held.id()).count(DeliveryStatus.PENDING)).isEqualTo(1);

        Campaign next = sendAndFinish("Next", reached);

        assertThat(live.row(team, next.id(), reached).reason()).isEqualTo(FrequencyCap.SKIP_REASON);
        assertThat(live.received(reached.token())).isZero();
    }

    @Test
    void deliveriesOfAnotherAppToTheSamePhoneDoNotCount() {
        cap(1, 1);
        PushApp other = live.app(team, "Other");
        Device samePhone = TestSecurity.as(team.as(Role.EDITOR), () -> devices.add(other.id(), "production",
                reached.token(), new DeviceFields(List.of(), null, null, null)));
        Campaign elsewhere = live.send(team, other, to("Elsewhere", samePhone));
        live.awaitProgress(team, elsewhere.id(), p -> p.status() == RunStatus.COMPLETED);

        Campaign mine = sendAndFinish("Mine", reached);

        assertThat(live.row(team, mine.id(), reached).status()).isEqualTo(DeliveryStatus.ACCEPTED);
        assertThat(live.received(reached.token())).isEqualTo(2);
    }

    @Test
    void transactionalSendsBypassTheCapButWhatTheyDeliveredCountsTowardIt() {
        cap(1, null);
        sendAndFinish("Campaign", reached);

        UUID transactional = TestSecurity.as(team.as(Role.EDITOR), () -> directSends.sendTransactional(app.id(),
                to("Receipt", reached))).campaignId();
        RunProgress sent = live.awaitProgress(team, transactional, p -> p.status() == RunStatus.COMPLETED);
        assertThat(sent.count(DeliveryStatus.ACCEPTED)).isEqualTo(1);

        Campaign later = sendAndFinish("Later", fresh, reached);
        assertThat(live.row(team, later.id(), reached).reason()).isEqualTo(FrequencyCap.SKIP_REASON);
        assertThat(live.received(reached.token())).isEqualTo(2);
    }

    @Test
    void aTestSendIgnoresTheCap() {
        cap(1, null);
        Campaign first = sendAndFinish("Real", reached);

        Campaign test = TestSecurity.as(team.as(Role.EDITOR), () -> directSends.sendTest(first.id(), reached.id(), 0));

        assertThat(live.awaitProgress(team, test.id(), p -> p.status() == RunStatus.COMPLETED)
                .count(DeliveryStatus.ACCEPTED)).isEqualTo(1);
        assertThat(live.received(reached.token())).isEqualTo(2);
    }

    @Test
    void anAppWithoutACapSendsEveryCampaign() {
        sendAndFinish("One", reached);
        sendAndFinish("Two", reached);
        Campaign third = sendAndFinish("Three", reached);

        assertThat(dispatch.progress(team.teamId(), third.id()).count(DeliveryStatus.SKIPPED)).isZero();
        assertThat(live.received(reached.token())).isEqualTo(3);
    }

    @Test
    void quietHoursThatSkipAndTheCapEachGiveTheirOwnReasonInOneRun() {
        cap(1, null);
        sendAndFinish("First", reached);
        Device tokyo = live.device(team, app, "Asia/Tokyo");
        LocalTime tokyoNow = LocalTime.now(ZoneId.of("Asia/Tokyo")).truncatedTo(MINUTES);

        Campaign both = live.send(team, app, to("Both", reached, fresh, tokyo).withQuietHours(
                new QuietHours(tokyoNow.minusHours(2), tokyoNow.plusHours(2), QuietHours.Action.SKIP)));

        RunProgress done = live.awaitProgress(team, both.id(), p -> p.status() == RunStatus.COMPLETED);
        assertThat(done.byReason()).isEqualTo(Map.of(FrequencyCap.SKIP_REASON, 1L, QuietHours.SKIP_REASON, 1L));
        assertThat(done.count(DeliveryStatus.ACCEPTED)).isEqualTo(1);
        assertThat(live.received(fresh.token())).isEqualTo(1);
    }

    @Test
    void anotherTeamCannotReadOrSetTheCap() {
        TestTeams.Fixture stranger = teams.create("caps-stranger");

        assertThatThrownBy(() -> TestSecurity.as(stranger.as(Role.OWNER), () -> apps.setFrequencyCap(app.id(), 1, 1)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> TestSecurity.as(stranger.as(Role.OWNER), () -> apps.get(app.id())))
                .isInstanceOf(NotFoundException.class);
        assertThat(TestSecurity.as(team.as(Role.VIEWER), () -> apps.get(app.id()).frequencyCap())).isNull();
    }

    private void cap(Integer perDay, Integer perWeek) {
        TestSecurity.as(team.as(Role.ADMIN), () -> apps.setFrequencyCap(app.id(), perDay, perWeek));
    }

    private static CampaignDraft to(String name, Device... devices) {
        return LiveSending.draft(name).withAudience(AudienceSpec.tokens(Arrays.stream(devices).map(Device::token)
                .toList()));
    }

    private Campaign sendAndFinish(String name, Device... devices) {
        Campaign campaign = live.send(team, app, to(name, devices));
        live.awaitProgress(team, campaign.id(), p -> p.status() == RunStatus.COMPLETED);
        return campaign;
    }

}
