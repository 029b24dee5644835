package dev.pushdeck.dispatch;

import static dev.pushdeck.app.TestCredentials.KEY_ID;
import static dev.pushdeck.app.TestCredentials.TEAM_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.BrowserTestBase;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.CredentialService;
import dev.pushdeck.app.CredentialUpload;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.app.TestCredentials;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignFilter;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.device.ActivityKind;
import dev.pushdeck.device.ActivityRegistrationService;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A real browser composes a Live Activity update in the composer, saves it and sends it from
 * the campaign list; the dispatcher delivers it to the registered activity token through the
 * demo's APNs simulator, and the report counts it accepted. Needs Debian's chromium and
 * chromium-driver; skip with -DskipBrowserTests=true.
 */
class LiveActivityBrowserTest extends BrowserTestBase {

    private static final String ATTRIBUTES = "ScoreAttributes";

    @Autowired
    AppService apps;
    @Autowired
    CredentialService credentials;
    @Autowired
    DeviceService devices;
    @Autowired
    ActivityRegistrationService activities;
    @Autowired
    CampaignService campaigns;
    @Autowired
    ApnsClients clients;

    SimulatorApns simulator;
    TestTeams.Fixture team;

    @BeforeEach
    void startSimulator() throws Exception {
        wait = new WebDriverWait(browser, Duration.ofSeconds(120));
        simulator = new SimulatorApns(0, 0, Duration.ZERO);
        clients.overrideEndpoint(simulator.endpoint(ApnsEnvironment.PRODUCTION));
        team = teams.create("live-activity-browser");
        PushApp app = TestSecurity.as(team.as(Role.ADMIN), () -> {
            PushApp created = apps.create("Scores", "com.example.scores" + UUID.randomUUID().toString()
                    .substring(0, 8) + ".simulator");
            credentials.upload(created.id(), new CredentialUpload(TestCredentials.bytes(TestCredentials.pem(
                    TestCredentials.ec("secp256r1").getPrivate())), null, "production", KEY_ID, TEAM_ID, false));
            return created;
        });
        TestSecurity.as(team.as(Role.EDITOR), () -> {
            Device phone = devices.add(app.id(), "production", DispatcherTest.token(), DeviceFields.NONE);
            return activities.add(phone.id(), DispatcherTest.token() + DispatcherTest.token().substring(0, 16),
                    ActivityKind.UPDATE, ATTRIBUTES, "match-7");
        });
    }

    @AfterEach
    void stopSimulator() {
        clients.overrideEndpoint(null);
        simulator.destroy();
    }

    @Test
    void anUpdateComposedInTheBrowserReachesTheActivityThroughTheSimulator() {
        signIn(team.editor().email(), team.name());
        browser.get("http://localhost:" + port + "/campaigns/compose");

        field("vaadin-text-field", "Name", "input").sendKeys("Second half");
        choose("Push type", "Live Activity update");
        field("vaadin-text-field", "Attributes type", "input").sendKeys(ATTRIBUTES);
        field("vaadin-text-area", "Content state (JSON)", "textarea").sendKeys("{\"home\": 2, \"away\": 1}");
        wait.until(ExpectedConditions.textMatches(By.cssSelector(".payload-json"),
                java.util.regex.Pattern.compile(".*\"event\":\"update\".*\"home\":2.*")));
        wait.until(ExpectedConditions.textToBe(By.cssSelector(".audience-count"), "1 live activity reached"));
        click(button("Save"));

        wait.until(ExpectedConditions.urlMatches(".*/campaigns$"));
        // Row actions live in each row's menu.
        click(wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(
                "vaadin-menu-bar.row-menu vaadin-menu-bar-button"))));
        browser.executeScript("arguments[0].click();", wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//vaadin-menu-bar-item[normalize-space()='Send now']"))));
        click(wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                "vaadin-button[slot='confirm-button']"))));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(
                "vaadin-button[slot='confirm-button']")));

        Campaign sent = TestSecurity.as(team.as(Role.VIEWER), () -> campaigns.list(CampaignFilter.ALL, 0, 10))
                .get(0);
        assertThat(sent.draft().liveActivity().contentState()).isEqualTo("{\"home\": 2, \"away\": 1}");
        browser.get("http://localhost:" + port + "/campaigns/" + sent.id() + "/report");
        wait.until(ExpectedConditions.textToBe(By.id("count-accepted"), "1"));
    }

    /** The input of the field with this label. */
    private WebElement field(String component, String label, String input) {
        return wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//" + component
                + "[label[normalize-space()='" + label + "']]//" + input)));
    }

    /** Picks an item of a select by its label. */
    private void choose(String label, String item) {
        WebElement select = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//vaadin-select[label[normalize-space()='" + label + "']]")));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].opened = true;", select);
        // The form is longer than the window and the preview floats beside it: scripts open and pick.
        WebElement option = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//vaadin-select-item[normalize-space()='" + item + "']")));
        browser.executeScript("arguments[0].click();", option);
    }

    /** Clicks by script: the view scrolls inside the app layout, where a pointer click may land on something else. */
    private void click(WebElement element) {
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", element);
    }

    private WebElement button(String text) {
        By enabled = By.xpath("//vaadin-button[normalize-space()='" + text + "' and not(@disabled)]");
        return wait.until(ExpectedConditions.presenceOfElementLocated(enabled));
    }
}
