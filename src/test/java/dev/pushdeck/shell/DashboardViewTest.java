package dev.pushdeck.shell;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.Span;
import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.AppService;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class DashboardViewTest extends KaribuTest {

    @Autowired
    AppService apps;

    @Test
    void theDashboardCountsOnlyTheCurrentTeamsApps() {
        TestTeams.Fixture mine = teams.create("dash-mine");
        TestTeams.Fixture theirs = teams.create("dash-theirs");
        TestSecurity.as(mine.as(Role.ADMIN), () -> List.of(apps.create("One", "com.example.one"),
                apps.create("Two", "com.example.two")));
        TestSecurity.as(theirs.as(Role.ADMIN), () -> apps.create("Other", "com.example.other"));
        login(mine.as(Role.VIEWER));

        navigate("");

        assertThat(statValue("apps")).isEqualTo("2");
        assertThat(statValue("members")).isEqualTo("4");
    }

    /** The number on the card whose label is {@code label}. */
    private static String statValue(String label) {
        List<Span> spans = _find(Span.class);
        for (int i = 0; i + 1 < spans.size(); i++) {
            if (spans.get(i).hasClassName("stat-value") && spans.get(i + 1).getText().equals(label)) {
                return spans.get(i).getText();
            }
        }
        throw new AssertionError("no card labelled " + label);
    }
}
