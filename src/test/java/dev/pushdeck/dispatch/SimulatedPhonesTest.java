package dev.pushdeck.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.dispatch.internal.EngagementRepository;
import dev.pushdeck.history.DeliveryEntry;
import dev.pushdeck.history.DeliveryFilter;
import dev.pushdeck.history.Engagement;
import dev.pushdeck.history.internal.DeliveryLog;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The demo's simulated phones report through the events service, for the share they are set to. */
@PushdeckTest
class SimulatedPhonesTest {

    @Autowired
    TestTeams teams;
    @Autowired
    NotificationEvents events;
    @Autowired
    EngagementRepository engagement;
    @Autowired
    DeliveryLog deliveryLog;
    @Autowired
    ApplicationContext context;

    LiveSending live;
    TestTeams.Fixture team;
    PushApp app;
    Campaign campaign;
    List<DeliveryEntry> sent;

    @BeforeEach
    void sendToThreeDevices() throws Exception {
        live = new LiveSending(context);
        team = teams.create("simulated-phones");
        app = live.app(team, "phones");
        live.devices(team, app, 3);
        campaign = live.send(team, app, "Phones");
        live.awaitProgress(team, campaign.id(), p -> p.status().isFinal());
        sent = TestSecurity.as(team.as(Role.VIEWER), () -> deliveryLog.ofRun(team.teamId(), campaign.id(),
                DeliveryFilter.none(), 0, 10));
    }

    @AfterEach
    void stopSending() {
        live.close();
    }

    @Test
    void phonesThatReceiveAndOpenEverythingReportEachDeliveryOnceOfEachKind() {
        SimulatedPhones phones = phones(100, 100);

        sent.forEach(delivery -> phones.accepted(payloadOf(delivery)));
        sent.forEach(delivery -> phones.accepted(payloadOf(delivery)));
        reportLater(phones);

        assertThat(counts()).isEqualTo(new Engagement(3, 3));
    }

    @Test
    void phonesSetToNothingReportNothingAndAPayloadWithoutTheKeyIsIgnored() {
        SimulatedPhones none = phones(0, 100);
        none.accepted(payloadOf(sent.get(0)));
        reportLater(none);
        SimulatedPhones all = phones(100, 100);
        all.accepted("{\"aps\":{}}".getBytes(StandardCharsets.UTF_8));
        reportLater(all);

        assertThat(counts()).isEqualTo(Engagement.NONE);
    }

    private SimulatedPhones phones(int receivedPercent, int openedPercent) {
        return new SimulatedPhones(events, engagement, Clock.systemUTC(), receivedPercent, openedPercent);
    }

    /** Reports as if two minutes had passed, when every report the phones planned is due. */
    private static void reportLater(SimulatedPhones phones) {
        phones.report(Instant.now().plus(Duration.ofMinutes(2)));
    }

    private byte[] payloadOf(DeliveryEntry delivery) {
        return live.lastPayload(delivery.token()).getBytes(StandardCharsets.UTF_8);
    }

    private Engagement counts() {
        return TestSecurity.as(team.as(Role.VIEWER), () -> deliveryLog.engagement(team.teamId(), campaign.id()));
    }
}
