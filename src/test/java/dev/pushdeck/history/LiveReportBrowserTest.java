package dev.pushdeck.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.BrowserTestBase;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.dispatch.DeliveryStatus;
import dev.pushdeck.dispatch.LiveSending;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * A real browser watches a campaign's report while the dispatcher sends it to a mock APNs:
 * the accepted count moves by server push, without reloading the page. Needs Debian's
 * chromium and chromium-driver; skip with -DskipBrowserTests=true.
 */
class LiveReportBrowserTest extends BrowserTestBase {

    /** Sends a throttled run lets through at once: its bucket holds one send (see LiveSending). */
    private static final int FIRST = 1;
    private static final int DEVICES = 2;
    /** One send every ten seconds: the second waits, and pausing holds it while the page opens. */
    private static final int PER_MINUTE = 6;

    @Autowired
    ApplicationContext context;
    @Autowired
    CampaignService campaigns;

    private LiveSending live;

    /** Sending to the mock and pushing to the page can take longer than the usual wait on a busy machine. */
    @BeforeEach
    void startSending() throws Exception {
        wait = new WebDriverWait(browser, Duration.ofSeconds(150));
        live = new LiveSending(context);
    }

    @AfterEach
    void stopSending() {
        live.close();
    }

    @Test
    void anOpenReportShowsTheAcceptedCountMoveWithoutReloading() throws Exception {
        TestTeams.Fixture team = teams.create("live-report");
        PushApp app = live.app(team, "browser");
        live.devices(team, app, DEVICES);
        signIn(team.editor().email(), team.name());

        Campaign campaign = live.send(team, app, "Watched live", PER_MINUTE);
        live.awaitProgress(team, campaign.id(), progress -> progress.count(DeliveryStatus.ACCEPTED) == FIRST
                && progress.count(DeliveryStatus.IN_FLIGHT) == 0);
        TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.pause(campaign.id()));
        browser.get("http://localhost:" + port + "/campaigns/" + campaign.id() + "/report");
        wait.until(ExpectedConditions.textToBe(By.id("count-accepted"), String.valueOf(FIRST)));
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");

        TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.resume(campaign.id()));

        wait.until(ExpectedConditions.textToBe(By.id("count-accepted"), String.valueOf(DEVICES)));
        wait.until(ExpectedConditions.textToBe(By.id("progress-text"), DEVICES + " of " + DEVICES + " handled"));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;"))
                .as("the page was not reloaded").isEqualTo(true);
        screenshot();
    }

    private void screenshot() throws Exception {
        Path target = Path.of("target", "browser");
        Files.createDirectories(target);
        Files.write(target.resolve("live-report.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
