package dev.pushdeck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import dev.pushdeck.tenancy.MemberService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A real browser against the running console: sign in, switch team, sign out. Needs
 * Debian's chromium and chromium-driver (installed by .ci/run); skip locally with
 * -DskipBrowserTests=true.
 */
@PushdeckTest
class SignInBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    TestTeams teams;
    @Autowired
    MemberService members;

    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() throws Exception {
        browser = Chromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
        TestSecurity.signOut();
    }

    @Test
    void aPersonSignsInSwitchesTeamAndSignsOut() throws Exception {
        TestTeams.Fixture first = teams.create("browser-a");
        TestTeams.Fixture second = teams.create("browser-b");
        TestSecurity.as(second.as(Role.OWNER),
                () -> members.add(first.editor().email(), null, null, Role.VIEWER));

        browser.get("http://localhost:" + port + "/login");
        input("#vaadinLoginUsername").sendKeys(first.editor().email());
        input("#vaadinLoginPassword").sendKeys(TestTeams.PASSWORD + "\n");
        waitForHeading(first.name());

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

    private WebElement input(String field) {
        return wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(field + " input")));
    }

    private void waitForHeading(String text) {
        wait.until(ExpectedConditions.textToBe(By.cssSelector(".dashboard h2"), text));
    }

    private void screenshot() throws Exception {
        Path target = Path.of("target", "browser");
        Files.createDirectories(target);
        Files.write(target.resolve("signed-out.png"),
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
