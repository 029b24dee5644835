package dev.pushdeck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.security.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A real browser against the running console: sign in, switch team, sign out. Needs
 * Debian's chromium and chromium-driver (installed by .ci/run); skip locally with
 * -DskipBrowserTests=true.
 */
class SignInBrowserTest extends BrowserTestBase {

    @Test
    void aPersonSignsInSwitchesTeamAndSignsOut() throws Exception {
        TestTeams.Fixture first = teams.create("browser-a");
        TestTeams.Fixture second = teams.create("browser-b");
        teams.join(second, first.editor(), Role.VIEWER);

        signIn(first.editor().email(), first.name());

        wait.until(ExpectedConditions.elementToBeClickable(By.id("team-switcher"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//vaadin-select-item[normalize-space(.)='" + second.name() + "']"))).click();
        waitForHeading(second.name());

        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#user-menu vaadin-menu-bar-button")))
                .click();
        wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//vaadin-menu-bar-item[normalize-space(.)='Sign out']"))).click();
        wait.until(ExpectedConditions.urlContains("/login"));
        assertThat(input("#vaadinLoginUsername").isDisplayed()).isTrue();
        screenshot();
    }

    private void screenshot() throws Exception {
        Path target = Path.of("target", "browser");
        Files.createDirectories(target);
        Files.write(target.resolve("signed-out.png"), browser.getScreenshotAs(OutputType.BYTES));
    }
}
