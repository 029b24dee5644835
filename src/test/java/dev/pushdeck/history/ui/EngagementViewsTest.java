package dev.pushdeck.history.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.grid.Grid;
import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.ContentVariant;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.dispatch.DispatcherTest;
import dev.pushdeck.dispatch.LiveSending;
import dev.pushdeck.history.DeliveryEntry;
import dev.pushdeck.history.DeliveryFilter;
import dev.pushdeck.history.VariantOutcome;
import dev.pushdeck.history.internal.DeliveryLog;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The report, the delivery log and a device's history show what the app reported. */
class EngagementViewsTest extends KaribuTest {

    @Autowired
    DeliveryLog deliveryLog;
    @Autowired
    DeviceService deviceService;

    LiveSending live;
    TestTeams.Fixture team;
    PushApp app;
    List<Device> devices;
    Campaign campaign;

    @BeforeEach
    void sendToFourDevices() throws Exception {
        live = new LiveSending(context);
        team = teams.create("engagement-views");
        app = live.app(team, "engaged");
        devices = live.devices(team, app, 4);
        campaign = live.send(team, app, "Opens");
        live.awaitProgress(team, campaign.id(), p -> p.status().isFinal());
    }

    @AfterEach
    void stopSending() {
        live.close();
    }

    @Test
    void theReportCountsReceiptsAndOpensBesideAcceptedWithRatesOverAccepted() {
        List<DeliveryEntry> sent = deliveries();
        live.report(team, app, "received", sent.subList(0, 3));
        live.report(team, app, "opened", sent.subList(0, 1));
        live.report(team, app, "opened", sent.subList(0, 1));
        login(team.as(Role.VIEWER));

        navigate("campaigns/" + campaign.id() + "/report");
        EngagementPanel panel = _get(CampaignReportView.class).engagement;

        assertThat(panel.received.getText()).isEqualTo("3");
        assertThat(panel.opened.getText()).isEqualTo("1");
        assertThat(panel.receivedRate.getText()).isEqualTo("75% of 4 accepted");
        assertThat(panel.openedRate.getText()).isEqualTo("25% of 4 accepted");
    }

    @Test
    void aReportWithoutReportsSaysZeroAndItsChartSaysNothingYet() {
        login(team.as(Role.VIEWER));
        navigate("campaigns/" + campaign.id() + "/report");
        EngagementPanel panel = _get(CampaignReportView.class).engagement;

        assertThat(panel.received.getText()).isEqualTo("0");
        assertThat(panel.openedRate.getText()).isEqualTo("0% of 4 accepted");
        assertThat(panel.byLanguage.isVisible()).as("one content for all").isFalse();
    }

    @Test
    void aCampaignInTwoLanguagesShowsAcceptedAndOpenedPerLanguage() {
        Device chinese = TestSecurity.as(team.as(Role.EDITOR), () -> deviceService.add(app.id(), "production",
                DispatcherTest.token(), new DeviceFields(List.of(), null, "zh_CN", null)));
        Campaign languages = live.send(team, app, LiveSending.draft("Languages")
                .withVariants(List.of(new ContentVariant("zh", "你好", null, null))));
        live.awaitProgress(team, languages.id(), p -> p.status().isFinal());
        live.report(team, app, "opened", TestSecurity.as(team.as(Role.VIEWER), () -> deliveryLog.ofRun(team.teamId(),
                languages.id(), DeliveryFilter.none(), 0, 100)).stream()
                .filter(row -> row.deviceId().equals(chinese.id())).toList());
        login(team.as(Role.VIEWER));

        navigate("campaigns/" + languages.id() + "/report");
        Grid<VariantOutcome> byLanguage = _get(CampaignReportView.class).engagement.byLanguage;

        assertThat(byLanguage.isVisible()).isTrue();
        assertThat(GridKt._size(byLanguage)).isEqualTo(2);
        assertThat(GridKt._getFormattedRow(byLanguage, 0))
                .containsExactly("Default (every other device)", "4", "0", "0", "0% of 4 accepted");
        assertThat(GridKt._getFormattedRow(byLanguage, 1)).containsExactly("zh", "1", "0", "1", "100% of 1 accepted");
    }

    @Test
    void theChineseReportSpeaksChinese() {
        live.report(team, app, "opened", deliveries().subList(0, 2));
        login(team.as(Role.VIEWER));
        com.vaadin.flow.component.UI.getCurrent().setLocale(Locale.SIMPLIFIED_CHINESE);

        navigate("campaigns/" + campaign.id() + "/report");

        assertThat(_get(CampaignReportView.class).engagement.openedRate.getText()).isEqualTo("占 4 条已接受的 50%");
    }

    @Test
    void aDevicesHistoryAndTheDeliveryLogShowWhatItsAppReported() {
        DeliveryEntry first = deliveries().stream().filter(d -> d.deviceId().equals(devices.get(0).id()))
                .findFirst().orElseThrow();
        live.report(team, app, "received", List.of(first));
        live.report(team, app, "opened", List.of(first));
        login(team.as(Role.VIEWER));

        navigate("devices/" + devices.get(0).id() + "/history");
        DeliveryGrid history = _get(DeviceHistoryView.class).history;
        DeliveryEntry shown = GridKt._get(history.grid, 0);

        assertThat(shown.receivedAt()).isNotNull();
        assertThat(shown.openedAt()).isNotNull();
        assertThat(GridKt._getFormattedRow(history.grid, 0)).anySatisfy(cell ->
                assertThat(cell).isEqualTo("Accepted by APNs · Received · Opened"));
        navigate("devices/" + devices.get(1).id() + "/history");
        assertThat(GridKt._getFormattedRow(_get(DeviceHistoryView.class).history.grid, 0))
                .contains("Accepted by APNs");
    }

    private List<DeliveryEntry> deliveries() {
        return TestSecurity.as(team.as(Role.VIEWER), () -> deliveryLog.ofRun(team.teamId(), campaign.id(),
                DeliveryFilter.none(), 0, 100));
    }
}
