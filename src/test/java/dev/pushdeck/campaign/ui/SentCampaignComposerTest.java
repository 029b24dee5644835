package dev.pushdeck.campaign.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.HasEnabled;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.AbTest;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.CampaignFixtures;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.ContentVariant;
import dev.pushdeck.campaign.ContentVersion;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A campaign that is sending opens read-only, yet each of its versions and languages can still be read. */
class SentCampaignComposerTest extends KaribuTest {

    @Autowired
    CampaignFixtures fixtures;
    @Autowired
    CampaignService campaigns;

    TestTeams.Fixture team;
    PushApp app;
    ComposerView view;

    /** A sending campaign "Hello" / 你好, tested against version B "Hi there" / 嗨. */
    @BeforeEach
    void setUp() {
        team = teams.create("sent-composer");
        app = fixtures.app(team, "Sent Composer App");
        login(team.as(Role.EDITOR));
        navigate("campaigns/compose");
        ComposerView blank = _get(ComposerView.class);
        blank.app.setValue(app);
        blank.form.name.setValue("Spring sale");
        blank.form.content.title.setValue("Hello");
        blank.form.content.body.setValue("Sale today");
        ContentVersion b = new ContentVersion("Hi there", null, "Sale today",
                List.of(new ContentVariant("zh-CN", "嗨", null, null)));
        CampaignDraft draft = blank.form.write().withVariants(List.of(new ContentVariant("zh-CN", "你好", null, null)))
                .withAbTest(new AbTest(10, 60, List.of(b)));
        Campaign sent = TestSecurity.as(team.as(Role.EDITOR), () -> {
            Campaign stored = campaigns.create(app.id(), draft);
            return campaigns.sendNow(stored.id());
        });
        assertThat(sent.status().editable()).isFalse();
        navigate("campaigns/compose/" + sent.id());
        view = _get(ComposerView.class);
    }

    @Test
    void aSentCampaignsComposerStillShowsVersionBWhenItsTabIsClicked() {
        click(view.form.abTest.tabs, view.form.abTest.tabs.getTabAt(1));

        assertThat(view.form.abTest.shown()).isEqualTo(1);
        assertThat(view.form.content.title.getValue()).isEqualTo("Hi there");
        assertThat(view.preview.mockTitle.getText()).isEqualTo("Hi there");
    }

    @Test
    void aSentCampaignsComposerStillShowsItsChineseWordingWhenItsTabIsClicked() {
        click(view.form.variants.tabs, view.form.variants.editors().get(0).tab);

        assertThat(view.form.variants.selected()).isEqualTo(1);
        assertThat(view.preview.mockTitle.getText()).isEqualTo("你好");

        click(view.form.abTest.tabs, view.form.abTest.tabs.getTabAt(1));

        assertThat(view.form.variants.selected()).as("the language stays selected").isEqualTo(1);
        assertThat(view.preview.mockTitle.getText()).isEqualTo("嗨");
    }

    @Test
    void nothingInASentCampaignsComposerCanBeChangedWhileItsTabsAreRead() {
        click(view.form.abTest.tabs, view.form.abTest.tabs.getTabAt(1));
        click(view.form.variants.tabs, view.form.variants.editors().get(0).tab);

        List<HasValue<?, ?>> inputs = List.of(view.form.name, view.form.content.title, view.form.content.body,
                view.form.delivery.priority, view.form.delivery.pushType, view.form.audience.audienceType,
                view.form.abTest.enabled, view.form.abTest.testPercent, view.form.variants.locale,
                view.form.variants.editors().get(0).title, view.form.quietHours.enabled, view.app);
        assertThat(inputs).allSatisfy(input -> assertThat(input.isReadOnly() || !((HasEnabled) input).isEnabled())
                        .as("%s can be changed", input).isTrue());
        assertThat(List.of(view.save, view.saveTemplate, view.sendTest, view.form.abTest.addVersion,
                view.form.variants.add, view.form.variants.editors().get(0).remove))
                .allSatisfy(button -> assertThat(button.isEnabled()).as("%s can be clicked", button.getText()).isFalse());
    }

    /** Selects a tab as a click does: only when the person can click it. */
    private static void click(Tabs tabs, Tab tab) {
        assertThat(tabs.isEnabled() && tab.isEnabled()).as("the tab %s can be clicked", tab.getLabel()).isTrue();
        tabs.setSelectedTab(tab);
    }
}
