package dev.pushdeck.security.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.security.MetricsTokenInfo;
import dev.pushdeck.security.MetricsTokenService;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import org.junit.jupiter.api.Test;

class MetricsTokensViewTest extends KaribuTest {

    @Test
    void anInstanceAdministratorCreatesAMetricsTokenSeesItOnceAndThenInTheList() {
        login(TestSecurity.instanceAdmin());
        navigate("instance/metrics-tokens");

        _click(_get(Button.class, spec -> spec.withId("create-metrics-token")));
        _setValue(_get(_get(Dialog.class), TextField.class, spec -> spec.withLabel("Name")), "scrape job");
        _click(_get(Button.class, spec -> spec.withId("save-metrics-token")));

        TextField secret = _get(TextField.class, spec -> spec.withClasses("secret-value"));
        assertThat(secret.getValue()).startsWith(MetricsTokenService.KIND);
        @SuppressWarnings("unchecked")
        Grid<MetricsTokenInfo> grid = _get(Grid.class);
        assertThat(java.util.stream.IntStream.range(0, GridKt._size(grid)).mapToObj(i -> GridKt._get(grid, i)))
                .anySatisfy(token -> assertThat(token.name()).isEqualTo("scrape job"));
    }

    @Test
    void aTeamOwnerCannotOpenMetricsTokens() {
        TestTeams.Fixture team = teams.create("metrics-view-owner");
        login(team.as(Role.OWNER));

        navigate("instance/metrics-tokens");

        assertThat(UI.getCurrent().getInternals().getActiveRouterTargetsChain().get(0))
                .isNotInstanceOf(MetricsTokensView.class);
    }
}
