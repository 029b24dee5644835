package dev.pushdeck.history.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.AudienceSpec;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.CampaignFixtures;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.LaunchPlan;
import dev.pushdeck.campaign.LiveActivity;
import dev.pushdeck.campaign.LiveActivity.Event;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.campaign.dispatcher.CampaignLifecycle;
import dev.pushdeck.dispatch.DeliveryStatus;
import dev.pushdeck.dispatch.internal.BroadcastRunRepository;
import dev.pushdeck.history.DeliveryEntry;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The report of a broadcast campaign: its channel instead of a device count, what its one
 * delivery means in honest words, and that delivery with Apple's apns-unique-id. (Sending it
 * through the broadcast client is BroadcastCampaignsTest's; here the sender's outcome is written
 * as it writes it.)
 */
class BroadcastReportTest extends KaribuTest {

    @Autowired
    CampaignFixtures fixtures;
    @Autowired
    CampaignService campaigns;
    @Autowired
    CampaignLifecycle lifecycle;
    @Autowired
    BroadcastRunRepository runs;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;

    TestTeams.Fixture team;
    PushApp app;
    UUID channel;
    String channelId;

    @BeforeEach
    void setUp() {
        team = teams.create("broadcast-report");
        app = fixtures.app(team, "Broadcast Report " + UUID.randomUUID().toString().substring(0, 6));
        channelId = UUID.randomUUID().toString().substring(0, 22) + "==";
        channel = jdbc.sql("""
                        insert into broadcast_channels (tenant_id, app_id, environment, channel_id, storage_policy, name,
                            created_by)
                        values (:tenant, :app, 'production', :channel, 1, 'Lions v Bears', 'test') returning id""")
                .param("tenant", team.teamId()).param("app", app.id()).param("channel", channelId)
                .query(UUID.class).single();
    }

    private Campaign broadcastAnswered(UUID uniqueId) {
        CampaignDraft draft = new CampaignDraft("Goal!", ApnsEnvironment.PRODUCTION, null, null, PushType.LIVEACTIVITY,
                10, null, null, AudienceSpec.channel(channel), null, null,
                new LiveActivity(Event.UPDATE, null, null, "{\"home\":1}", null, null, null, null, null, null));
        Campaign campaign = TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.create(app.id(), draft));
        transactions.executeWithoutResult(status -> {
            LaunchPlan plan = lifecycle.startSending(team.teamId(), campaign.id()).orElseThrow();
            runs.insertRun(team.teamId(), campaign.id(), app.id(), ApnsEnvironment.PRODUCTION, plan.topic(), plan.payload(),
                    plan.payload().length(), 10, null, channel, channelId);
            runs.take(campaign.id()).orElseThrow();
            runs.finish(campaign.id(), true, DeliveryStatus.ACCEPTED, 200, null, uniqueId);
        });
        return campaign;
    }

    @Test
    void theReportNamesTheChannelSaysWhatAcceptedMeansAndShowsTheOneDeliveryWithApplesUniqueId() {
        UUID uniqueId = UUID.randomUUID();
        Campaign campaign = broadcastAnswered(uniqueId);
        login(team.as(Role.VIEWER));

        navigate("campaigns/" + campaign.id() + "/report");

        CampaignReportView view = _get(CampaignReportView.class);
        assertThat(view.broadcastNote.getText()).contains("every Live Activity subscribed to the channel")
                .contains("no count per device").contains("accepted by APNs").contains("does not mean delivered");
        assertThat(view.getElement().getTextRecursively()).contains("Broadcast channel Lions v Bears (" + channelId
                + ")");
        assertThat(view.counters.counts.get(DeliveryStatus.ACCEPTED).getText()).isEqualTo("1");
        List<DeliveryEntry> rows = GridKt._fetch(_get(DeliveryGrid.class).grid, 0, 10);
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.apnsUniqueId()).isEqualTo(uniqueId);
            assertThat(row.token()).isEqualTo(channelId);
            assertThat(row.status()).isEqualTo(DeliveryStatus.ACCEPTED);
        });
    }

    @Test
    void aDeviceCampaignsReportHasNoBroadcastNote() {
        Campaign plain = TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.create(app.id(),
                new CampaignDraft("Hello", ApnsEnvironment.PRODUCTION, new dev.pushdeck.campaign.Notification("Hi", null,
                        "there", null, null, null, null, false, false, null, null, null), null, PushType.ALERT, 10,
                        null, null, null, null, null)));
        login(team.as(Role.VIEWER));

        navigate("campaigns/" + plain.id() + "/report");

        assertThat(_get(CampaignReportView.class).broadcastNote.getParent()).isEmpty();
    }
}
