package dev.pushdeck.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.BrowserTestBase;
import dev.pushdeck.TestTeams;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/** Invitation links in a real browser: a new person, and a person who signs in to accept. */
class InvitationBrowserTest extends BrowserTestBase {

    @Autowired
    InvitationService invitations;

    @Test
    void aNewPersonChoosesTheirPasswordThenSignsInToTheirTeam() {
        TestTeams.Fixture team = teams.create("browser-new");
        String email = "browser-" + UUID.randomUUID().toString().substring(0, 8) + "@invited.example";
        CreatedInvitation invitation = TestSecurity.as(team.as(Role.ADMIN), () -> invitations.invite(email, Role.EDITOR));

        browser.get("http://localhost:" + port + "/invitation/" + invitation.token());
        input("#new-name").sendKeys("Bea Browser");
        input("#new-password").sendKeys("bea-chose-this");
        input("#repeat-password").sendKeys("bea-chose-this");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("create-account"))).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-notice"), "Your account is ready"));
        input("#vaadinLoginUsername").sendKeys(email);
        input("#vaadinLoginPassword").sendKeys("bea-chose-this\n");
        waitForHeading(team.name());
    }

    @Test
    void aPersonWithAnAccountSignsInFromTheLinkAndAcceptsAsThemselves() {
        TestTeams.Fixture home = teams.create("browser-home");
        TestTeams.Fixture joining = teams.create("browser-joining");
        CreatedInvitation invitation = TestSecurity.as(joining.as(Role.ADMIN),
                () -> invitations.invite(home.viewer().email(), Role.VIEWER));

        browser.get("http://localhost:" + port + "/invitation/" + invitation.token());
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in-to-accept"))).click();
        input("#vaadinLoginUsername").sendKeys(home.viewer().email());
        input("#vaadinLoginPassword").sendKeys(TestTeams.PASSWORD + "\n");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("accept-invitation"))).click();

        waitForHeading(joining.name());
        assertThat(browser.getCurrentUrl()).doesNotContain("invitation");
    }
}
