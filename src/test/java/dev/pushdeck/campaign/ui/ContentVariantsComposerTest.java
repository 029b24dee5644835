package dev.pushdeck.campaign.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignFilter;
import dev.pushdeck.campaign.CampaignFixtures;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.ContentVariant;
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The composer's language tabs: adding and removing locales, previews per tab, counts per language, saving. */
class ContentVariantsComposerTest extends KaribuTest {

    @Autowired
    CampaignFixtures fixtures;
    @Autowired
    CampaignService campaigns;
    @Autowired
    DeviceService devices;

    TestTeams.Fixture team;
    PushApp app;

    @BeforeEach
    void setUp() {
        team = teams.create("variants-view");
        app = fixtures.app(team, "Variants View App");
        for (String locale : List.of("zh_CN", "zh-Hant-TW", "en-US")) {
            TestSecurity.as(team.as(Role.EDITOR), () -> devices.add(app.id(), "production", CampaignFixtures.token(),
                    new DeviceFields(List.of(), null, locale, null)));
        }
    }

    private ComposerView composer(String location) {
        login(team.as(Role.EDITOR));
        navigate(location);
        ComposerView view = _get(ComposerView.class);
        view.app.setValue(app);
        return view;
    }

    @Test
    void aLanguageGetsItsOwnTabWithItsOwnPreviewSizeAndShareOfTheAudience() {
        ComposerView view = composer("campaigns/compose");
        view.form.name.setValue("Welcome");
        view.form.content.title.setValue("Hello");

        addLanguage(view, "zh-CN");
        ContentVariantTabs.Editor chinese = view.form.variants.editors().get(0);
        chinese.title.setValue("你好");

        assertThat(view.form.variants.selected()).as("the new language's tab").isEqualTo(1);
        assertThat(view.form.content.title.isVisible()).as("the default's fields wait behind its tab").isFalse();
        assertThat(chinese.isVisible()).isTrue();
        assertThat(view.preview.mockTitle.getText()).isEqualTo("你好");
        assertThat(view.preview.json.getText()).contains("你好").doesNotContain("Hello");
        assertThat(view.form.variants.defaultTab.getLabel()).isEqualTo("Default · 2");
        assertThat(chinese.tab.getLabel()).as("zh_CN only: zh-Hant-TW is not zh-CN").isEqualTo("zh-CN · 1");

        view.form.variants.tabs.setSelectedTab(view.form.variants.defaultTab);

        assertThat(view.form.content.title.isVisible()).isTrue();
        assertThat(chinese.isVisible()).isFalse();
        assertThat(view.preview.mockTitle.getText()).isEqualTo("Hello");
        assertThat(view.preview.json.getText()).contains("Hello");
    }

    @Test
    void aLanguageTagIsCheckedBeforeItIsAddedAndNotAddedTwice() {
        ComposerView view = composer("campaigns/compose");

        addLanguage(view, "chinese!");
        assertThat(view.form.variants.locale.isInvalid()).isTrue();
        assertThat(view.form.variants.locale.getErrorMessage())
                .isEqualTo("This is not a language tag. Write one such as zh-CN, zh-Hant-TW or en.");

        addLanguage(view, "zh_Hant_TW");
        addLanguage(view, "ZH-hant-tw");

        assertThat(view.form.variants.locale.getErrorMessage()).isEqualTo("There is already content for ZH-hant-tw.");
        assertThat(view.form.variants.value()).extracting(ContentVariant::locale).containsExactly("zh-Hant-TW");
    }

    @Test
    void languagesAreSavedAndAnEditedCampaignOpensWithThemAndRemovingOneAsksNothingOfTheOthers() {
        ComposerView view = composer("campaigns/compose");
        view.form.name.setValue("Two languages");
        view.form.content.title.setValue("Hello");
        addLanguage(view, "zh");
        view.form.variants.editors().get(0).body.setValue("欢迎");
        addLanguage(view, "ja");
        view.form.variants.editors().get(1).title.setValue("こんにちは");

        _click(view.save);

        Campaign saved = TestSecurity.as(team.as(Role.VIEWER), () -> campaigns.list(CampaignFilter.ALL, 0, 1).get(0));
        assertThat(saved.draft().variants()).containsExactly(new ContentVariant("zh", null, null, "欢迎"),
                new ContentVariant("ja", "こんにちは", null, null));
        ComposerView reopened = composer("campaigns/compose/" + saved.id());
        assertThat(reopened.form.variants.value()).extracting(ContentVariant::locale).containsExactly("zh", "ja");
        assertThat(reopened.form.variants.selected()).isZero();

        reopened.form.variants.tabs.setSelectedTab(reopened.form.variants.editors().get(0).tab);
        _click(reopened.form.variants.editors().get(0).remove);

        assertThat(reopened.form.write().variants()).extracting(ContentVariant::locale).containsExactly("ja");
        assertThat(reopened.form.variants.selected()).as("back on the default").isZero();
        assertThat(reopened.form.content.title.isVisible()).isTrue();
    }

    @Test
    void anExpertPayloadCannotTakeLanguagesAndSaysWhy() {
        ComposerView view = composer("campaigns/compose");

        view.form.content.expert.setValue(true);

        assertThat(view.form.variants.isVisible()).as("nothing to remove, nothing to add").isFalse();
        assertThat(view.form.variants.add.isEnabled()).isFalse();
        assertThat(view.form.variants.locale.getHelperText()).startsWith("A raw payload is sent as written");
    }

    private static void addLanguage(ComposerView view, String tag) {
        view.form.variants.locale.setValue(tag);
        _click(view.form.variants.add);
    }
}
