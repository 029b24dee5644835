package dev.pushdeck.history.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.dispatch.RunStatus;
import dev.pushdeck.dispatch.SplitTests;
import dev.pushdeck.history.AbTestSending;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import dev.pushdeck.tenancy.MemberService;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The report's A/B test: the versions side by side with their counts, the verdict, and a person's pick. */
class AbTestReportTest extends KaribuTest {

    @Autowired
    SplitTests splitTests;
    @Autowired
    CampaignService campaigns;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MemberService members;
    @Autowired
    ProgressTicker ticker;

    AbTestSending sending;
    TestTeams.Fixture team;
    PushApp app;

    @BeforeEach
    void setUp() throws Exception {
        sending = new AbTestSending(context);
        team = teams.create("ab-report");
        app = sending.live.app(team, "AbReport");
    }

    @AfterEach
    void tearDown() {
        sending.close();
    }

    @Test
    void theVersionsStandSideBySideWithTheCountsBehindEachRateAndAFewOpensAreTooSmallToCall() {
        Campaign campaign = sending.send(team, app, "Side by side", 40, 50);
        sending.open(team, app, campaign.id(), 0, 2);
        sending.open(team, app, campaign.id(), 1, 3);
        login(team.as(Role.VIEWER));

        AbTestPanel panel = report(campaign);

        assertThat(panel.status.getText()).startsWith("Testing 50% of the audience, split evenly between the "
                + "versions; decided automatically by open rate at ");
        assertThat(panel.held.getText()).isEqualTo("20 deliveries wait for the winner.");
        assertThat(GridKt._size(panel.versions)).isEqualTo(2);
        assertThat(GridKt._getFormattedRow(panel.versions, 0))
                .containsExactly("A", "10", "10", "2", "20% of 10 accepted", "");
        assertThat(GridKt._getFormattedRow(panel.versions, 1))
                .containsExactly("B", "10", "10", "3", "30% of 10 accepted", "Leads");
        assertThat(panel.verdict.getText()).isEqualTo("Version B leads so far, but the difference is too small to "
                + "call: more opens are needed before the versions can be told apart.");
    }

    @Test
    void aLargeEnoughDifferenceIsCalled() {
        Campaign campaign = sending.send(team, app, "Called", 80, 50);
        sending.open(team, app, campaign.id(), 0, 5);
        sending.open(team, app, campaign.id(), 1, 15);
        login(team.as(Role.VIEWER));

        AbTestPanel panel = report(campaign);

        assertThat(panel.verdict.getText())
                .isEqualTo("Version B leads, with a difference large enough to call (95% confidence).");
        assertThat(GridKt._getFormattedRow(panel.versions, 1)).contains("75% of 20 accepted", "Leads");
    }

    @Test
    void anEditorsConfirmedPickDecidesTheTestAndTheRestShowsOnceReleased() {
        Campaign campaign = sending.send(team, app, "Picked", 10, 40);
        login(team.as(Role.EDITOR));
        AbTestPanel panel = report(campaign);
        assertThat(pickButtons(panel)).containsExactly("Send version A to the rest", "Send version B to the rest");

        _click(button(panel, "Send version B to the rest"));
        ConfirmDialog dialog = _get(ConfirmDialog.class);
        assertThat(dialog.getElement().getProperty("header")).isEqualTo("Send version B to the rest?");
        assertThat(dialog.getElement().getProperty("message")).isEqualTo(
                "The other 6 held deliveries get version B now, whatever the open rates say later. "
                        + "This cannot be undone.");
        ConfirmDialogKt._fireConfirm(dialog);

        assertThat(splitTests.find(team.teamId(), campaign.id()).orElseThrow().winner()).isEqualTo(1);
        assertThat(NotificationsKt.getNotifications()).extracting(n -> n.getElement().getProperty("text"))
                .contains("Version B picked: the held deliveries go out within seconds.");
        assertThat(panel.status.getText()).startsWith("Tested 40% of the audience. Version B picked by "
                + team.editor().displayName() + " at ").endsWith("; the rest gets it within seconds.");
        assertThat(panel.held.isVisible()).isFalse();
        assertThat(pickButtons(panel)).isEmpty();
        assertThat(GridKt._getFormattedRow(panel.versions, 1)).last().isEqualTo("Winner");

        splitTests.releaseDecided();
        sending.live.awaitProgress(team, campaign.id(), p -> p.status() == RunStatus.COMPLETED);
        AbTestPanel done = report(campaign);
        assertThat(done.status.getText()).endsWith(", sent to the rest.");
        assertThat(GridKt._size(done.versions)).isEqualTo(3);
        assertThat(GridKt._getFormattedRow(done.versions, 2))
                .containsExactly("The rest (version B)", "6", "6", "0", "0% of 6 accepted", "");
    }

    @Test
    void aTestDecidedByOpenRateSaysSoAndMarksTheWinnerThatLeads() {
        Campaign campaign = sending.send(team, app, "By opens", 20, 50);
        sending.open(team, app, campaign.id(), 1, 2);
        jdbc.sql("update run_tests set decide_at = now() where run_id = :run").param("run", campaign.id()).update();
        assertThat(splitTests.decideDue()).isEqualTo(1);
        login(team.as(Role.EDITOR));

        AbTestPanel panel = report(campaign);

        assertThat(panel.status.getText()).startsWith("Tested 50% of the audience. Version B won by open rate at ")
                .endsWith("; the rest gets it within seconds.");
        assertThat(GridKt._getFormattedRow(panel.versions, 1)).last().isEqualTo("Winner · leads");
        assertThat(pickButtons(panel)).isEmpty();
    }

    @Test
    void aPickAfterSomeoneElseDecidedIsRefusedAndTheDecisionShows() {
        Campaign campaign = sending.send(team, app, "Raced", 10, 40);
        login(team.as(Role.EDITOR));
        AbTestPanel panel = report(campaign);
        TestSecurity.as(team.as(Role.ADMIN), () -> campaigns.pickAbTestWinner(campaign.id(), 0));

        _click(button(panel, "Send version B to the rest"));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));

        assertThat(splitTests.find(team.teamId(), campaign.id()).orElseThrow().winner()).isZero();
        assertThat(NotificationsKt.getNotifications()).extracting(n -> n.getElement().getProperty("text"))
                .contains("This A/B test is decided already: version A goes to the rest.");
        assertThat(panel.status.getText()).contains("Version A picked by " + team.admin().displayName());
        assertThat(pickButtons(panel)).isEmpty();
    }

    @Test
    void aViewerSeesTheTestButNoPickButtons() {
        Campaign campaign = sending.send(team, app, "Viewed", 10, 40);
        login(team.as(Role.VIEWER));

        AbTestPanel panel = report(campaign);

        assertThat(GridKt._size(panel.versions)).isEqualTo(2);
        assertThat(panel.picks.isVisible()).isFalse();
        assertThat(pickButtons(panel)).isEmpty();
    }

    @Test
    void anEditorTurnedViewerLosesThePickButtonsWithTheNextTick() {
        Campaign campaign = sending.send(team, app, "Demoted", 10, 40);
        login(team.as(Role.EDITOR));
        AbTestPanel panel = report(campaign);
        assertThat(pickButtons(panel)).hasSize(2);

        TestSecurity.as(team.as(Role.ADMIN), () -> members.changeRole(team.editor().id(), Role.VIEWER));
        ticker.tick();
        MockVaadin.runUIQueue();

        assertThat(pickButtons(panel)).isEmpty();
        assertThat(GridKt._size(panel.versions)).isEqualTo(2);
    }

    @Test
    void aCampaignWithoutATestShowsNoSection() {
        sending.live.devices(team, app, 2);
        Campaign plain = sending.live.send(team, app, "Plain");
        sending.live.awaitProgress(team, plain.id(), p -> p.status().isFinal());
        login(team.as(Role.EDITOR));

        navigate("campaigns/" + plain.id() + "/report");

        assertThat(_get(CampaignReportView.class).abTest).isNull();
        _assertNone(AbTestPanel.class);
    }

    @Test
    void theChineseReportSpeaksChinese() {
        Campaign campaign = sending.send(team, app, "Chinese", 10, 40);
        login(team.as(Role.EDITOR));
        UI.getCurrent().setLocale(Locale.SIMPLIFIED_CHINESE);

        AbTestPanel panel = report(campaign);

        assertThat(panel.held.getText()).isEqualTo("6 条投递正在等待胜出版本。");
        assertThat(panel.verdict.getText()).isEqualTo("差异太小，无法定论：尚未收到任何打开回报。");
        assertThat(pickButtons(panel)).containsExactly("将版本 A 发送给其余受众", "将版本 B 发送给其余受众");
    }

    private AbTestPanel report(Campaign campaign) {
        navigate("campaigns/" + campaign.id() + "/report");
        AbTestPanel panel = _get(CampaignReportView.class).abTest;
        assertThat(panel).isNotNull();
        assertThat(panel.isVisible()).isTrue();
        return panel;
    }

    private static List<String> pickButtons(AbTestPanel panel) {
        return panel.picks.getChildren().map(button -> ((Button) button).getText()).toList();
    }

    private static Button button(AbTestPanel panel, String text) {
        return panel.picks.getChildren().map(Button.class::cast).filter(button -> button.getText().equals(text))
                .findFirst().orElseThrow();
    }
}
