package dev.pushdeck.campaign.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.CampaignFixtures;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The composer's line about the app's frequency cap. */
class FrequencyCapComposerTest extends KaribuTest {

    @Autowired
    CampaignFixtures fixtures;
    @Autowired
    AppService apps;

    TestTeams.Fixture team;
    PushApp capped;
    PushApp free;

    @BeforeEach
    void setUp() {
        team = teams.create("caps-composer");
        capped = fixtures.app(team, "Capped Composer");
        free = fixtures.app(team, "Free Composer");
        TestSecurity.as(team.as(Role.ADMIN), () -> apps.setFrequencyCap(capped.id(), 2, 5));
    }

    private ComposerView composer() {
        return composer(Locale.ENGLISH);
    }

    private ComposerView composer(Locale locale) {
        login(team.as(Role.EDITOR));
        UI.getCurrent().setLocale(locale);
        navigate("campaigns/compose");
        return _get(ComposerView.class);
    }

    private static void choose(ComposerView view, PushApp app) {
        view.app.setValue(view.app.getListDataView().getItems().filter(item -> item.id().equals(app.id()))
                .findFirst().orElseThrow());
    }

    @Test
    void aCampaignOfACappedAppSaysTheCapAppliesAndThatTransactionalSendsAreNotCapped() {
        ComposerView view = composer();

        choose(view, capped);

        assertThat(view.form.audience.capNote.isVisible()).isTrue();
        assertThat(view.form.audience.capNote.getText()).contains("frequency cap applies").contains("2").contains("5")
                .contains("Transactional and test sends are not capped");
        choose(view, free);
        assertThat(view.form.audience.capNote.isVisible()).isFalse();
    }

    @Test
    void theLineIsInChineseForAChineseBrowser() {
        ComposerView view = composer(Locale.SIMPLIFIED_CHINESE);

        choose(view, capped);

        assertThat(view.form.audience.capNote.getText()).contains("频率上限").contains("2").contains("5");
    }

    @Test
    void aLiveActivityUpdateIsNotCapped() {
        ComposerView view = composer();
        choose(view, capped);

        view.form.delivery.pushType.setValue(PushType.LIVEACTIVITY);

        assertThat(view.form.audience.capNote.isVisible()).isFalse();
    }
}
