package dev.pushdeck.dispatch;

import static dev.pushdeck.dispatch.DispatcherTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.CredentialService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.AudienceSpec;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.CampaignStatus;
import dev.pushdeck.campaign.LaunchPlan;
import dev.pushdeck.campaign.LiveActivity;
import dev.pushdeck.campaign.LiveActivity.Event;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.campaign.Schedule;
import dev.pushdeck.campaign.dispatcher.CampaignLifecycle;
import dev.pushdeck.dispatch.internal.BroadcastRunRepository;
import dev.pushdeck.history.DeliveryEntry;
import dev.pushdeck.history.DeliveryFilter;
import dev.pushdeck.history.internal.DeliveryLog;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import dev.pushdeck.shared.error.ValidationException;
import java.net.ServerSocket;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Campaigns whose audience is a broadcast channel, against a server that answers like Apple: one
 * request per campaign, written as the run's one delivery with Apple's apns-unique-id; refusals
 * and silence recorded and never repeated; cancelled before the send, nothing goes out; a run a
 * stopped node left is sent late only while it is still wanted.
 */
@PushdeckTest
class BroadcastCampaignsTest {

    private static final String BROADCASTS = "/4/broadcasts/apps/";

    @Autowired
    TestTeams teams;
    @Autowired
    AppService apps;
    @Autowired
    CredentialService credentials;
    @Autowired
    CampaignService campaigns;
    @Autowired
    BroadcastChannelService channels;
    @Autowired
    BroadcastApns broadcastApns;
    @Autowired
    DispatchService dispatch;
    @Autowired
    DeliveryLog log;
    @Autowired
    CampaignDispatch campaignDispatch;
    @Autowired
    CampaignBroadcasts broadcasts;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    CampaignLifecycle lifecycle;
    @Autowired
    BroadcastRunRepository runs;
    @Autowired
    JdbcClient jdbc;

    BroadcastSimulator apple;
    TestTeams.Fixture team;
    PushApp app;
    BroadcastChannel channel;

    @BeforeEach
    void setUp() throws Exception {
        apple = TestBroadcasts.started(broadcastApns, 10);
        team = teams.create("broadcast-campaigns");
        app = TestBroadcasts.tokenKeyApp(team, apps, credentials, "Scores");
        channel = TestSecurity.as(team.as(Role.EDITOR), () -> channels.create(app.id(), ApnsEnvironment.PRODUCTION,
                StoragePolicy.MOST_RECENT, "Lions v Bears"));
    }

    @AfterEach
    void tearDown() {
        broadcastApns.overrideEndpoint(null);
        apple.close();
    }

    private CampaignDraft draft(Event event, Schedule schedule) {
        LiveActivity activity = new LiveActivity(event, null, null, event == Event.END ? null
                : "{\"home\":2,\"away\":1}", null, null, null, null, null, null);
        return new CampaignDraft("Goal!", ApnsEnvironment.PRODUCTION, null, null, PushType.LIVEACTIVITY, 10, null, null,
                AudienceSpec.channel(channel.id()), schedule, null, activity);
    }

    private Campaign sendNow() {
        return TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.sendNow(campaigns.create(app.id(),
                draft(Event.UPDATE, null)).id()));
    }

    private Campaign awaitStatus(Campaign campaign, CampaignStatus status) {
        await("campaign " + status, () -> campaign(campaign).status() == status);
        return campaign(campaign);
    }

    private Campaign campaign(Campaign campaign) {
        return TestSecurity.as(team.as(Role.VIEWER), () -> campaigns.get(campaign.id()));
    }

    private List<DeliveryEntry> deliveries(Campaign campaign) {
        return log.ofRun(team.teamId(), campaign.id(), DeliveryFilter.none(), 0, 10);
    }

    private List<BroadcastSimulator.Request> sent() {
        return apple.requests().stream().filter(r -> r.path().startsWith(BROADCASTS)).toList();
    }

    @Test
    void anUpdateToAChannelIsOneRequestAndOneAcceptedDeliveryWithApplesUniqueId() {
        Campaign campaign = awaitStatus(sendNow(), CampaignStatus.COMPLETED);

        assertThat(sent()).hasSize(1);
        BroadcastSimulator.Request request = sent().get(0);
        assertThat(request.path()).isEqualTo(BROADCASTS + app.bundleId());
        assertThat(request.header("apns-channel-id")).isEqualTo(channel.channelId());
        assertThat(request.header("apns-push-type")).isEqualTo("liveactivity");
        assertThat(request.header("apns-priority")).isEqualTo("10");
        assertThat(Long.parseLong(request.header("apns-expiration"))).isGreaterThan(0);
        assertThat(request.body()).contains("\"event\":\"update\"").contains("\"home\":2");
        List<DeliveryEntry> rows = deliveries(campaign);
        assertThat(rows).hasSize(1);
        DeliveryEntry delivery = rows.get(0);
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.ACCEPTED);
        assertThat(delivery.token()).isEqualTo(channel.channelId());
        assertThat(delivery.apnsUniqueId()).isNotNull();
        assertThat(delivery.apnsId().toString()).isEqualTo(request.header("apns-request-id"));
        RunProgress progress = dispatch.progress(team.teamId(), campaign.id());
        assertThat(progress.total()).isEqualTo(1);
        assertThat(progress.byStatus()).containsEntry(DeliveryStatus.ACCEPTED, 1L);
        assertThat(TestSecurity.as(team.as(Role.VIEWER), () -> channels.broadcasts(app.id(), channel.id())))
                .singleElement().satisfies(filed -> {
                    assertThat(filed.apnsUniqueId()).isEqualTo(delivery.apnsUniqueId());
                    assertThat(filed.status()).isEqualTo("ACCEPTED");
                    assertThat(filed.sentBy()).isEqualTo(campaign.createdBy());
                });
    }

    @Test
    void aRefusalIsRecordedWithApplesReasonAndNotRepeated() {
        apple.answerNext(400, "BadExpirationDate");

        Campaign campaign = awaitStatus(sendNow(), CampaignStatus.COMPLETED);

        assertThat(deliveries(campaign)).singleElement().satisfies(delivery -> {
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.REJECTED);
            assertThat(delivery.reason()).isEqualTo("BadExpirationDate");
            assertThat(delivery.statusCode()).isEqualTo(400);
            assertThat(delivery.apnsUniqueId()).isNull();
        });
        assertThat(sent()).hasSize(1);
    }

    @Test
    void appleAskingToTryLaterIsAFailureThatIsNotRetriedBehindTheSendersBack() {
        apple.answerNext(503, "ServiceUnavailable");

        Campaign campaign = awaitStatus(sendNow(), CampaignStatus.COMPLETED);

        assertThat(deliveries(campaign)).singleElement().satisfies(delivery -> {
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(delivery.reason()).isEqualTo("ServiceUnavailable");
        });
        assertThat(broadcasts.sweep()).isZero();
        assertThat(sent()).hasSize(1);
    }

    @Test
    void noAnswerAtAllIsAFailureNamedSo() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            TestBroadcasts.point(broadcastApns, socket.getLocalPort());
        }

        Campaign campaign = awaitStatus(sendNow(), CampaignStatus.COMPLETED);

        assertThat(deliveries(campaign)).singleElement().satisfies(delivery -> {
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(delivery.reason()).isEqualTo("NoAnswer");
        });
    }

    @Test
    void aBroadcastCancelledBeforeItsSendNeverLeavesAndShowsOneCancelledDelivery() {
        Campaign campaign = TestSecurity.as(team.as(Role.EDITOR), () -> transactions.execute(status -> {
            Campaign sending = campaigns.sendNow(campaigns.create(app.id(), draft(Event.END, null)).id());
            return campaigns.cancel(sending.id());
        }));

        assertThat(campaign(campaign).status()).isEqualTo(CampaignStatus.CANCELLED);
        assertThat(deliveries(campaign)).singleElement().satisfies(delivery -> {
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.CANCELLED);
            assertThat(delivery.apnsId()).isNull();
        });
        broadcasts.send(campaign.id());
        assertThat(sent()).isEmpty();
    }

    @Test
    void aScheduledBroadcastLaunchesWhenDueAndCanBeCancelledBeforeThat() {
        Schedule later = new Schedule(LocalDateTime.now(ZoneOffset.UTC).plusDays(1), "UTC", false);
        Campaign due = TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.create(app.id(),
                draft(Event.UPDATE, later)));
        Campaign dropped = TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.create(app.id(),
                draft(Event.UPDATE, later)));
        assertThat(due.status()).isEqualTo(CampaignStatus.SCHEDULED);
        assertThat(due.audienceCount()).isZero();
        TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.cancel(dropped.id()));
        jdbc.sql("update campaigns set scheduled_at = now() - interval '1 minute' where id in (:ids)")
                .param("ids", List.of(due.id(), dropped.id())).update();

        campaignDispatch.launchDue();

        awaitStatus(due, CampaignStatus.COMPLETED);
        assertThat(deliveries(due)).extracting(DeliveryEntry::status).containsExactly(DeliveryStatus.ACCEPTED);
        assertThat(campaign(dropped).status()).isEqualTo(CampaignStatus.CANCELLED);
        assertThat(dispatch.exists(team.teamId(), dropped.id())).isFalse();
        assertThat(sent()).hasSize(1);
    }

    @Test
    void aScheduledBroadcastWhoseChannelWasDeletedFailsAtLaunchWithTheReason() {
        Schedule later = new Schedule(LocalDateTime.now(ZoneOffset.UTC).plusDays(1), "UTC", false);
        Campaign due = TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.create(app.id(),
                draft(Event.UPDATE, later)));
        TestSecurity.as(team.as(Role.EDITOR), () -> {
            channels.delete(app.id(), channel.id());
            return null;
        });
        jdbc.sql("update campaigns set scheduled_at = now() - interval '1 minute' where id = :id")
                .param("id", due.id()).update();

        campaignDispatch.launchDue();

        Campaign failed = campaign(due);
        assertThat(failed.status()).isEqualTo(CampaignStatus.FAILED);
        assertThat(failed.statusReason()).contains("campaign.audience.channel.gone");
        assertThat(sent()).isEmpty();
    }

    @Test
    void aRunTakenByANodeThatStoppedIsFailedAsUnansweredNotSentAgain() {
        Campaign campaign = TestSecurity.as(team.as(Role.EDITOR), () -> transactions.execute(status -> {
            Campaign sending = campaigns.sendNow(campaigns.create(app.id(), draft(Event.UPDATE, null)).id());
            jdbc.sql("update dispatch_runs set broadcast_taken_at = now() - interval '1 hour' where id = :id")
                    .param("id", sending.id()).update();
            return sending;
        }));

        broadcasts.sweep();

        awaitStatus(campaign, CampaignStatus.COMPLETED);
        assertThat(deliveries(campaign)).singleElement().satisfies(delivery -> {
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(delivery.reason()).isEqualTo("NoAnswer");
        });
        assertThat(sent()).isEmpty();
    }

    @Test
    void aRunNeverTakenIsSentLateOnlyWhileNoNewerBroadcastReachedItsChannel() {
        Campaign stale = leftUntaken();
        TestSecurity.as(team.as(Role.EDITOR), () -> channels.broadcast(app.id(), channel.id(),
                new LiveActivity(Event.UPDATE, null, null, "{\"home\":3,\"away\":1}", null, null, null, null, null,
                        null), 10, null));
        broadcasts.sweep();
        awaitStatus(stale, CampaignStatus.COMPLETED);
        assertThat(deliveries(stale)).singleElement().satisfies(delivery -> {
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.EXPIRED);
            assertThat(delivery.reason()).isEqualTo("Superseded");
        });
        assertThat(sent()).hasSize(1);

        Campaign late = leftUntaken();
        broadcasts.sweep();
        awaitStatus(late, CampaignStatus.COMPLETED);
        assertThat(deliveries(late)).extracting(DeliveryEntry::status).containsExactly(DeliveryStatus.ACCEPTED);
        assertThat(sent()).hasSize(2);
    }

    /** A launched broadcast whose node stopped before the send: not taken, launched a while ago. */
    private Campaign leftUntaken() {
        Campaign campaign = TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.create(app.id(),
                draft(Event.UPDATE, null)));
        transactions.executeWithoutResult(status -> {
            LaunchPlan plan = lifecycle.startSending(team.teamId(), campaign.id()).orElseThrow();
            runs.insertRun(team.teamId(), plan.campaignId(), app.id(), ApnsEnvironment.PRODUCTION, plan.topic(), plan.payload(),
                    plan.payload().length(), plan.priority(), null, channel.id(), channel.channelId());
            jdbc.sql("update dispatch_runs set launched_at = now() - interval '2 minutes' where id = :id")
                    .param("id", campaign.id()).update();
        });
        jdbc.sql("update channel_broadcasts set sent_at = sent_at - interval '5 minutes' where run_id is null").update();
        return campaign;
    }

    @Test
    void aStartCannotGoToAChannelAndAnotherTeamsChannelIsUnknown() {
        assertThatThrownBy(() -> TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.create(app.id(),
                draft(Event.START, null))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .anySatisfy(error -> {
                            assertThat(error.field()).isEqualTo("liveActivity.event");
                            assertThat(error.key()).isEqualTo("campaign.audience.channel.not-start");
                        }));

        TestTeams.Fixture other = teams.create("broadcast-campaigns-other");
        PushApp otherApp = TestSecurity.as(other.as(Role.ADMIN), () -> apps.create("Other", "com.example.other"
                + UUID.randomUUID().toString().substring(0, 8)));
        assertThatThrownBy(() -> TestSecurity.as(other.as(Role.EDITOR), () -> campaigns.create(otherApp.id(),
                draft(Event.UPDATE, null))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .anySatisfy(error -> assertThat(error.key()).isEqualTo("campaign.audience.channel.unknown")));
    }
}
