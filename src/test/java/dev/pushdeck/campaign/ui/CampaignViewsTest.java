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
        view.title.setValue("Dinner");
        view.body.setValue("是时候吃饭了");

        view.trackOpens.setValue(false);
        String json = "{\"aps\":{\"alert\":{\"title\":\"Dinner\",\"body\":\"是时候吃饭了\"},\"sound\":\"default\"}}";
        assertThat(view.preview.json.getText()).isEqualTo(json);
        assertThat(view.preview.bytes.getText()).isEqualTo(json.getBytes(StandardCharsets.UTF_8).length + " of 4096 bytes");

        view.body.setValue("是时候吃饭了!");
        assertThat(view.preview.bytes.getText()).startsWith((json.getBytes(StandardCharsets.UTF_8).length + 1) + " of");
    }

    @Test
    void theOpenTrackingKeyIsOnByDefaultShownInThePreviewAndCountedWithRoomForTheDeliveryId() {
        ComposerView view = composer();
        view.title.setValue("Dinner");

        String json = "{\"aps\":{\"alert\":{\"title\":\"Dinner\"},\"sound\":\"default\"},\"pd\":{\"c\":\""
                + TrackingKey.NOT_LAUNCHED + "\"}}";
        assertThat(view.trackOpens.getValue()).isTrue();
        assertThat(view.preview.json.getText()).isEqualTo(json);
        assertThat(view.preview.bytes.getText()).isEqualTo((json.length() + TrackingKey.DELIVERY_BYTES) + " of 4096 bytes");

        view.pushType.setValue(PushType.FILEPROVIDER);
        assertThat(view.trackOpens.isVisible()).as("the system reads those, not the app").isFalse();
        assertThat(view.preview.json.getText()).doesNotContain("\"pd\"");

        view.pushType.setValue(PushType.ALERT);
        view.name.setValue("Untracked");
        view.trackOpens.setValue(false);
        _click(view.save);
        CampaignsView list = _get(CampaignsView.class);
        assertThat(GridKt._get(list.grid, 0).draft().trackOpens()).isFalse();
        assertThat(GridKt._get(list.grid, 0).payload().json()).doesNotContain("\"pd\"");
    }

    @Test
    void theMeterTurnsRedOverTheLimitAndSaveIsRefused() {
        ComposerView view = composer();
        view.name.setValue("Too long");
        view.body.setValue("a".repeat(3900));
        assertThat(view.preview.meter.getThemeNames()).doesNotContain(ProgressBarVariant.LUMO_ERROR.getVariantName());
        assertThat(view.save.isEnabled()).isTrue();

        view.body.setValue("a".repeat(5000));

        assertThat(view.preview.meter.getThemeNames()).contains(ProgressBarVariant.LUMO_ERROR.getVariantName());
        assertThat(view.preview.meter.getClassNames()).contains("over-limit");
        assertThat(view.errors.getElement().getTextRecursively()).contains("APNs accepts at most 4096");
        _click(view.save);
        assertThat(TestSecurity.as(team.as(Role.VIEWER), () -> campaigns.count(CampaignFilter.ALL))).isZero();
    }

    @Test
    void aNewCampaignOpensWithoutErrorsAndSaveNamesWhatIsMissing() {
        ComposerView view = composer();

        assertThat(view.name.isInvalid()).isFalse();
        assertThat(view.errors.getChildren()).isEmpty();
        assertThat(view.save.isEnabled()).isTrue();

        _click(view.save);

        assertThat(view.name.isInvalid()).isTrue();
        assertThat(view.name.getErrorMessage()).isEqualTo("A name of 1 to 200 characters is required.");
        assertThat(currentView()).isEqualTo("ComposerView");
        assertThat(TestSecurity.as(team.as(Role.VIEWER), () -> campaigns.count(CampaignFilter.ALL))).isZero();
    }

    @Test
    void aFieldSpeaksOnceThePersonHasLeftIt() {
        ComposerView view = composer();
        view.audienceType.setValue(AudienceSpec.Type.TAGS);
        assertThat(view.tags.isInvalid()).as("just shown").isFalse();

        ComponentUtil.fireEvent(view.tags,
                new BlurNotifier.BlurEvent<>(view.tags, true));

        assertThat(view.tags.isInvalid()).isTrue();
        assertThat(view.name.isInvalid()).as("never touched").isFalse();
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
        assertThat(editing.environment.getItemLabelGenerator().apply(ApnsEnvironment.PRODUCTION)).isEqualTo("Production");
        assertThat(editing.pushType.getItemLabelGenerator().apply(PushType.ALERT))
                .isEqualTo("Alert: a visible notification");
    }

    @Test
    void theAudienceCountFollowsTheTagChoice() {
        fixtures.device(team, app.id(), "production", "vip");
        fixtures.device(team, app.id(), "production", "vip", "beta");
        fixtures.device(team, app.id(), "production", "beta");
        ComposerView view = composer();
        assertThat(view.audienceCount.getText()).isEqualTo("3 matching devices");

        view.audienceType.setValue(AudienceSpec.Type.TAGS);
        view.tags.setValue("vip");
        assertThat(view.audienceCount.getText()).isEqualTo("2 matching devices");

        view.tags.setValue("vip, beta");
        view.match.setValue(AudienceSpec.Match.ALL);
        assertThat(view.audienceCount.getText()).isEqualTo("1 matching devices");

        view.tags.setValue("nobody");
        assertThat(view.audienceCount.getText()).contains("No device matches");
    }

    @Test
    void aScheduleInADaylightSavingGapShowsTheResolvedInstantBeforeConfirming() {
        ComposerView view = composer();
        view.scheduleMode.setValue(ComposerView.ScheduleMode.ZONE);
        view.zone.setValue("America/New_York");
        view.scheduleAt.setValue(LocalDateTime.parse("2027-03-14T02:30"));

        String shown = view.scheduleResolved.getElement().getTextRecursively();
        assertThat(shown).contains("2027-03-14 03:30 (-04:00) = 2027-03-14 07:30 UTC");
        assertThat(shown).contains("2027-03-14 02:30 does not exist in America/New_York")
                .contains("moves forward by 60 minutes");
    }

    @Test
    void aNewCampaignIsScheduledInTheViewersZoneUnlessTheyPickAnother() {
        browserReportsZone("Asia/Shanghai");
        ComposerView view = composer();
        assertThat(view.zone.getValue()).isEqualTo("Asia/Shanghai");

        view.zone.setValue("Europe/Berlin");
        assertThat(view.draft().schedule()).isNull();
        view.scheduleMode.setValue(ComposerView.ScheduleMode.ZONE);
        assertThat(view.draft().schedule().zone()).isEqualTo("Europe/Berlin");
    }

    @Test
    void aBrowserZoneWeDoNotKnowSchedulesInUtcByDefault() {
        browserReportsZone("Mars/Olympus");

        assertThat(composer().zone.getValue()).isEqualTo("UTC");
    }

    @Test
    void editingAScheduledCampaignKeepsTheZoneItWasScheduledIn() {
        fixtures.device(team, app.id(), "production");
        ComposerView first = composer();
        first.name.setValue("New York morning");
        first.body.setValue("Good morning");
        first.scheduleMode.setValue(ComposerView.ScheduleMode.ZONE);
        first.zone.setValue("America/New_York");
        first.scheduleAt.setValue(java.time.LocalDate.now().plusMonths(1).atTime(9, 0));
        Campaign saved = TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.create(app.id(), first.draft()));
        browserReportsZone("Asia/Shanghai");

        navigate("campaigns/compose/" + saved.id());

        assertThat(_get(ComposerView.class).zone.getValue()).isEqualTo("America/New_York");
    }

    @Test
    void theScheduleSummaryGivesTheSameMomentInTheViewersZone() {
        browserReportsZone("Asia/Shanghai");
        ComposerView view = composer();
        view.scheduleMode.setValue(ComposerView.ScheduleMode.ZONE);
        view.zone.setValue("America/New_York");
        view.scheduleAt.setValue(LocalDateTime.parse("2027-03-14T02:30"));

        assertThat(view.scheduleResolved.getElement().getTextRecursively())
                .contains("2027-03-14 03:30 (-04:00) = 2027-03-14 15:30 UTC+8").doesNotContain("07:30");
    }

    @Test
    void aDeviceLocalScheduleKeepsItsWordsAndGivesFirstAndLastInTheViewersZone() {
        browserReportsZone("Asia/Shanghai");
        ComposerView view = composer();
        view.scheduleMode.setValue(ComposerView.ScheduleMode.DEVICE);
        view.scheduleAt.setValue(LocalDateTime.parse("2027-06-01T09:00"));

        // 09:00 reaches UTC+14 first (2027-05-31 19:00 UTC) and UTC-12 last (2027-06-01 21:00 UTC).
        assertThat(view.scheduleResolved.getElement().getTextRecursively()).contains(
                "Devices receive it at their local time: the first at 2027-06-01 03:00 UTC+8, "
                        + "the last at 2027-06-02 05:00 UTC+8.");
    }

    @Test
    void htmlTypedIntoTheTitleIsShownLiterally() {
        ComposerView view = composer();
        String html = "<img src=x onerror=alert(1)><b>Hi</b>";
        view.title.setValue(html);

        assertThat(view.preview.mockTitle.getText()).isEqualTo(html);
        assertThat(view.preview.json.getText()).contains(html);
        assertThat(_find(Html.class)).isEmpty();
    }

    @Test
    void savingADraftStoresItAndListsIt() {
        ComposerView view = composer();
        view.name.setValue("Weekly news");
        view.title.setValue("News");
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

        assertThat(_get(ComposerView.class).title.getValue()).isEqualTo("News");
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
