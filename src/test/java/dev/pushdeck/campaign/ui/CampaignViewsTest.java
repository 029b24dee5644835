package dev.pushdeck.campaign.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.mvysny.kaributesting.v10.ContextMenuKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.BlurNotifier;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.progressbar.ProgressBarVariant;
import com.vaadin.flow.component.select.Select;
import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.AudienceSpec;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.CampaignFilter;
import dev.pushdeck.campaign.CampaignFixtures;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.Notification;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.campaign.TemplateService;
import dev.pushdeck.campaign.TrackingKey;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CampaignViewsTest extends KaribuTest {

    @Autowired
    CampaignFixtures fixtures;
    @Autowired
    CampaignService campaigns;
    @Autowired
    TemplateService templates;

    TestTeams.Fixture team;
    PushApp app;

    @BeforeEach
    void setUp() {
        team = teams.create("campaign-views");
        app = fixtures.app(team, "Views App");
    }

    private ComposerView composer() {
        login(team.as(Role.EDITOR));
        navigate("campaigns/compose");
        return _get(ComposerView.class);
    }

    @Test
    void typingUpdatesTheJsonPreviewAndTheByteCount() {
        ComposerView view = composer();
        view.form.content.title.setValue("Dinner");
        view.form.content.body.setValue("是时候吃饭了");

        view.form.delivery.trackOpens.setValue(false);
        String json = "{\"aps\":{\"alert\":{\"title\":\"Dinner\",\"body\":\"是时候吃饭了\"},\"sound\":\"default\"}}";
        assertThat(view.preview.json.getText()).isEqualTo(json);
        assertThat(view.preview.bytes.getText()).isEqualTo(json.getBytes(StandardCharsets.UTF_8).length + " of 4096 bytes");

        view.form.content.body.setValue("是时候吃饭了!");
        assertThat(view.preview.bytes.getText()).startsWith((json.getBytes(StandardCharsets.UTF_8).length + 1) + " of");
    }

    @Test
    void theOpenTrackingKeyIsOnByDefaultShownInThePreviewAndCountedWithRoomForTheDeliveryId() {
        ComposerView view = composer();
        view.form.content.title.setValue("Dinner");

        String json = "{\"aps\":{\"alert\":{\"title\":\"Dinner\"},\"sound\":\"default\"},\"pd\":{\"c\":\""
                + TrackingKey.NOT_LAUNCHED + "\"}}";
        assertThat(view.form.delivery.trackOpens.getValue()).isTrue();
        assertThat(view.preview.json.getText()).isEqualTo(json);
        assertThat(view.preview.bytes.getText()).isEqualTo((json.length() + TrackingKey.DELIVERY_BYTES) + " of 4096 bytes");

        view.form.delivery.pushType.setValue(PushType.FILEPROVIDER);
        assertThat(view.form.delivery.trackOpens.isVisible()).as("the system reads those, not the app").isFalse();
        assertThat(view.preview.json.getText()).doesNotContain("\"pd\"");

        view.form.delivery.pushType.setValue(PushType.ALERT);
        view.form.name.setValue("Untracked");
        view.form.delivery.trackOpens.setValue(false);
        _click(view.save);
        CampaignsView list = _get(CampaignsView.class);
        assertThat(GridKt._get(list.grid, 0).draft().trackOpens()).isFalse();
        assertThat(GridKt._get(list.grid, 0).payload().json()).doesNotContain("\"pd\"");
    }

    @Test
    void theMeterTurnsRedOverTheLimitAndSaveIsRefused() {
        ComposerView view = composer();
        view.form.name.setValue("Too long");
        view.form.content.body.setValue("a".repeat(3900));
        assertThat(view.preview.meter.getThemeNames()).doesNotContain(ProgressBarVariant.LUMO_ERROR.getVariantName());
        assertThat(view.save.isEnabled()).isTrue();

        view.form.content.body.setValue("a".repeat(5000));

        assertThat(view.preview.meter.getThemeNames()).contains(ProgressBarVariant.LUMO_ERROR.getVariantName());
        assertThat(view.preview.meter.getClassNames()).contains("over-limit");
        assertThat(view.form.errors.getElement().getTextRecursively()).contains("APNs accepts at most 4096");
        _click(view.save);
        assertThat(TestSecurity.as(team.as(Role.VIEWER), () -> campaigns.count(CampaignFilter.ALL))).isZero();
    }

    @Test
    void aNewCampaignOpensWithoutErrorsAndSaveNamesWhatIsMissing() {
        ComposerView view = composer();

        assertThat(view.form.name.isInvalid()).isFalse();
        assertThat(view.form.errors.getChildren()).isEmpty();
        assertThat(view.save.isEnabled()).isTrue();

        _click(view.save);

        assertThat(view.form.name.isInvalid()).isTrue();
        assertThat(view.form.name.getErrorMessage()).isEqualTo("A name of 1 to 200 characters is required.");
        assertThat(currentView()).isEqualTo("ComposerView");
        assertThat(TestSecurity.as(team.as(Role.VIEWER), () -> campaigns.count(CampaignFilter.ALL))).isZero();
    }

    @Test
    void aFieldSpeaksOnceThePersonHasLeftIt() {
        ComposerView view = composer();
        view.form.audience.audienceType.setValue(AudienceSpec.Type.TAGS);
        assertThat(view.form.audience.tags.isInvalid()).as("just shown").isFalse();

        ComponentUtil.fireEvent(view.form.audience.tags,
                new BlurNotifier.BlurEvent<>(view.form.audience.tags, true));

        assertThat(view.form.audience.tags.isInvalid()).isTrue();
        assertThat(view.form.name.isInvalid()).as("never touched").isFalse();
    }

    @Test
    void theHeadingAndTitleSayWhetherACampaignIsNewOrEdited() {
        Campaign draft = TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.create(app.id(),
                new CampaignDraft("Spring menu", ApnsEnvironment.PRODUCTION, new Notification("x", null, null, null, null,
                        null, null, false, false, null, null, null), null, PushType.ALERT, 10, null, null, null, null,
                        null)));
        ComposerView fresh = composer();
        assertThat(fresh.getPageTitle()).isEqualTo("New campaign · Pushdeck");

        navigate("campaigns/compose/" + draft.id());

        ComposerView editing = _get(ComposerView.class);
        assertThat(editing.getPageTitle()).isEqualTo("Edit \"Spring menu\" · Pushdeck");
        assertThat(editing.form.environment.getItemLabelGenerator().apply(ApnsEnvironment.PRODUCTION)).isEqualTo("Production");
        assertThat(editing.form.delivery.pushType.getItemLabelGenerator().apply(PushType.ALERT))
                .isEqualTo("Alert: a visible notification");
    }

    @Test
    void theAudienceCountFollowsTheTagChoice() {
        fixtures.device(team, app.id(), "production", "vip");
        fixtures.device(team, app.id(), "production", "vip", "beta");
        fixtures.device(team, app.id(), "production", "beta");
        ComposerView view = composer();
        assertThat(view.form.audience.audienceCount.getText()).isEqualTo("3 matching devices");

        view.form.audience.audienceType.setValue(AudienceSpec.Type.TAGS);
        view.form.audience.tags.setValue("vip");
        assertThat(view.form.audience.audienceCount.getText()).isEqualTo("2 matching devices");

        view.form.audience.tags.setValue("vip, beta");
        view.form.audience.match.setValue(AudienceSpec.Match.ALL);
        assertThat(view.form.audience.audienceCount.getText()).isEqualTo("1 matching devices");

        view.form.audience.tags.setValue("nobody");
        assertThat(view.form.audience.audienceCount.getText()).contains("No device matches");
    }

    @Test
    void aScheduleInADaylightSavingGapShowsTheResolvedInstantBeforeConfirming() {
        ComposerView view = composer();
        view.form.schedule.scheduleMode.setValue(ScheduleFields.ScheduleMode.ZONE);
        view.form.schedule.zone.setValue("America/New_York");
        view.form.schedule.scheduleAt.setValue(LocalDateTime.parse("2027-03-14T02:30"));

        String shown = view.form.schedule.scheduleResolved.getElement().getTextRecursively();
        assertThat(shown).contains("2027-03-14 03:30 (-04:00) = 2027-03-14 07:30 UTC");
        assertThat(shown).contains("2027-03-14 02:30 does not exist in America/New_York")
                .contains("moves forward by 60 minutes");
    }

    @Test
    void aNewCampaignIsScheduledInTheViewersZoneUnlessTheyPickAnother() {
        browserReportsZone("Asia/Shanghai");
        ComposerView view = composer();
        assertThat(view.form.schedule.zone.getValue()).isEqualTo("Asia/Shanghai");

        view.form.schedule.zone.setValue("Europe/Berlin");
        assertThat(view.form.write().schedule()).isNull();
        view.form.schedule.scheduleMode.setValue(ScheduleFields.ScheduleMode.ZONE);
        assertThat(view.form.write().schedule().zone()).isEqualTo("Europe/Berlin");
    }

    @Test
    void aBrowserZoneWeDoNotKnowSchedulesInUtcByDefault() {
        browserReportsZone("Mars/Olympus");

        assertThat(composer().form.schedule.zone.getValue()).isEqualTo("UTC");
    }

    @Test
    void editingAScheduledCampaignKeepsTheZoneItWasScheduledIn() {
        fixtures.device(team, app.id(), "production");
        ComposerView first = composer();
        first.form.name.setValue("New York morning");
        first.form.content.body.setValue("Good morning");
        first.form.schedule.scheduleMode.setValue(ScheduleFields.ScheduleMode.ZONE);
        first.form.schedule.zone.setValue("America/New_York");
        first.form.schedule.scheduleAt.setValue(java.time.LocalDate.now().plusMonths(1).atTime(9, 0));
        Campaign saved = TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.create(app.id(), first.form.write()));
        browserReportsZone("Asia/Shanghai");

        navigate("campaigns/compose/" + saved.id());

        assertThat(_get(ComposerView.class).form.schedule.zone.getValue()).isEqualTo("America/New_York");
    }

    @Test
    void theScheduleSummaryGivesTheSameMomentInTheViewersZone() {
        browserReportsZone("Asia/Shanghai");
        ComposerView view = composer();
        view.form.schedule.scheduleMode.setValue(ScheduleFields.ScheduleMode.ZONE);
        view.form.schedule.zone.setValue("America/New_York");
        view.form.schedule.scheduleAt.setValue(LocalDateTime.parse("2027-03-14T02:30"));

        assertThat(view.form.schedule.scheduleResolved.getElement().getTextRecursively())
                .contains("2027-03-14 03:30 (-04:00) = 2027-03-14 15:30 UTC+8").doesNotContain("07:30");
    }

    @Test
    void aDeviceLocalScheduleKeepsItsWordsAndGivesFirstAndLastInTheViewersZone() {
        browserReportsZone("Asia/Shanghai");
        ComposerView view = composer();
        view.form.schedule.scheduleMode.setValue(ScheduleFields.ScheduleMode.DEVICE);
        view.form.schedule.scheduleAt.setValue(LocalDateTime.parse("2027-06-01T09:00"));

        // 09:00 reaches UTC+14 first (2027-05-31 19:00 UTC) and UTC-12 last (2027-06-01 21:00 UTC).
        assertThat(view.form.schedule.scheduleResolved.getElement().getTextRecursively()).contains(
                "Devices receive it at their local time: the first at 2027-06-01 03:00 UTC+8, "
                        + "the last at 2027-06-02 05:00 UTC+8.");
    }

    @Test
    void htmlTypedIntoTheTitleIsShownLiterally() {
        ComposerView view = composer();
        String html = "<img src=x onerror=alert(1)><b>Hi</b>";
        view.form.content.title.setValue(html);

        assertThat(view.preview.mockTitle.getText()).isEqualTo(html);
        assertThat(view.preview.json.getText()).contains(html);
        assertThat(_find(Html.class)).isEmpty();
    }

    @Test
    void savingADraftStoresItAndListsIt() {
        ComposerView view = composer();
        view.form.name.setValue("Weekly news");
        view.form.content.title.setValue("News");
        _click(view.save);

        assertThat(currentView()).isEqualTo("CampaignsView");
        CampaignsView list = _get(CampaignsView.class);
        assertThat(GridKt._size(list.grid)).isEqualTo(1);
        assertThat(GridKt._get(list.grid, 0).name()).isEqualTo("Weekly news");
        assertThat(GridKt._get(list.grid, 0).payload().json()).contains("\"title\":\"News\"");
    }

    @Test
    void theListShowsAnEmptyStateAndOnlyTheTeamsOwnCampaigns() {
        TestTeams.Fixture other = teams.create("campaign-views-other");
        PushApp otherApp = fixtures.app(other, "Other App");
        Campaign theirs = TestSecurity.as(other.as(Role.EDITOR), () -> campaigns.create(otherApp.id(),
                new CampaignDraft("Theirs", ApnsEnvironment.SANDBOX, new Notification("x", null, null, null, null, null,
                        null, false, false, null, null, null), null, PushType.ALERT, 10, null, null, null, null,
                        null)));
        login(team.as(Role.VIEWER));
        navigate("campaigns");
        CampaignsView list = _get(CampaignsView.class);
        assertThat(list.empty.isVisible()).isTrue();
        assertThat(list.grid.isVisible()).isFalse();

        login(team.as(Role.EDITOR));
        Throwable refused = catchThrowable(() -> navigate("campaigns/compose/" + theirs.id()));
        assertThat(refused != null || !"ComposerView".equals(currentView())).isTrue();
    }

    @Test
    void templatesLiveInTheirOwnDialogAndStartACampaign() {
        TestSecurity.as(team.as(Role.EDITOR), () -> templates.save("Weekly newsletter", new Notification("News", null,
                null, null, null, null, null, false, false, null, null, null), null));
        login(team.as(Role.EDITOR));
        navigate("campaigns");
        assertThat(_find(_get(CampaignsView.class), Select.class)).extracting(Select::getLabel)
                .containsExactly("Status", "App", "Kind");

        _click(_get(Button.class, spec -> spec.withText("Templates")));
        TemplatesDialog dialog = _get(TemplatesDialog.class);
        assertThat(GridKt._get(dialog.grid, 0).name()).isEqualTo("Weekly newsletter");
        _click(_get(GridKt._getCellComponent(dialog.grid, 0, "actions"), Button.class,
                spec -> spec.withText("Start from template")));

        assertThat(_get(ComposerView.class).form.content.title.getValue()).isEqualTo("News");
    }

    @Test
    void aCampaignRowShowsItsAppAndEnvironmentInWordsAndKeepsItsActionsInOneMenu() {
        Campaign draft = TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.create(app.id(),
                new CampaignDraft("Spring menu", ApnsEnvironment.SANDBOX, new Notification("x", null, null, null, null,
                        null, null, false, false, null, null, null), null, PushType.ALERT, 10, null, null, null, null,
                        null)));
        login(team.as(Role.EDITOR));
        navigate("campaigns");
        CampaignsView list = _get(CampaignsView.class);

        assertThat(GridKt._getFormattedRow(list.grid, 0)).contains("Views App · Sandbox");
        MenuBar menu = (MenuBar) GridKt._getCellComponent(list.grid, 0, "actions");
        assertThat(_find(menu, MenuItem.class)).extracting(MenuItem::getText)
                .contains("Edit", "Duplicate", "Send test", "Send now", "Delete").doesNotContain("Report");

        ContextMenuKt._clickItemWithCaption(menu, "Edit");

        assertThat(_get(ComposerView.class).getPageTitle()).isEqualTo("Edit \"" + draft.name() + "\" · Pushdeck");
    }

    @Test
    void aViewerCannotOpenTheComposer() {
        login(team.as(Role.VIEWER));
        navigate("campaigns/compose");
        assertThat(currentView()).isNotEqualTo("ComposerView");
        navigate("campaigns");
        assertThat(currentView()).isEqualTo("CampaignsView");
    }

    private static String currentView() {
        return UI.getCurrent().getInternals().getActiveRouterTargetsChain().get(0).getClass().getSimpleName();
    }
}
