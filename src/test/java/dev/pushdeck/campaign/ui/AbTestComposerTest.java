package dev.pushdeck.campaign.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.github.mvysny.kaributesting.v10.ContextMenuKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.tabs.Tab;
import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.AbTest;
import dev.pushdeck.campaign.AudienceSpec;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignFilter;
import dev.pushdeck.campaign.CampaignFixtures;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.ContentVariant;
import dev.pushdeck.campaign.ContentVersion;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The composer's A/B test: versions in the shared wording fields, their previews, rules, saving and reopening. */
class AbTestComposerTest extends KaribuTest {

    @Autowired
    CampaignFixtures fixtures;
    @Autowired
    CampaignService campaigns;

    TestTeams.Fixture team;
    PushApp app;

    @BeforeEach
    void setUp() {
        team = teams.create("ab-test-view");
        app = fixtures.app(team, "AB Test View App");
    }

    private ComposerView composer(String location) {
        login(team.as(Role.EDITOR));
        navigate(location);
        ComposerView view = _get(ComposerView.class);
        view.app.setValue(app);
        return view;
    }

    /** A composer with "Hello" / "Sale today" and its Chinese wording "你好". */
    private ComposerView composedInTwoLanguages() {
        ComposerView view = composer("campaigns/compose");
        view.form.name.setValue("Spring sale");
        view.form.content.title.setValue("Hello");
        view.form.content.body.setValue("Sale today");
        view.form.variants.locale.setValue("zh-CN");
        _click(view.form.variants.add);
        view.form.variants.editors().get(0).title.setValue("你好");
        view.form.variants.tabs.setSelectedTab(view.form.variants.defaultTab);
        return view;
    }

    @Test
    void aCampaignSavedWithTwoVersionsInTwoLanguagesStoresEachVersionsWordingPerLanguage() {
        ComposerView view = composedInTwoLanguages();

        view.form.abTest.enabled.setValue(true);

        assertThat(view.form.abTest.shown()).as("the new version B is shown").isEqualTo(1);
        assertThat(tabLabels(view)).containsExactly("A", "B");
        assertThat(view.form.content.title.getValue()).as("B starts as a copy of A").isEqualTo("Hello");
        view.form.content.title.setValue("Hi there");
        view.form.variants.editors().get(0).title.setValue("嗨");
        view.form.abTest.testPercent.setValue(30);
        view.form.abTest.waitMinutes.setValue(240);

        _click(view.save);

        Campaign saved = TestSecurity.as(team.as(Role.VIEWER), () -> campaigns.list(CampaignFilter.ALL, 0, 1).get(0));
        assertThat(saved.draft().notification().title()).as("version A stays the campaign's own").isEqualTo("Hello");
        assertThat(saved.draft().variants()).extracting(ContentVariant::locale, ContentVariant::title)
                .containsExactly(tuple("zh-CN", "你好"));
        AbTest test = saved.draft().abTest();
        assertThat(test).isNotNull();
        assertThat(test.testPercent()).isEqualTo(30);
        assertThat(test.waitMinutes()).isEqualTo(240);
        assertThat(test.versions()).hasSize(1);
        ContentVersion b = test.versions().get(0);
        assertThat(b.title()).isEqualTo("Hi there");
        assertThat(b.body()).isEqualTo("Sale today");
        assertThat(b.variants()).extracting(ContentVariant::locale, ContentVariant::title)
                .containsExactly(tuple("zh-CN", "嗨"));
    }

    @Test
    void switchingVersionsShowsEachVersionsTextAndItsPayloadInTheLanguageShown() {
        ComposerView view = composedInTwoLanguages();
        view.form.abTest.enabled.setValue(true);
        view.form.content.title.setValue("Hi there");
        view.form.variants.editors().get(0).title.setValue("嗨");

        assertThat(view.preview.mockTitle.getText()).isEqualTo("Hi there");
        assertThat(view.preview.json.getText()).contains("Hi there").doesNotContain("Hello");

        view.form.abTest.tabs.setSelectedIndex(0);

        assertThat(view.form.content.title.getValue()).isEqualTo("Hello");
        assertThat(view.preview.mockTitle.getText()).isEqualTo("Hello");
        assertThat(view.preview.json.getText()).contains("Hello").doesNotContain("Hi there");

        view.form.variants.tabs.setSelectedTab(view.form.variants.editors().get(0).tab);
        assertThat(view.preview.json.getText()).contains("你好");
        view.form.abTest.tabs.setSelectedIndex(1);

        assertThat(view.form.variants.selected()).as("the language stays selected").isEqualTo(1);
        assertThat(view.form.variants.editors().get(0).title.getValue()).isEqualTo("嗨");
        assertThat(view.preview.mockTitle.getText()).isEqualTo("嗨");
        assertThat(view.preview.json.getText()).contains("嗨").doesNotContain("你好");
        assertThat(view.form.write().notification().title()).as("the draft keeps A's wording").isEqualTo("Hello");
    }

    @Test
    void aNewVersionCopiesTheShownOneAndRemovingOneReLettersTheRest() {
        ComposerView view = composedInTwoLanguages();
        view.form.abTest.enabled.setValue(true);
        view.form.content.title.setValue("Second");
        _click(view.form.abTest.addVersion);
        view.form.content.title.setValue("Third");
        _click(view.form.abTest.addVersion);
        view.form.content.title.setValue("Fourth");

        assertThat(tabLabels(view)).containsExactly("A", "B", "C", "D");
        assertThat(view.form.abTest.addVersion.isEnabled()).as("four versions at most").isFalse();

        view.form.abTest.tabs.setSelectedIndex(2);
        assertThat(view.form.content.title.getValue()).isEqualTo("Third");
        assertThat(view.form.abTest.removeVersion.getText()).isEqualTo("Remove version C");
        _click(view.form.abTest.removeVersion);

        assertThat(tabLabels(view)).containsExactly("A", "B", "C");
        assertThat(view.form.abTest.shown()).isEqualTo(1);
        assertThat(view.form.content.title.getValue()).isEqualTo("Second");
        assertThat(view.form.write().abTest().versions()).extracting(ContentVersion::title)
                .containsExactly("Second", "Fourth");
        assertThat(view.form.abTest.addVersion.isEnabled()).isTrue();
    }

    @Test
    void aLanguageAddedOnAnotherVersionIsAskedOfEveryVersionAndRemovingItRemovesItEverywhere() {
        ComposerView view = composedInTwoLanguages();
        view.form.abTest.enabled.setValue(true);
        view.form.variants.locale.setValue("ja");
        _click(view.form.variants.add);
        view.form.variants.editors().get(1).title.setValue("こんにちは");

        assertThat(view.form.write().variantLocales()).as("version A").containsExactly("zh-CN", "ja");
        assertThat(view.form.write().abTest().versions().get(0).variants()).extracting(ContentVariant::locale)
                .containsExactly("zh-CN", "ja");
        assertThat(view.form.errors.getChildren().map(line -> line.getElement().getText()))
                .as("A's new language is empty until someone words it")
                .contains("Version A · ja: Give this language a title, subtitle or body, or remove it.");

        view.form.variants.tabs.setSelectedTab(view.form.variants.editors().get(1).tab);
        _click(view.form.variants.editors().get(1).remove);

        assertThat(view.form.write().variantLocales()).containsExactly("zh-CN");
        assertThat(view.form.write().abTest().versions().get(0).variants()).extracting(ContentVariant::locale)
                .containsExactly("zh-CN");
        assertThat(view.form.errors.getChildren()).isEmpty();
    }

    @Test
    void aVersionWithoutTextShowsTheRulesMessageOnItsTab() {
        ComposerView view = composedInTwoLanguages();
        view.form.abTest.enabled.setValue(true);

        view.form.content.title.clear();
        view.form.content.body.clear();

        Tab b = view.form.abTest.tabs.getTabAt(1);
        assertThat(b.hasClassName("invalid")).isTrue();
        assertThat(view.form.abTest.versionProblems.getChildren().map(line -> line.getElement().getText()))
                .containsExactly("Version B: Give this version a title, subtitle or body, or remove it.");
        _click(view.save);
        assertThat(TestSecurity.as(team.as(Role.VIEWER), () -> campaigns.count(CampaignFilter.ALL)))
                .as("nothing saved").isZero();

        view.form.abTest.tabs.setSelectedIndex(0);
        assertThat(view.form.abTest.versionProblems.getChildren()).as("A's own wording is fine").isEmpty();
        assertThat(b.hasClassName("invalid")).isTrue();
    }

    @Test
    void theTestShareAndWaitAreCheckedOnTheirFieldsAndExplained() {
        ComposerView view = composedInTwoLanguages();
        view.form.abTest.enabled.setValue(true);

        assertThat(view.form.abTest.testPercent.getValue()).isEqualTo(20);
        assertThat(view.form.abTest.waitMinutes.getValue()).isEqualTo(120);
        assertThat(view.form.abTest.explanation.getText()).isEqualTo("20 % of the audience is split evenly between the "
                + "2 versions; after the wait the version with the best open rate goes to the rest, or pick one in "
                + "the report.");

        view.form.abTest.testPercent.setValue(80);
        _click(view.save);

        assertThat(view.form.abTest.testPercent.isInvalid()).isTrue();
        assertThat(view.form.abTest.testPercent.getErrorMessage()).isEqualTo("Test on 1 to 50 % of the audience.");
        assertThat(view.form.abTest.untracked.isVisible()).isFalse();

        view.form.delivery.trackOpens.setValue(false);

        assertThat(view.form.abTest.untracked.isVisible()).as("without opens the winner cannot be judged").isTrue();
    }

    @Test
    void onlyAComposedAlertToDevicesSentAtOneTimeCanTestVersionsAndTheComposerSaysWhy() {
        ComposerView view = composedInTwoLanguages();
        assertThat(view.form.abTest.isVisible()).isTrue();
        assertThat(view.form.abTest.enabled.isEnabled()).isTrue();

        view.form.schedule.scheduleMode.setValue(ScheduleFields.ScheduleMode.DEVICE);
        assertThat(view.form.abTest.isVisible()).isTrue();
        assertThat(view.form.abTest.enabled.isEnabled()).isFalse();
        assertThat(view.form.abTest.enabled.getHelperText()).startsWith("An A/B test compares versions sent at the same");

        view.form.schedule.scheduleMode.setValue(ScheduleFields.ScheduleMode.DRAFT);
        view.form.content.expert.setValue(true);
        assertThat(view.form.abTest.isVisible()).as("a raw payload").isFalse();

        view.form.content.expert.setValue(false);
        view.form.delivery.pushType.setValue(PushType.BACKGROUND);
        assertThat(view.form.abTest.isVisible()).as("a background push").isFalse();

        view.form.delivery.pushType.setValue(PushType.LIVEACTIVITY);
        view.form.audience.audienceType.setValue(AudienceSpec.Type.CHANNEL);
        assertThat(view.form.abTest.isVisible()).as("a broadcast").isFalse();
    }

    @Test
    void aTestLeftOnForAPushTypeWithoutOneStaysToBeSwitchedOffAndTheRulesSayWhy() {
        ComposerView view = composedInTwoLanguages();
        view.form.abTest.enabled.setValue(true);

        view.form.delivery.pushType.setValue(PushType.BACKGROUND);
        _click(view.save);

        assertThat(view.form.abTest.isVisible()).isTrue();
        assertThat(view.form.abTest.enabled.isEnabled()).isTrue();
        assertThat(view.form.abTest.enabled.getErrorMessage())
                .isEqualTo("Only a composed alert to devices can test versions of its wording.");

        view.form.abTest.enabled.setValue(false);

        assertThat(view.form.abTest.shown()).isZero();
        assertThat(view.form.content.title.getValue()).as("the campaign's own wording is back").isEqualTo("Hello");
        assertThat(view.form.abTest.isVisible()).isFalse();
        assertThat(view.form.write().abTest()).isNull();
    }

    @Test
    void anEditedCampaignOpensWithItsTestAndItsVersions() {
        ComposerView view = composedInTwoLanguages();
        ContentVersion b = new ContentVersion("Hi there", null, "Sale today",
                List.of(new ContentVariant("zh-CN", "嗨", null, null)));
        ContentVersion c = new ContentVersion("Last chance", null, "Sale ends today",
                List.of(new ContentVariant("zh-CN", "最后机会", null, null)));
        Campaign stored = TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.create(app.id(),
                view.form.write().withAbTest(new AbTest(10, 90, List.of(b, c)))));

        ComposerView reopened = composer("campaigns/compose/" + stored.id());

        assertThat(reopened.form.abTest.enabled.getValue()).isTrue();
        assertThat(tabLabels(reopened)).containsExactly("A", "B", "C");
        assertThat(reopened.form.abTest.shown()).isZero();
        assertThat(reopened.form.content.title.getValue()).isEqualTo("Hello");
        assertThat(reopened.form.abTest.testPercent.getValue()).isEqualTo(10);
        assertThat(reopened.form.abTest.waitMinutes.getValue()).isEqualTo(90);
        assertThat(reopened.form.abTest.waitMinutes.getItemLabelGenerator().apply(90)).isEqualTo("90 min");

        reopened.form.abTest.tabs.setSelectedIndex(2);

        assertThat(reopened.form.content.title.getValue()).isEqualTo("Last chance");
        assertThat(reopened.form.variants.editors().get(0).title.getValue()).isEqualTo("最后机会");
        assertThat(reopened.form.write().abTest().versions()).extracting(ContentVersion::title)
                .containsExactly("Hi there", "Last chance");
        assertThat(reopened.form.write().abTest().versions().get(0).variants()).extracting(ContentVariant::title)
                .containsExactly("嗨");
    }

    @Test
    void sendingATestedCampaignFromTheListSaysWhoGetsWhatAndWhen() {
        ComposerView view = composedInTwoLanguages();
        ContentVersion b = new ContentVersion("Hi there", null, "Sale today",
                List.of(new ContentVariant("zh-CN", "嗨", null, null)));
        TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.create(app.id(),
                view.form.write().withAbTest(new AbTest(25, 90, List.of(b)))));
        navigate("campaigns");
        CampaignsView list = _get(CampaignsView.class);

        ContextMenuKt._clickItemWithCaption((MenuBar) GridKt._getCellComponent(list.grid, 0, "actions"), "Send now");

        assertThat(ConfirmDialogKt._getText(_get(ConfirmDialog.class)))
                .contains("25 % of them get versions A to B right away").contains("waits 90 minutes");
    }

    @Test
    void aCopiedCampaignOpensWithTheSameTest() {
        ComposerView view = composedInTwoLanguages();
        view.form.abTest.enabled.setValue(true);
        view.form.content.title.setValue("Hi there");
        view.form.variants.editors().get(0).title.setValue("嗨");
        _click(view.save);
        Campaign saved = TestSecurity.as(team.as(Role.VIEWER), () -> campaigns.list(CampaignFilter.ALL, 0, 1).get(0));
        Campaign copy = TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.duplicate(saved.id()));

        ComposerView copied = composer("campaigns/compose/" + copy.id());
        copied.form.abTest.tabs.setSelectedIndex(1);

        assertThat(copied.form.content.title.getValue()).isEqualTo("Hi there");
        assertThat(copied.form.variants.editors().get(0).title.getValue()).isEqualTo("嗨");
        assertThat(copied.form.abTest.testPercent.getValue()).isEqualTo(AbTest.DEFAULT_TEST_PERCENT);
    }

    private static List<String> tabLabels(ComposerView view) {
        return view.form.abTest.tabs.getChildren().map(tab -> ((Tab) tab).getLabel()).toList();
    }
}
