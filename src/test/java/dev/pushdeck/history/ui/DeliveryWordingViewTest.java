package dev.pushdeck.history.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.ContentVariant;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.dispatch.DeliveryStatus;
import dev.pushdeck.dispatch.DispatcherTest;
import dev.pushdeck.dispatch.LiveSending;
import dev.pushdeck.dispatch.RunStatus;
import dev.pushdeck.dispatch.SplitTests;
import dev.pushdeck.history.AbTestSending;
import dev.pushdeck.history.DeliveryEntry;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The delivery log names the version and language each delivery got, for campaigns with variants
 * only, and a delivery held for an A/B test's winner says so
 * (docs/decisions/060-the-delivery-log-names-each-wording.md).
 */
class DeliveryWordingViewTest extends KaribuTest {

    @Autowired
    DeviceService devices;
    @Autowired
    CampaignService campaigns;
    @Autowired
    SplitTests splitTests;

    AbTestSending sending;
    TestTeams.Fixture team;
    PushApp app;

    @BeforeEach
    void setUp() throws Exception {
        sending = new AbTestSending(context);
        team = teams.create("wording-view");
        app = sending.live.app(team, "WordingView");
    }

    @AfterEach
    void tearDown() {
        sending.close();
    }

    @Test
    void aTestedCampaignsLogNamesEachVersionAndLanguageAndTheRestWaitsForTheWinnerUntilItGetsIt() {
        Set<String> french = sending.frenchAndOthers(team, app, 5, 5);
        Campaign campaign = sending.send(team, app, AbTestSending.inTwoLanguages("Worded", 40), 4);
        login(team.as(Role.VIEWER));

        DeliveryGrid log = deliveries(campaign);

        assertThat(log.wording.isVisible()).isTrue();
        assertThat(log.wording.getHeaderText()).isEqualTo("Version / language");
        List<String> tested = new ArrayList<>();
        for (DeliveryEntry row : rows(log)) {
            String language = french.contains(row.token()) ? " · fr" : "";
            if (row.status() == DeliveryStatus.ACCEPTED) {
                tested.add(GridKt._getFormatted(log.wording, row).replace(language, ""));
                assertThat(GridKt._getFormatted(log.wording, row)).endsWith(language);
                assertThat(status(log, row)).isEqualTo("Accepted by APNs");
            } else {
                assertThat(GridKt._getFormatted(log.wording, row)).isEqualTo("rest" + language);
                assertThat(status(log, row)).isEqualTo("Waiting for the A/B test's winner");
            }
        }
        assertThat(tested).containsExactlyInAnyOrder("A", "A", "B", "B");

        TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.pickAbTestWinner(campaign.id(), 1));
        splitTests.releaseDecided();
        sending.live.awaitProgress(team, campaign.id(), p -> p.status() == RunStatus.COMPLETED);
        DeliveryGrid released = deliveries(campaign);

        List<String> rest = rows(released).stream().filter(row -> row.wording() != null && row.wording().rest())
                .map(row -> GridKt._getFormatted(released.wording, row) + " " + status(released, row)).toList();
        assertThat(rest).hasSize(6).allMatch(row -> row.matches("rest \\(B\\)( · fr)? Accepted by APNs"));
    }

    @Test
    void theColumnAndTheHeldRowReadInChinese() {
        sending.frenchAndOthers(team, app, 2, 3);
        Campaign campaign = sending.send(team, app, AbTestSending.inTwoLanguages("Chinese", 40), 2);
        login(team.as(Role.VIEWER));
        UI.getCurrent().setLocale(Locale.SIMPLIFIED_CHINESE);

        DeliveryGrid log = deliveries(campaign);

        assertThat(log.wording.getHeaderText()).isEqualTo("版本 / 语言");
        DeliveryEntry held = rows(log).stream().filter(DeliveryEntry::heldForWinner).findFirst().orElseThrow();
        assertThat(status(log, held)).isEqualTo("等待 A/B 测试的胜出版本");
        assertThat(GridKt._getFormatted(log.wording, held)).startsWith("其余受众");
    }

    @Test
    void aCampaignInSeveralLanguagesWithoutATestNamesTheLanguageOrTheDefault() {
        Set<String> french = sending.frenchAndOthers(team, app, 2, 2);
        Campaign campaign = sending.send(team, app, LiveSending.draft("Languages only")
                .withVariants(List.of(new ContentVariant("fr", "Salut", null, "de A"))), 4);
        login(team.as(Role.VIEWER));

        DeliveryGrid log = deliveries(campaign);

        assertThat(log.wording.isVisible()).isTrue();
        assertThat(rows(log)).hasSize(4).allSatisfy(row -> assertThat(GridKt._getFormatted(log.wording, row))
                .isEqualTo(french.contains(row.token()) ? "fr" : "default"));
    }

    @Test
    void aCampaignWithoutVariantsShowsNoVersionColumn() {
        sending.live.devices(team, app, 2);
        Campaign plain = sending.live.send(team, app, "Plain");
        sending.live.awaitProgress(team, plain.id(), p -> p.status().isFinal());
        login(team.as(Role.VIEWER));

        DeliveryGrid log = deliveries(plain);

        assertThat(rows(log)).hasSize(2).allSatisfy(row -> assertThat(row.wording()).isNull());
        assertThat(log.wording.isVisible()).isFalse();
        assertThat(log.grid.getColumns().stream().filter(Grid.Column::isVisible).map(Grid.Column::getHeaderText))
                .doesNotContain("Version / language");
    }

    @Test
    void aDevicesHistoryShowsTheColumnOnceAPageListsACampaignWithVariantsThoughItsNewestHasNone() {
        Device device = TestSecurity.as(team.as(Role.EDITOR), () -> devices.add(app.id(), "production",
                DispatcherTest.token(), new DeviceFields(List.of(), null, "fr-FR", null)));
        Campaign worded = sending.send(team, app, LiveSending.draft("In French too")
                .withVariants(List.of(new ContentVariant("fr", "Salut", null, "de A"))), 1);
        sending.live.awaitProgress(team, worded.id(), p -> p.status().isFinal());
        Campaign plain = sending.live.send(team, app, "Plain since");
        sending.live.awaitProgress(team, plain.id(), p -> p.status().isFinal());
        login(team.as(Role.VIEWER));

        navigate("devices/" + device.id() + "/history");
        DeliveryGrid history = _get(DeviceHistoryView.class).history;
        assertThat(history).isNotNull();
        List<DeliveryEntry> rows = rows(history);
        MockVaadin.clientRoundtrip();

        assertThat(history.wording.isVisible()).isTrue();
        assertThat(rows).extracting(row -> GridKt._getFormatted(history.wording, row)).containsExactly("", "fr");
    }

    private DeliveryGrid deliveries(Campaign campaign) {
        navigate("campaigns/" + campaign.id() + "/report");
        return _get(DeliveryGrid.class);
    }

    private static List<DeliveryEntry> rows(DeliveryGrid log) {
        return GridKt._fetch(log.grid, 0, 100);
    }

    private static String status(DeliveryGrid log, DeliveryEntry row) {
        return GridKt._getFormatted(GridKt._getColumnByKey(log.grid, "status"), row);
    }
}
