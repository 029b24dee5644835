package dev.pushdeck;

import dev.pushdeck.security.TestSecurity;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Base of the *BrowserTest classes: the running console and a fresh headless Chromium per test. */
@PushdeckTest
public abstract class BrowserTestBase {

    @LocalServerPort
    protected int port;
    @Autowired
    protected TestTeams teams;

    protected ChromeDriver browser;
    protected WebDriverWait wait;

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

    /** Signs in through the login form and waits for the dashboard of the person's team. */
    protected void signIn(String email, String teamName) {
        browser.get("http://localhost:" + port + "/login");
        input("#vaadinLoginUsername").sendKeys(email);
        input("#vaadinLoginPassword").sendKeys(TestTeams.PASSWORD + "\n");
        waitForHeading(teamName);
    }

    protected WebElement input(String field) {
        return wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(field + " input")));
    }

    protected void waitForHeading(String text) {
        wait.until(ExpectedConditions.textToBe(By.cssSelector(".dashboard h2"), text));
    }
}
