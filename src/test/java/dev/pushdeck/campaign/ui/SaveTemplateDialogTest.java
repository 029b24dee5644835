package dev.pushdeck.campaign.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.CampaignFixtures;
import dev.pushdeck.campaign.Template;
import dev.pushdeck.campaign.TemplateService;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Saving the composer's wording as a template: the campaign's name offered, a taken name refused in place, and
 * with an A/B test the version shown saved and named.
 */
class SaveTemplateDialogTest extends KaribuTest {

    @Autowired
    CampaignFixtures fixtures;
    @Autowired
    TemplateService templates;

    TestTeams.Fixture team;
    PushApp app;

    @BeforeEach
    void setUp() {
        team = teams.create("template-dialog");
        app = fixtures.app(team, "Template Dialog App");
    }

    private ComposerView composed() {
        login(team.as(Role.EDITOR));
        navigate("campaigns/compose");
        ComposerView view = _get(ComposerView.class);
        view.app.setValue(app);
        view.form.name.setValue("Weekly news");
        view.form.content.title.setValue("This week");
        view.form.content.body.setValue("Five things we shipped");
        return view;
    }

    @Test
    void theWordingIsSavedUnderTheNameOfferedOrChosen() {
        ComposerView view = composed();

        _click(view.saveTemplate);
        SaveTemplateDialog dialog = _get(SaveTemplateDialog.class);
        assertThat(dialog.templateName.getValue()).isEqualTo("Weekly news");
        assertThat(dialog.version.isVisible()).as("no versions to tell apart").isFalse();
        dialog.templateName.setValue("Newsletter");
        _click(dialog.save);

        assertThat(_find(SaveTemplateDialog.class)).isEmpty();
        Template saved = TestSecurity.as(team.as(Role.VIEWER), () -> templates.list()).stream()
                .filter(template -> template.name().equals("Newsletter")).findFirst().orElseThrow();
        assertThat(saved.notification().title()).isEqualTo("This week");
        assertThat(saved.notification().body()).isEqualTo("Five things we shipped");
    }

    @Test
    void withAnAbTestTheDialogNamesTheVersionShownAndSavesItsWording() {
        ComposerView view = composed();
        view.form.abTest.enabled.setValue(true);
        view.form.content.title.setValue("This week, in short");

        _click(view.saveTemplate);
        SaveTemplateDialog dialog = _get(SaveTemplateDialog.class);
        assertThat(dialog.version.isVisible()).isTrue();
        assertThat(dialog.version.getText()).isEqualTo("The template keeps the wording of version B, the version "
                + "shown now. To keep another version's wording, cancel and pick its tab.");
        dialog.templateName.setValue("Newsletter B");
        _click(dialog.save);

        Template saved = TestSecurity.as(team.as(Role.VIEWER), () -> templates.list()).stream()
                .filter(template -> template.name().equals("Newsletter B")).findFirst().orElseThrow();
        assertThat(saved.notification().title()).isEqualTo("This week, in short");
        assertThat(saved.notification().body()).as("B began as a copy of A").isEqualTo("Five things we shipped");
    }

    @Test
    void aNameTheTeamUsesAlreadyIsRefusedOnTheFieldAndTheDialogStays() {
        ComposerView view = composed();
        _click(view.saveTemplate);
        _click(_get(SaveTemplateDialog.class).save);
        view.form.content.title.setValue("Next week");

        _click(view.saveTemplate);
        SaveTemplateDialog second = _get(SaveTemplateDialog.class);
        _click(second.save);

        assertThat(second.isOpened()).isTrue();
        assertThat(second.templateName.isInvalid()).isTrue();
        assertThat(second.templateName.getErrorMessage()).isEqualTo("A template with this name already exists.");
    }
}
