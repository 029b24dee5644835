package dev.pushdeck.history.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.AudienceSpec;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.CampaignFixtures;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.Notification;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.campaign.Schedule;
import dev.pushdeck.campaign.dispatcher.CampaignLifecycle;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Why a campaign failed, in the campaign list and report, in the reader's language. */
class FailureReasonViewTest extends KaribuTest {

    @Autowired
    CampaignFixtures fixtures;
    @Autowired
    CampaignService campaigns;
    @Autowired
    CampaignLifecycle lifecycle;

    TestTeams.Fixture team;
    PushApp app;

    @BeforeEach
    void setUp() {
        team = teams.create("failure-reason");
        app = fixtures.app(team, "Failure App");
        fixtures.device(team, app.id(), "production");
    }

    @Test
    void aReasonStoredAsAKeyReadsInTheViewersLanguageAndOlderTextAsItWasStored() {
        Campaign keyed = failed("campaign.priority.unsupported");
        Campaign older = failed("The credential was revoked");

        assertThat(reportStatus(keyed, Locale.ENGLISH)).isEqualTo("Failed · Priority 1 is not supported by this "
                + "server: use 5 to conserve power or 10 to deliver now.");
        assertThat(reportStatus(keyed, Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("失败 · 此服务器不支持优先级 1：要节省电量请用 5，要立即送达请用 10。");
        assertThat(reportStatus(older, Locale.SIMPLIFIED_CHINESE)).isEqualTo("失败 · The credential was revoked");
    }

    @Test
    void theCampaignListGivesTheReasonAfterTheStatus() {
        failed("campaign.priority.unsupported");
        login(team.as(Role.VIEWER));
        UI.getCurrent().setLocale(Locale.SIMPLIFIED_CHINESE);

        navigate("campaigns");

        @SuppressWarnings("unchecked")
        Grid<Campaign> list = _get(Grid.class);
        assertThat(GridKt._getFormatted(list, 0, "status"))
                .isEqualTo("失败 · 此服务器不支持优先级 1：要节省电量请用 5，要立即送达请用 10。");
    }

    private String reportStatus(Campaign campaign, Locale language) {
        login(team.as(Role.VIEWER));
        UI.getCurrent().setLocale(language);
        navigate("campaigns/" + campaign.id() + "/report");
        return _get(CampaignReportView.class).facts.status.getText();
    }

    /** A scheduled campaign the scheduler could not launch. */
    private Campaign failed(String reason) {
        Schedule tomorrow = new Schedule(LocalDateTime.now(ZoneOffset.UTC).plusDays(1), "UTC", false);
        Campaign campaign = TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.create(app.id(),
                new CampaignDraft("Failing " + reason.length(), ApnsEnvironment.PRODUCTION, new Notification("Hi", null,
                        null, null, null, null, null, false, false, null, null, null), null, PushType.ALERT, 10, null,
                        null, AudienceSpec.ALL_DEVICES, tomorrow, null)));
        lifecycle.markFailed(team.teamId(), campaign.id(), reason);
        return campaign;
    }
}
