package dev.pushdeck.history.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.DownloadKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.audit.AuditEntry;
import dev.pushdeck.audit.AuditFilter;
import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.device.Device;
import dev.pushdeck.dispatch.DeliveryStatus;
import dev.pushdeck.dispatch.LiveSending;
import dev.pushdeck.dispatch.RunProgress;
import dev.pushdeck.dispatch.RunStatus;
import dev.pushdeck.history.DeliveryEntry;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import dev.pushdeck.tenancy.MemberService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class HistoryViewsTest extends KaribuTest {

    @Autowired
    ProgressTicker ticker;
    @Autowired
    AuditLog audit;
    @Autowired
    MemberService members;

    LiveSending live;
    TestTeams.Fixture team;
    PushApp app;

    @BeforeEach
    void startSending() throws Exception {
        live = new LiveSending(context);
        team = teams.create("history-views");
        app = live.app(team, "history");
    }

    @AfterEach
    void stopSending() {
        live.close();
    }

    // --- Campaign report ------------------------------------------------------------------

    @Test
    void theReportsCountsAndProgressFollowTheDatabaseWhileTheCampaignSends() {
        Campaign campaign = partlySent("Live report");
        login(team.as(Role.EDITOR));
        navigate("campaigns/" + campaign.id() + "/report");
        CampaignReportView view = _get(CampaignReportView.class);
        RunProgress partly = live.awaitProgress(team, campaign.id(), p -> p.status() == RunStatus.SENDING);
        tick();

        assertThat(partly.count(DeliveryStatus.ACCEPTED)).isEqualTo(1);
        assertThat(view.counters.counts.get(DeliveryStatus.ACCEPTED).getText()).isEqualTo("1");
        assertThat(view.counters.counts.get(DeliveryStatus.PENDING).getText()).isEqualTo("2");
        assertThat(view.counters.progressText.getText()).isEqualTo("1 of 3 handled");
        assertThat(view.counters.bar.getValue()).isEqualTo(1 / 3.0);
        assertThat(view.facts.status.getText()).isEqualTo("Sending");
        assertThat(buttonTexts()).containsExactly("Pause", "Cancel campaign", "Duplicate");

        _click(button("Pause"));
        assertThat(view.facts.status.getText()).isEqualTo("Paused");
        assertThat(buttonTexts()).containsExactly("Resume", "Cancel campaign", "Duplicate");

        _click(button("Cancel campaign"));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));
        // Cancelling marks the run at once and drains its waiting rows in the background.
        live.awaitProgress(team, campaign.id(), p -> p.status() == RunStatus.CANCELLED
                && p.count(DeliveryStatus.CANCELLED) == 2);
        tick();

        assertThat(view.counters.counts.get(DeliveryStatus.ACCEPTED).getText()).isEqualTo("1");
        assertThat(view.counters.counts.get(DeliveryStatus.CANCELLED).getText()).isEqualTo("2");
        assertThat(view.counters.counts.get(DeliveryStatus.PENDING).getText()).isEqualTo("0");
        assertThat(view.counters.bar.getValue()).isEqualTo(1.0);
        assertThat(view.facts.status.getText()).startsWith("Cancelled");
        assertThat(buttonTexts()).containsExactly("Duplicate");
    }

    @Test
    void aFinishedRunIsNoLongerWatched() {
        live.devices(team, app, 2);
        Campaign campaign = live.send(team, app, "Finishes");
        login(team.as(Role.VIEWER));
        navigate("campaigns/" + campaign.id() + "/report");
        int watchedWhileSending = ticker.watchedRuns();

        live.awaitProgress(team, campaign.id(), p -> p.status() == RunStatus.COMPLETED);
        tick();

        assertThat(_get(CampaignReportView.class).facts.status.getText()).isEqualTo("Completed");
        assertThat(ticker.watchedRuns()).isLessThan(Math.max(1, watchedWhileSending));
    }

    @Test
    void rejectionsAreCountedByReasonWithAppleMeaningInPlainWords() {
        List<Device> devices = live.devices(team, app, 4);
        live.unregistered(devices.get(0));
        live.unregistered(devices.get(1));
        live.badToken(devices.get(2));
        Campaign campaign = sentAndFinished("Reasons");
        login(team.as(Role.VIEWER));

        navigate("campaigns/" + campaign.id() + "/report");

        CampaignReportView view = _get(CampaignReportView.class);
        assertThat(view.counters.counts.get(DeliveryStatus.REJECTED).getText()).isEqualTo("3");
        assertThat(view.counters.counts.get(DeliveryStatus.ACCEPTED).getText()).isEqualTo("1");
        List<Map.Entry<String, Long>> reasons = GridKt._fetch(view.reasons, 0, 10);
        assertThat(reasons).containsExactly(Map.entry("Unregistered", 2L), Map.entry("BadDeviceToken", 1L));
        assertThat(HistoryText.meaning(view, "Unregistered")).contains("removed from the device");
        assertThat(HistoryText.meaning(view, "ClosedChannelException")).contains("ClosedChannelException");
        assertThat(buttonTexts()).isEmpty();
    }

    @Test
    void theDeliveryListFiltersByStatusReasonAndToken() {
        List<Device> devices = live.devices(team, app, 5);
        live.unregistered(devices.get(0));
        live.badToken(devices.get(1));
        Campaign campaign = sentAndFinished("Filters");
        login(team.as(Role.VIEWER));
        navigate("campaigns/" + campaign.id() + "/report");
        DeliveryGrid log = _get(DeliveryGrid.class);
        assertThat(rows(log)).hasSize(5);

        log.status.setValue(DeliveryStatus.REJECTED);
        assertThat(rows(log)).extracting(DeliveryEntry::deviceId)
                .containsExactlyInAnyOrder(devices.get(0).id(), devices.get(1).id());

        log.reason.setValue("Unregistered");
        assertThat(rows(log)).extracting(DeliveryEntry::deviceId).containsExactly(devices.get(0).id());

        log.status.clear();
        log.reason.clear();
        log.token.setValue(devices.get(3).token().substring(0, 12).toUpperCase());
        assertThat(rows(log)).extracting(DeliveryEntry::deviceId).containsExactly(devices.get(3).id());
        assertThat(log.empty.isVisible()).isFalse();

        log.status.setValue(DeliveryStatus.EXPIRED);
        assertThat(log.grid.isVisible()).isFalse();
        assertThat(log.empty.getText()).isEqualTo("No delivery matches these filters.");
    }

    @Test
    void aDraftHasNoReportYet() {
        login(team.as(Role.EDITOR));
        Campaign draft = dev.pushdeck.security.TestSecurity.as(team.as(Role.EDITOR), () -> context
                .getBean(dev.pushdeck.campaign.CampaignService.class).duplicate(sentAndFinished("Original").id()));

        navigate("campaigns/" + draft.id() + "/report");

        assertThat(_get(CampaignReportView.class).counters.counts).isEmpty();
        assertThat(paragraphs()).contains("This campaign has not been sent yet, so there is nothing to report.");
    }

    // --- Who is reading, on every read ---------------------------------------------------

    @Test
    void aMemberRemovedWhileTheirReportIsOpenGetsNoMoreRowsAndIsToldSo() {
        Campaign campaign = partlySent("Removed reader");
        login(team.as(Role.VIEWER));
        navigate("campaigns/" + campaign.id() + "/report");
        DeliveryGrid log = _get(DeliveryGrid.class);
        assertThat(rows(log)).hasSize(3);

        removeFromTheTeam(Role.VIEWER);

        assertThat(rows(log)).isEmpty();
        MockVaadin.clientRoundtrip();
        assertThat(accessLost()).contains("no longer have access");
        assertThat(_find(DeliveryGrid.class)).isEmpty();
        assertThat(_get(CampaignReportView.class).counters.counts).isEmpty();
    }

    @Test
    void theLiveTickerFollowsALoweredRoleAndStopsForAMemberWhoWasRemoved() {
        Campaign campaign = partlySent("Ticker reader");
        login(team.as(Role.EDITOR));
        navigate("campaigns/" + campaign.id() + "/report");
        tick();
        assertThat(buttonTexts()).containsExactly("Pause", "Cancel campaign", "Duplicate");

        TestSecurity.as(team.as(Role.ADMIN), () -> members.changeRole(team.editor().id(), Role.VIEWER));
        tick();
        assertThat(buttonTexts()).isEmpty();

        removeFromTheTeam(Role.EDITOR);
        tick();
        assertThat(accessLost()).contains("no longer have access");
        assertThat(ticker.watchedRuns()).isZero();
    }

    @Test
    void theDeliveryLogAndADevicesHistoryStopReadingForARemovedMember() {
        Device device = live.devices(team, app, 1).get(0);
        sentAndFinished("Seen before removal");
        login(team.as(Role.VIEWER));
        openLog(app.id());
        DeliveryGrid appLog = _get(DeliveryLogView.class).deliveries;
        assertThat(rows(appLog)).hasSize(1);
        navigate("devices/" + device.id() + "/history");
        DeliveryGrid deviceLog = _get(DeviceHistoryView.class).history;
        assertThat(rows(deviceLog)).hasSize(1);

        removeFromTheTeam(Role.VIEWER);

        assertThat(rows(deviceLog)).isEmpty();
        assertThat(rows(appLog)).isEmpty();
        MockVaadin.clientRoundtrip();
        assertThat(accessLost()).contains("no longer have access");
    }

    // --- Device history -------------------------------------------------------------------

    @Test
    void aDevicesHistoryListsEveryCampaignItReceivedNewestFirst() {
        Device device = live.devices(team, app, 1).get(0);
        Campaign first = sentAndFinished("First");
        Campaign second = sentAndFinished("Second");
        login(team.as(Role.VIEWER));

        navigate("devices/" + device.id() + "/history");

        DeviceHistoryView view = _get(DeviceHistoryView.class);
        List<DeliveryEntry> rows = rows(view.history);
        assertThat(rows).extracting(DeliveryEntry::runId).containsExactly(second.id(), first.id());
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.status()).isEqualTo(DeliveryStatus.ACCEPTED);
            assertThat(row.acceptedAt()).isNotNull();
        });
        assertThat(paragraphs()).anyMatch(text -> text.startsWith("“Accepted by APNs” means Apple took"));
    }

    @Test
    void aDeviceWithoutNotificationsSaysSo() {
        Device device = live.devices(team, app, 1).get(0);
        login(team.as(Role.VIEWER));

        navigate("devices/" + device.id() + "/history");

        DeviceHistoryView view = _get(DeviceHistoryView.class);
        assertThat(view.history.grid.isVisible()).isFalse();
        assertThat(view.history.empty.getText()).isEqualTo("Nothing has been sent to this device yet.");
    }

    @Test
    void theSearchFindsADeviceByTokenPrefixAndAlias() {
        List<Device> devices = live.devices(team, app, 3);
        login(team.as(Role.VIEWER));
        navigate("history/devices");
        DeviceSearchView search = _get(DeviceSearchView.class);
        search.app.setValue(search.app.getListDataView().getItems().filter(a -> a.id().equals(app.id()))
                .findFirst().orElseThrow());

        search.query.setValue(devices.get(1).token().substring(0, 16));
        assertThat(links(search)).containsExactly("devices/" + devices.get(1).id() + "/history");

        search.query.setValue("user-2");
        assertThat(links(search)).containsExactly("devices/" + devices.get(2).id() + "/history");
    }

    // --- Delivery log of an app -------------------------------------------------------------

    @Test
    void theAppsLogListsDeliveriesAcrossCampaignsNewestFirstAndFiltersByAlias() {
        live.devices(team, app, 2);
        Campaign first = sentAndFinished("Log one");
        Campaign second = sentAndFinished("Log two");
        login(team.as(Role.VIEWER));

        openLog(app.id());

        DeliveryGrid log = _get(DeliveryLogView.class).deliveries;
        List<DeliveryEntry> rows = rows(log);
        assertThat(rows).extracting(DeliveryEntry::runId).containsExactly(second.id(), second.id(), first.id(),
                first.id());
        assertThat(rows).extracting(DeliveryEntry::id).isSortedAccordingTo(java.util.Comparator.reverseOrder());

        log.alias.setValue("user-1");
        assertThat(rows(log)).hasSize(2).extracting(DeliveryEntry::runId).containsExactly(second.id(), first.id());

        log.from.setValue(java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).plusHours(1));
        assertThat(log.grid.isVisible()).isFalse();
        assertThat(log.empty.getText()).isEqualTo("No delivery matches these filters.");
    }

    @Test
    void aViewerInShanghaiSeesDeliveryTimesAndPicksTheRangeInShanghaiTime() {
        live.devices(team, app, 1);
        sentAndFinished("Zones");
        browserReportsZone("Asia/Shanghai");
        login(team.as(Role.VIEWER));
        openLog(app.id());
        DeliveryGrid log = _get(DeliveryLogView.class).deliveries;
        DeliveryEntry row = rows(log).get(0);
        ZonedDateTime attempted = row.lastAttemptAt().atZone(ZoneId.of("Asia/Shanghai"));
        LocalDateTime minute = attempted.toLocalDateTime().truncatedTo(ChronoUnit.MINUTES);

        assertThat(GridKt._getFormattedRow(log.grid, 0)).contains(DateTimeFormatter.ofLocalizedDateTime(
                FormatStyle.MEDIUM).withLocale(UI.getCurrent().getLocale()).format(attempted) + " UTC+8");
        assertThat(log.from.getLabel()).isEqualTo("From (Asia/Shanghai)");
        assertThat(log.to.getLabel()).isEqualTo("To (Asia/Shanghai)");

        log.from.setValue(minute);
        assertThat(rows(log)).extracting(DeliveryEntry::id).containsExactly(row.id());
        log.from.setValue(minute.plusMinutes(1));
        assertThat(rows(log)).isEmpty();

        log.from.clear();
        log.to.setValue(minute.plusMinutes(1));
        assertThat(rows(log)).extracting(DeliveryEntry::id).containsExactly(row.id());
        log.to.setValue(minute);
        assertThat(rows(log)).isEmpty();
    }

    @Test
    void anAppWithoutSendsSaysSo() {
        login(team.as(Role.VIEWER));

        openLog(app.id());

        DeliveryGrid log = _get(DeliveryLogView.class).deliveries;
        assertThat(log.grid.isVisible()).isFalse();
        assertThat(log.empty.getText()).isEqualTo("Nothing has been sent for this app yet.");
    }

    // --- Exports ---------------------------------------------------------------------------

    @Test
    void eachDownloadLeavesOneAuditEntryNamingTheViewerWhatWasExportedAndHowManyRows() {
        List<Device> devices = live.devices(team, app, 3);
        live.unregistered(devices.get(0));
        Campaign campaign = sentAndFinished("Exported");
        TestTeams.Fixture other = teams.create("history-export-other");
        login(team.as(Role.VIEWER));
        navigate("campaigns/" + campaign.id() + "/report");
        _get(DeliveryGrid.class).status.setValue(DeliveryStatus.REJECTED);

        String report = new String(DownloadKt._download(_get(Anchor.class, spec -> spec.withClasses(
                "delivery-export"))), StandardCharsets.UTF_8);

        assertThat(report.split("\r\n")).hasSize(2);
        assertThat(exports(team)).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo(team.viewer().email());
            assertThat(entry.target()).isEqualTo(campaign.name());
            assertThat(entry.details()).isEqualTo("1 row(s); status=REJECTED");
        });

        openLog(app.id());
        String log = new String(DownloadKt._download(_get(Anchor.class, spec -> spec.withClasses(
                "delivery-export"))), StandardCharsets.UTF_8);

        assertThat(log.split("\r\n")).hasSize(4);
        assertThat(exports(team)).hasSize(2).first().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo(team.viewer().email());
            assertThat(entry.target()).isEqualTo(app.name());
            assertThat(entry.details()).isEqualTo("3 row(s); no filter");
        });
        assertThat(exports(other)).isEmpty();
    }

    // --- Tenant isolation -----------------------------------------------------------------

    @Test
    void anotherTeamSeesNeitherTheReportNorTheDeviceHistory() {
        Device device = live.devices(team, app, 1).get(0);
        Campaign campaign = sentAndFinished("Private");
        TestTeams.Fixture other = teams.create("history-other");
        login(other.as(Role.OWNER));

        navigate("campaigns/" + campaign.id() + "/report");
        assertThat(_get(CampaignReportView.class).counters.counts).isEmpty();
        assertThat(paragraphs()).contains("This campaign does not exist in your team.");
        assertThat(_find(DeliveryGrid.class)).isEmpty();

        navigate("devices/" + device.id() + "/history");
        assertThat(_get(DeviceHistoryView.class).history).isNull();
        assertThat(paragraphs()).contains("This device does not exist in your team.");
        assertThat(_find(DeliveryGrid.class)).isEmpty();

        live.app(other, "other");
        openLog(app.id());
        assertThat(_get(DeliveryLogView.class).deliveries).isNull();
        assertThat(paragraphs()).contains("This app does not exist in your team.");
        assertThat(_find(DeliveryGrid.class)).isEmpty();

        navigate("campaigns/not-a-uuid/report");
        assertThat(paragraphs()).contains("This campaign does not exist in your team.");
    }

    // --- Helpers --------------------------------------------------------------------------

    /** The team's delivery-export entries, newest first, as its admin sees them. */
    private List<AuditEntry> exports(TestTeams.Fixture fixture) {
        return TestSecurity.as(fixture.as(Role.ADMIN),
                () -> audit.search(new AuditFilter("deliveries.exported", null, null, null), 0, 100));
    }

    /**
     * Three devices at one send a minute: the first is answered at once and the other two wait
     * their turn, so the run stays part sent (and the report live) for the rest of the test.
     */
    private Campaign partlySent(String name) {
        live.devices(team, app, 3);
        Campaign campaign = live.send(team, app, name, 1);
        live.awaitProgress(team, campaign.id(), p -> p.count(DeliveryStatus.ACCEPTED) == 1
                && p.count(DeliveryStatus.IN_FLIGHT) == 0);
        return campaign;
    }

    private Campaign sentAndFinished(String name) {
        Campaign campaign = live.send(team, app, name + " " + UUID.randomUUID());
        live.awaitProgress(team, campaign.id(), p -> p.status().isFinal());
        return campaign;
    }

    private static void openLog(UUID appId) {
        com.vaadin.flow.component.UI.getCurrent().navigate("deliveries",
                com.vaadin.flow.router.QueryParameters.of(DeliveryLogView.APP_PARAMETER, appId.toString()));
    }

    private void removeFromTheTeam(Role role) {
        TestSecurity.as(team.as(Role.OWNER), () -> {
            members.remove(team.person(role).id());
            return null;
        });
    }

    private static String accessLost() {
        return _get(Paragraph.class, spec -> spec.withId("access-lost")).getText();
    }

    /** One tick of the shared clock, then what it queued for this UI. */
    private void tick() {
        ticker.tick();
        MockVaadin.runUIQueue();
    }

    private static List<DeliveryEntry> rows(DeliveryGrid log) {
        return GridKt._fetch(log.grid, 0, 100);
    }

    private static Button button(String text) {
        return _find(Button.class).stream().filter(b -> text.equals(b.getText())).findFirst().orElseThrow();
    }

    private static List<String> buttonTexts() {
        return _find(Button.class).stream().filter(b -> b.getParent().filter(p -> p.getClassNames()
                .contains("report-actions")).isPresent()).map(Button::getText).toList();
    }

    private static List<String> paragraphs() {
        return _find(Paragraph.class).stream().map(Paragraph::getText).toList();
    }

    private static List<String> links(DeviceSearchView search) {
        return _find(search, com.vaadin.flow.component.html.Anchor.class).stream()
                .map(com.vaadin.flow.component.html.Anchor::getHref).toList();
    }
}
