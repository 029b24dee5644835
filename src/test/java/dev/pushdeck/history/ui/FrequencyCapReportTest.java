package dev.pushdeck.history.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.AudienceSpec;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.device.Device;
import dev.pushdeck.dispatch.DeliveryStatus;
import dev.pushdeck.dispatch.LiveSending;
import dev.pushdeck.dispatch.RunStatus;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The campaign report of a capped app: deliveries to devices at the cap are skipped, with the reason in words. */
class FrequencyCapReportTest extends KaribuTest {

    @Autowired
    AppService apps;

    LiveSending live;
    TestTeams.Fixture team;
    PushApp app;

    @BeforeEach
    void startSending() throws Exception {
        live = new LiveSending(context);
        team = teams.create("caps-report");
        app = live.app(team, "caps report");
        TestSecurity.as(team.as(Role.ADMIN), () -> apps.setFrequencyCap(app.id(), 1, null));
    }

    @AfterEach
    void stopSending() {
        live.close();
    }

    @Test
    void skipsForTheCapAreCountedApartWithTheirReasonInBothLanguages() {
        List<Device> devices = live.devices(team, app, 2);
        sentAndFinished("Earlier", AudienceSpec.tokens(List.of(devices.get(0).token())));
        Campaign campaign = sentAndFinished("Capped", AudienceSpec.ALL_DEVICES);
        login(team.as(Role.VIEWER));

        navigate("campaigns/" + campaign.id() + "/report");

        CampaignReportView view = _get(CampaignReportView.class);
        assertThat(view.counters.counts.get(DeliveryStatus.SKIPPED).getText()).isEqualTo("1");
        assertThat(view.counters.counts.get(DeliveryStatus.ACCEPTED).getText()).isEqualTo("1");
        assertThat(view.counters.counts.get(DeliveryStatus.FAILED).getText()).isEqualTo("0");
        assertThat(GridKt._fetch(view.reasons, 0, 10)).containsExactly(Map.entry("FrequencyCap", 1L));
        assertThat(HistoryText.meaning(view, "FrequencyCap")).contains("frequency cap").contains("Not a failure");
        UI.getCurrent().setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(HistoryText.meaning(view, "FrequencyCap")).contains("频率上限");
    }

    private Campaign sentAndFinished(String name, AudienceSpec audience) {
        Campaign campaign = live.send(team, app, LiveSending.draft(name).withAudience(audience));
        live.awaitProgress(team, campaign.id(), p -> p.status() == RunStatus.COMPLETED);
        return campaign;
    }
}
