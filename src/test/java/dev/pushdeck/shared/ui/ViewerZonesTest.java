package dev.pushdeck.shared.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.TestingLifecycleHookKt;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.page.ExtendedClientDetails;
import dev.pushdeck.KaribuTest;
import dev.pushdeck.security.Role;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ViewerZonesTest extends KaribuTest {

    UI ui;

    @BeforeEach
    void aPageWhoseBrowserHasNotAnsweredYet() {
        login(teams.create("viewer-zones").as(Role.ADMIN));
        ui = UI.getCurrent();
        // Karibu answers for the browser unless told not to; here the answer comes when the test says.
        TestingLifecycleHookKt.setFakeExtendedClientDetails(false);
        ui.getInternals().setExtendedClientDetails(null);
        ComponentUtil.setData(ui, ViewerZone.ASSUMED, null);
    }

    @AfterEach
    void karibuAnswersAgain() {
        TestingLifecycleHookKt.setFakeExtendedClientDetails(true);
    }

    @Test
    void aViewShownBeforeTheBrowserNamesItsZoneIsShownAgainInThatZone() {
        navigate("audit");
        Grid<?> before = _get(Grid.class);
        assertThat(firstTime(before)).endsWith(" UTC");

        answer("Asia/Shanghai");

        Grid<?> after = _get(Grid.class);
        assertThat(after).isNotSameAs(before);
        assertThat(firstTime(after)).endsWith(" UTC+8");
    }

    @Test
    void aBrowserInUtcLeavesTheViewAsItIs() {
        navigate("audit");
        Grid<?> before = _get(Grid.class);

        answer("UTC");

        assertThat(_get(Grid.class)).isSameAs(before);
    }

    @Test
    void theNextPageOfTheSessionStartsInTheZoneTheBrowserNamedBefore() {
        answer("Asia/Shanghai");
        ui.getInternals().setExtendedClientDetails(null);
        ComponentUtil.setData(ui, ViewerZone.ASSUMED, null);

        ViewerZones.learn(ui);
        navigate("audit");

        assertThat(ViewerZone.of(ui)).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(firstTime(_get(Grid.class))).endsWith(" UTC+8");
    }

    /** The first column of the first row: the audit log's time. */
    private static String firstTime(Grid<?> grid) {
        return GridKt._getFormattedRow(grid, 0).get(0);
    }

    /** What Flow does when the browser's details arrive: store them, then call back. */
    private void answer(String zoneId) {
        ExtendedClientDetails details = browserIn(zoneId);
        ui.getInternals().setExtendedClientDetails(details);
        ViewerZones.arrived(ui, details);
    }
}
