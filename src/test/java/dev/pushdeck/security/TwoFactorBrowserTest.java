package dev.pushdeck.security;

import dev.pushdeck.BrowserTestBase;
import dev.pushdeck.TestTeams;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/** A real browser signs in with password and then the code from the authenticator app. */
class TwoFactorBrowserTest extends BrowserTestBase {

    @Autowired
    TwoFactorService twoFactor;

    @Test
    void thePasswordLeadsToTheCodePageAndTheCodeToTheConsole() {
        TestTeams.Fixture team = teams.create("browser-2fa");
        String secret = TestSecurity.as(team.as(Role.EDITOR), () -> {
            TwoFactorEnrolment enrolment = twoFactor.begin();
            twoFactor.confirm(TestTotp.now(enrolment.secret()));
            return enrolment.secret();
        });

        browser.get("http://localhost:" + port + "/login");
        input("#vaadinLoginUsername").sendKeys(team.editor().email());
        input("#vaadinLoginPassword").sendKeys(TestTeams.PASSWORD + "\n");
        wait.until(ExpectedConditions.urlContains("/login/two-factor"));
        input("#two-factor-code").sendKeys(TestTotp.next(secret));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("two-factor-submit"))).click();

        waitForHeading(team.name());
    }
}
