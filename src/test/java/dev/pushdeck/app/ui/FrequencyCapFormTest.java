package dev.pushdeck.app.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.IntegerField;
import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class FrequencyCapFormTest extends KaribuTest {

    @Autowired
    AppService apps;

    @Test
    void anAdminSetsTheCapAndSeesEachBadFieldRefusedWithItsReason() {
        TestTeams.Fixture team = teams.create("ui-caps");
        PushApp app = TestSecurity.as(team.as(Role.ADMIN), () -> apps.create("Caps", "com.example.uicaps"));
        login(team.as(Role.ADMIN));
        navigate("apps/" + app.id());
        IntegerField perDay = _get(IntegerField.class, spec -> spec.withId("cap-per-day"));
        IntegerField perWeek = _get(IntegerField.class, spec -> spec.withId("cap-per-week"));
        Button save = _get(Button.class, spec -> spec.withId("save-frequency-cap"));

        _setValue(perDay, 5);
        _setValue(perWeek, 4);
        _click(save);
        assertThat(perDay.isInvalid()).isFalse();
        assertThat(perWeek.isInvalid()).isTrue();
        assertThat(perWeek.getErrorMessage()).contains("5");
        assertThat(stored(team, app).frequencyCap()).as("nothing stored").isNull();

        _setValue(perDay, 0);
        _setValue(perWeek, 10);
        _click(save);
        assertThat(perDay.isInvalid()).isTrue();

        _setValue(perDay, 2);
        _click(save);
        assertThat(perDay.isInvalid()).isFalse();
        assertThat(stored(team, app).capPerDay()).isEqualTo(2);
        assertThat(stored(team, app).capPerWeek()).isEqualTo(10);
    }

    @Test
    void textThatIsNotAWholeNumberIsRefusedRatherThanStoredAsNoCap() {
        TestTeams.Fixture team = teams.create("ui-caps-typo");
        PushApp app = TestSecurity.as(team.as(Role.ADMIN), () -> apps.setFrequencyCap(
                apps.create("Typo", "com.example.uicapstypo").id(), 4, null));
        login(team.as(Role.ADMIN));
        navigate("apps/" + app.id());
        IntegerField perDay = _get(IntegerField.class, spec -> spec.withId("cap-per-day"));

        UnparsableInput.type(perDay, "2.5");
        _click(_get(Button.class, spec -> spec.withId("save-frequency-cap")));

        assertThat(perDay.isInvalid()).isTrue();
        assertThat(perDay.getErrorMessage()).contains("1 to 100");
        assertThat(stored(team, app).capPerDay()).as("the cap stays").isEqualTo(4);
    }

    @Test
    void anEditorSeesTheCapButCannotChangeIt() {
        TestTeams.Fixture team = teams.create("ui-caps-editor");
        PushApp app = TestSecurity.as(team.as(Role.ADMIN), () -> {
            PushApp created = apps.create("Capped", "com.example.uicapped");
            return apps.setFrequencyCap(created.id(), 3, null);
        });
        login(team.as(Role.EDITOR));
        navigate("apps/" + app.id());

        IntegerField perDay = _get(IntegerField.class, spec -> spec.withId("cap-per-day"));
        assertThat(perDay.getValue()).isEqualTo(3);
        assertThat(perDay.isReadOnly()).isTrue();
        assertThat(_get(IntegerField.class, spec -> spec.withId("cap-per-week")).getValue()).isNull();
        assertThat(_find(Button.class, spec -> spec.withId("save-frequency-cap"))).isEmpty();
    }

    private PushApp stored(TestTeams.Fixture team, PushApp app) {
        return TestSecurity.as(team.as(Role.VIEWER), () -> apps.get(app.id()));
    }
}
