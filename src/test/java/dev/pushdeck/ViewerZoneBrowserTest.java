package dev.pushdeck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A real browser tells the console its time zone (Vaadin's extended client details, asked
 * for when the page's UI starts) and sees times and pickers in it. Skip locally with
 * -DskipBrowserTests=true.
 */
class ViewerZoneBrowserTest extends BrowserTestBase {

    @Test
    void aBrowserThatMovedToShanghaiSeesTheAuditLogInShanghaiTime() {
        TestTeams.Fixture team = teams.create("browser-zones");
        browser.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "UTC"));
        signIn(team.admin().email(), team.name());

        // The session remembers this browser as UTC; what it says on the next page wins.
        browser.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "Asia/Shanghai"));
        browser.get("http://localhost:" + port + "/audit");

        wait.until(driver -> driver.findElements(By.tagName("vaadin-grid-cell-content")).stream()
                .anyMatch(cell -> cell.getText().endsWith(" UTC+8")));
        assertThat(browser.findElement(By.tagName("vaadin-date-picker")).getDomProperty("label"))
                .isEqualTo("From (Asia/Shanghai)");
    }
}
