package dev.pushdeck;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import dev.pushdeck.audit.AuditEntry;
import dev.pushdeck.security.ApiTokenInfo;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.tenancy.Member;
import dev.pushdeck.tenancy.TeamService;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class TenancyViewsTest extends KaribuTest {

    @Autowired
    TeamService teamService;

    @Test
    void aViewerCannotOpenAnyAdminView() {
        TestTeams.Fixture team = teams.create("viewer-views");
        login(team.as(Role.VIEWER));

        for (String admin : List.of("team/members", "team/tokens", "audit", "teams")) {
            navigate(admin);
            assertThat(currentView()).as(admin).doesNotEndWith("View");
        }
    }

    @Test
    void anAdminSeesOnlyTheirOwnTeamsMembersTokensAndAuditRows() {
        TestTeams.Fixture mine = teams.create("mine-views");
        TestTeams.Fixture theirs = teams.create("theirs-views");
        teams.token(theirs, Role.VIEWER);
        login(mine.as(Role.ADMIN));

        navigate("team/members");
        @SuppressWarnings("unchecked")
        Grid<Member> members = _get(Grid.class);
        assertThat(rows(members)).extracting(Member::email)
                .containsExactlyInAnyOrder(mine.owner().email(), mine.admin().email(), mine.editor().email(),
                        mine.viewer().email());

        navigate("team/tokens");
        assertThat(_find(Grid.class)).allSatisfy(grid -> assertThat(rows((Grid<ApiTokenInfo>) grid)).isEmpty());

        navigate("audit");
        @SuppressWarnings("unchecked")
        Grid<AuditEntry> audit = _get(Grid.class);
        assertThat(rows(audit)).isNotEmpty().allSatisfy(entry -> assertThat(entry.target() + " " + entry.details())
                .doesNotContain(theirs.name()).doesNotContain(theirs.viewer().email()));
    }

    @Test
    void switchingToAnotherTeamsIdIsRefusedAsNotFound() {
        TestTeams.Fixture mine = teams.create("switch-mine");
        TestTeams.Fixture theirs = teams.create("switch-theirs");
        login(mine.as(Role.OWNER));

        assertThatThrownBy(() -> teamService.switchTo(theirs.teamId())).isInstanceOf(NotFoundException.class);
        assertThat(teamService.current().id()).isEqualTo(mine.teamId());
    }

    @Test
    void onlyInstanceAdministratorsSeeTheTeamsView() {
        TestTeams.Fixture team = teams.create("instance");
        login(team.as(Role.OWNER));
        navigate("teams");
        assertThat(currentView()).isNotEqualTo("TeamsView");

        login(TestSecurity.instanceAdmin());
        navigate("teams");
        assertThat(currentView()).isEqualTo("TeamsView");
        @SuppressWarnings("unchecked")
        Grid<dev.pushdeck.tenancy.Team> grid = _get(Grid.class);
        assertThat(GridKt._size(grid)).isGreaterThan(1);
    }

    private static <T> List<T> rows(Grid<T> grid) {
        return java.util.stream.IntStream.range(0, GridKt._size(grid)).mapToObj(i -> GridKt._get(grid, i)).toList();
    }

    /** The class of the view now shown: our views end in "View", Vaadin's refusal pages do not. */
    private static String currentView() {
        return UI.getCurrent().getInternals().getActiveRouterTargetsChain().get(0).getClass().getSimpleName();
    }
}
