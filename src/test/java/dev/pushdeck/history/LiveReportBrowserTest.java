package dev.pushdeck.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.dispatch.LiveSending;
import dev.pushdeck.security.TestSecurity;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * A real browser watches a campaign's report while the dispatcher sends it to a slow mock
 * APNs: the accepted count moves by server push, without reloading the page. Needs Debian's
 * chromium and chromium-driver; skip with -DskipBrowserTests=true.
 */
@PushdeckTest
class LiveReportBrowserTest {

    private static final int DEVICES = 60;

    @LocalServerPort
    int port;
    @Autowired
    TestTeams teams;
    @Autowired
    ApplicationContext context;

    private WebDriver browser;
    private WebDriverWait wait;
    private LiveSending live;

    @BeforeEach
    void openBrowser() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900",
                "--user-data-dir=" + Files.createTempDirectory("pushdeck-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        live = new LiveSending(context);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
        live.close();
        TestSecurity.signOut();
    }

    @Test
    void anOpenReportShowsTheAcceptedCountMoveWithoutReloading() throws Exception {
        TestTeams.Fixture team = teams.create("live-report");
        PushApp app = live.app(team, "browser");
        live.devices(team, app, DEVICES);
        browser.get("http://localhost:" + port + "/login");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#vaadinLoginUsername input")))
                .sendKeys(team.editor().email());
        browser.findElement(By.cssSelector("#vaadinLoginPassword input")).sendKeys(TestTeams.PASSWORD + "\n");
        wait.until(ExpectedConditions.textToBe(By.cssSelector(".dashboard h2"), team.name()));

        // Every answer of the mock takes a while, so the run lasts several seconds.
        live.slow(Duration.ofMillis(300));
        Campaign campaign = live.send(team, app, "Watched live");
        browser.get("http://localhost:" + port + "/campaigns/" + campaign.id() + "/report");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("count-accepted")));
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");

        List<Integer> seen = new ArrayList<>();
        seen.add(accepted());
        wait.until(driver -> {
            int now = accepted();
            if (now != seen.get(seen.size() - 1)) {
                seen.add(now);
            }
            return now == DEVICES;
        });

        assertThat(seen).as("accepted counts seen").hasSizeGreaterThanOrEqualTo(2).isSorted().endsWith(DEVICES);
        assertThat(seen.get(0)).isLessThan(DEVICES);
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;"))
                .isEqualTo(true);
        wait.until(ExpectedConditions.textToBe(By.id("progress-text"), DEVICES + " of " + DEVICES + " handled"));
        screenshot();
    }

    private int accepted() {
        return Integer.parseInt(browser.findElement(By.id("count-accepted")).getText().trim());
    }

    private void screenshot() throws Exception {
        Path target = Path.of("target", "browser");
        Files.createDirectories(target);
        Files.write(target.resolve("live-report.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
