package dev.pushdeck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.security.TestSecurity;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A real browser tells the console its time zone (Vaadin's extended client details, asked
 * for when the page's UI starts) and sees times and pickers in it. Skip locally with
 * -DskipBrowserTests=true.
 */
@PushdeckTest
class ViewerZoneBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    TestTeams teams;

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() throws Exception {
        browser = (ChromeDriver) Chromium.start();
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
    void aBrowserThatMovedToShanghaiSeesTheAuditLogInShanghaiTime() {
        TestTeams.Fixture team = teams.create("browser-zones");
        browser.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "UTC"));
        browser.get("http://localhost:" + port + "/login");
        input("#vaadinLoginUsername").sendKeys(team.admin().email());
        input("#vaadinLoginPassword").sendKeys(TestTeams.PASSWORD + "\n");
        wait.until(ExpectedConditions.textToBe(By.cssSelector(".dashboard h2"), team.name()));

        // The session remembers this browser as UTC; what it says on the next page wins.
        browser.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "Asia/Shanghai"));
        browser.get("http://localhost:" + port + "/audit");

        wait.until(driver -> driver.findElements(By.tagName("vaadin-grid-cell-content")).stream()
                .anyMatch(cell -> cell.getText().endsWith(" UTC+8")));
        WebElement from = browser.findElement(By.tagName("vaadin-date-picker"));
        assertThat(from.getDomProperty("label")).isEqualTo("From (Asia/Shanghai)");
    }

    private WebElement input(String field) {
        return wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(field + " input")));
    }
}
