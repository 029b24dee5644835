package dev.pushdeck.campaign.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.AudienceSpec;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.CampaignFixtures;
import dev.pushdeck.campaign.CampaignLifecycle;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.Notification;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.campaign.Schedule;
import dev.pushdeck.device.Environment;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The composer's delivery options (priority, expiration), and why a campaign failed in the list. */
class DeliveryOptionsViewTest extends KaribuTest {

    @Autowired
    CampaignFixtures fixtures;
    @Autowired
    CampaignService campaigns;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CampaignLifecycle lifecycle;

    TestTeams.Fixture team;
    PushApp app;

    @BeforeEach
    void setUp() {
        team = teams.create("delivery-options-view");
        app = fixtures.app(team, "Options View App");
    }

    private ComposerView composer(String location) {
        login(team.as(Role.EDITOR));
        navigate(location);
        return _get(ComposerView.class);
    }

    @Test
    void theComposerOffersTheTwoPrioritiesThisServerCanSend() {
        ComposerView view = composer("campaigns/compose");

        assertThat(view.priority.getListDataView().getItems().toList()).containsExactly(10, 5);
        assertThat(view.priority.getValue()).isEqualTo(10);
        assertThat(view.priority.getItemLabelGenerator().apply(5)).isEqualTo("5: power-conserving");
    }

    @Test
    void aStoredPriorityOneDraftOpensShowingTheProblemOnTheFieldAndCannotBeSaved() {
        Campaign draft = TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.create(app.id(), draft("Legacy")));
        jdbc.sql("update campaigns set priority = 1 where id = :id").param("id", draft.id()).update();

        ComposerView view = composer("campaigns/compose/" + draft.id());

        assertThat(view.priority.getValue()).isEqualTo(1);
        assertThat(view.priority.getItemLabelGenerator().apply(1)).isEqualTo("1: not supported by this server");
        assertThat(view.priority.isInvalid()).isTrue();
        assertThat(view.priority.getErrorMessage()).isEqualTo(
                "Priority 1 is not supported by this server: use 5 to conserve power or 10 to deliver now.");
        assertThat(view.save.isEnabled()).isFalse();

        view.priority.setValue(5);

        assertThat(view.priority.isInvalid()).isFalse();
        assertThat(view.save.isEnabled()).isTrue();
    }

    @Test
    void theListGivesAFailedCampaignsReasonInTheViewersLanguage() {
        fixtures.device(team, app.id(), "production");
        Schedule tomorrow = new Schedule(LocalDateTime.now(ZoneOffset.UTC).plusDays(1), "UTC", false);
        Campaign scheduled = TestSecurity.as(team.as(Role.EDITOR),
                () -> campaigns.create(app.id(), draft("Failed").withSchedule(tomorrow)));
        lifecycle.markFailed(team.teamId(), scheduled.id(), "campaign.priority.unsupported");
        login(team.as(Role.VIEWER));
        UI.getCurrent().setLocale(Locale.SIMPLIFIED_CHINESE);

        navigate("campaigns");

        assertThat(GridKt._getFormatted(_get(CampaignsView.class).grid, 0, "status"))
                .isEqualTo("失败 · 此服务器不支持优先级 1：要节省电量请用 5，要立即送达请用 10。");
    }

    private static CampaignDraft draft(String name) {
        return new CampaignDraft(name, Environment.PRODUCTION, new Notification("Hello", null, "World", "default",
                null, null, null, false, false, null, null, null), null, PushType.ALERT, 10, null, null,
                AudienceSpec.ALL_DEVICES, null, null);
    }
}
