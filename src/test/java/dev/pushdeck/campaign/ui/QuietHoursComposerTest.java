package dev.pushdeck.campaign.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.Span;
import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignFilter;
import dev.pushdeck.campaign.CampaignFixtures;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.QuietHours;
import dev.pushdeck.campaign.QuietHours.Action;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.time.LocalTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The composer's quiet hours section, and the report's line about them. */
class QuietHoursComposerTest extends KaribuTest {

    @Autowired
    CampaignFixtures fixtures;
    @Autowired
    CampaignService campaigns;

    TestTeams.Fixture team;
    PushApp app;

    @BeforeEach
    void setUp() {
        team = teams.create("quiet-hours-view");
        app = fixtures.app(team, "Quiet View App");
    }

    private ComposerView composer(String location) {
        login(team.as(Role.EDITOR));
        navigate(location);
        return _get(ComposerView.class);
    }

    @Test
    void quietHoursAreOffUntilTurnedOnThenOfferTheNightHeldAndSayHowZonesAreJudged() {
        ComposerView view = composer("campaigns/compose");

        assertThat(view.form.quietHours.enabled.getValue()).isFalse();
        assertThat(view.form.quietHours.window.isVisible()).as("the window shows once they are on").isFalse();
        assertThat(view.form.write().quietHours()).isNull();

        view.form.quietHours.enabled.setValue(true);

        assertThat(view.form.quietHours.window.isVisible()).isTrue();
        assertThat(view.form.quietHours.from.getValue()).isEqualTo(LocalTime.of(22, 0));
        assertThat(view.form.quietHours.to.getValue()).isEqualTo(LocalTime.of(8, 0));
        assertThat(view.form.quietHours.action.getValue()).isEqualTo(Action.HOLD);
        assertThat(view.form.quietHours.action.getItemLabelGenerator().apply(Action.SKIP))
                .isEqualTo("Skip them (counted as skipped, not failed)");
        assertThat(view.form.quietHours.enabled.getHelperText()).contains("own time zone")
                .contains("without a known time zone follow the schedule's zone, or UTC");
    }

    @Test
    void quietHoursAreSavedAndAnEditedCampaignOpensWithThem() {
        ComposerView view = composer("campaigns/compose");
        view.form.name.setValue("Good night");
        view.form.content.title.setValue("Sleep well");
        view.form.quietHours.enabled.setValue(true);
        view.form.quietHours.from.setValue(LocalTime.of(21, 30));
        view.form.quietHours.to.setValue(LocalTime.of(7, 15));
        view.form.quietHours.action.setValue(Action.SKIP);

        _click(view.save);

        Campaign saved = TestSecurity.as(team.as(Role.VIEWER), () -> campaigns.list(CampaignFilter.ALL, 0, 1).get(0));
        assertThat(saved.draft().quietHours())
                .isEqualTo(new QuietHours(LocalTime.of(21, 30), LocalTime.of(7, 15), Action.SKIP));
        ComposerView reopened = composer("campaigns/compose/" + saved.id());
        assertThat(reopened.form.quietHours.enabled.getValue()).isTrue();
        assertThat(reopened.form.quietHours.from.getValue()).isEqualTo(LocalTime.of(21, 30));
        assertThat(reopened.form.quietHours.to.getValue()).isEqualTo(LocalTime.of(7, 15));
        assertThat(reopened.form.quietHours.action.getValue()).isEqualTo(Action.SKIP);

        navigate("campaigns/" + saved.id() + "/report");
        assertThat(_find(Span.class)).extracting(Span::getText)
                .contains("21:30–07:15 on each device's clock; skipped");
    }

    @Test
    void aWindowOfTheWholeDayIsNamedOnItsEndAndNothingIsSaved() {
        ComposerView view = composer("campaigns/compose");
        view.form.name.setValue("Never");
        view.form.content.title.setValue("Hello");
        view.form.quietHours.enabled.setValue(true);
        view.form.quietHours.to.setValue(LocalTime.of(22, 0));

        _click(view.save);

        assertThat(view.form.quietHours.to.isInvalid()).isTrue();
        assertThat(view.form.quietHours.to.getErrorMessage()).isEqualTo("Quiet hours from 22:00 to 22:00 would cover "
                + "the whole day, so nothing would ever be sent. Choose an end other than the start.");
        assertThat(TestSecurity.as(team.as(Role.VIEWER), () -> campaigns.count(CampaignFilter.ALL))).isZero();

        view.form.quietHours.to.setValue(LocalTime.of(6, 0));

        assertThat(view.form.quietHours.to.isInvalid()).isFalse();
    }

    @Test
    void turningQuietHoursOffAgainLeavesTheDraftWithout() {
        ComposerView view = composer("campaigns/compose");
        view.form.quietHours.enabled.setValue(true);
        assertThat(view.form.write().quietHours()).isNotNull();

        view.form.quietHours.enabled.setValue(false);

        assertThat(view.form.write().quietHours()).isNull();
    }
}
