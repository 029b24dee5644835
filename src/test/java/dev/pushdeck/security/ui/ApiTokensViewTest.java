package dev.pushdeck.security.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.security.ApiTokenInfo;
import dev.pushdeck.security.ApiTokenService;
import dev.pushdeck.security.Role;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ApiTokensViewTest extends KaribuTest {

    @Test
    void anAdminCreatesATokenWithARoleSeesItOnceAndThenInTheList() {
        TestTeams.Fixture team = teams.create("api-tokens-view");
        login(team.as(Role.ADMIN));
        navigate("team/tokens");

        _click(_get(Button.class, spec -> spec.withId("create-token")));
        Dialog dialog = _get(Dialog.class);
        _setValue(_get(dialog, TextField.class, spec -> spec.withLabel("Name")), "deploy bot");
        @SuppressWarnings("unchecked")
        Select<Role> role = _get(dialog, Select.class);
        _setValue(role, Role.EDITOR);
        _click(_get(Button.class, spec -> spec.withId("save-token")));

        TextField secret = _get(TextField.class, spec -> spec.withClasses("secret-value"));
        assertThat(secret.getValue()).startsWith(ApiTokenService.KIND);
        assertThat(rows()).anySatisfy(token -> {
            assertThat(token.name()).isEqualTo("deploy bot");
            assertThat(token.role()).isEqualTo(Role.EDITOR);
        });
    }

    @Test
    void aBlankNameIsMarkedOnTheFieldAndNothingIsCreated() {
        TestTeams.Fixture team = teams.create("api-tokens-blank");
        login(team.as(Role.ADMIN));
        navigate("team/tokens");

        _click(_get(Button.class, spec -> spec.withId("create-token")));
        _click(_get(Button.class, spec -> spec.withId("save-token")));

        TextField name = _get(_get(Dialog.class), TextField.class, spec -> spec.withLabel("Name"));
        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorMessage()).isNotBlank();
        assertThat(_find(TextField.class, spec -> spec.withClasses("secret-value"))).isEmpty();
        assertThat(_find(Grid.class)).as("the list stays hidden behind its empty state").isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static List<ApiTokenInfo> rows() {
        Grid<ApiTokenInfo> grid = _get(Grid.class);
        return IntStream.range(0, GridKt._size(grid)).mapToObj(i -> GridKt._get(grid, i)).toList();
    }
}
