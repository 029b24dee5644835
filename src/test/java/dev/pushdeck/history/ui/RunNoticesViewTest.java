package dev.pushdeck.history.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Span;
import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.app.sending.SendingCredentials;
import dev.pushdeck.campaign.AudienceSpec;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.CampaignFixtures;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.Notification;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.device.DeviceStatus;
import dev.pushdeck.device.feedback.DeviceFeedback;
import dev.pushdeck.device.feedback.DeviceFeedback.RefusedToken;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import dev.pushdeck.tenancy.MemberService;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** What a campaign report says beyond its counts: an APNs outage while sending, and the devices a run marked. */
class RunNoticesViewTest extends KaribuTest {

    @Autowired
    CampaignFixtures fixtures;
    @Autowired
    CampaignService campaigns;
    @Autowired
    SendingCredentials sending;
    @Autowired
    DeviceService devices;
    @Autowired
    DeviceFeedback feedback;
    @Autowired
    MemberService members;
    @Autowired
    PlatformTransactionManager transactionManager;

    TestTeams.Fixture team;
    PushApp app;

    @BeforeEach
    void setUp() {
        team = teams.create("run-notices");
        app = fixtures.app(team, "Notices App");
        fixtures.device(team, app.id(), "production");
    }

    @Test
    void aSendingRunSaysSinceWhenApnsIsUnavailableAndThatItIsRetrying() {
        Campaign campaign = pausedWhileSending();
        sending.reportOutage(team.teamId(), app.id(), ApnsEnvironment.PRODUCTION,
                Instant.parse("2026-12-06T14:02:00Z"), "ServiceUnavailable");
        login(team.as(Role.VIEWER));
        UI.getCurrent().setLocale(Locale.ENGLISH);

        navigate("campaigns/" + campaign.id() + "/report");

        assertThat(notices()).singleElement().asString().startsWith("APNs unavailable since Dec 6, 2026")
                .endsWith("(ServiceUnavailable); retrying");
        sending.endOutage(team.teamId(), app.id(), ApnsEnvironment.PRODUCTION);
        navigate("campaigns/" + campaign.id() + "/report");
        assertThat(notices()).isEmpty();
    }

    @Test
    void anAdminRestoresTheDevicesAnEndedRunMarkedAndAViewerOnlyReadsHowMany() {
        Campaign campaign = endedWithTheDeviceMarked();

        login(team.as(Role.VIEWER));
        navigate("campaigns/" + campaign.id() + "/report");
        assertThat(notices()).singleElement().asString().startsWith("1 device(s) were marked invalid");
        assertThat(_find(RunNotices.class, spec -> spec.withText("Restore devices"))).isEmpty();

        login(team.as(Role.ADMIN));
        navigate("campaigns");
        navigate("campaigns/" + campaign.id() + "/report");
        _click(_get(Button.class, spec -> spec.withText("Restore devices")));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));

        assertThat(deviceStatus()).isEqualTo(DeviceStatus.ACTIVE);
        assertThat(notices()).isEmpty();
    }

    @Test
    void anAdminDemotedWhileTheReportIsOpenIsRefusedTheRestoreAndNoLongerOfferedIt() {
        Campaign campaign = endedWithTheDeviceMarked();
        login(team.as(Role.ADMIN));
        navigate("campaigns/" + campaign.id() + "/report");
        Button restore = _get(Button.class, spec -> spec.withText("Restore devices"));

        demoteTheAdmin();
        _click(restore);
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));

        assertThat(deviceStatus()).isEqualTo(DeviceStatus.INVALID);
        assertThat(notices()).singleElement().asString().startsWith("1 device(s) were marked invalid");
        assertThat(_find(Button.class, spec -> spec.withText("Restore devices"))).isEmpty();
    }

    @Test
    void theRestoreButtonFollowsTheRoleInTheTeamNowNotTheOneTheSessionStartedWith() {
        Campaign campaign = endedWithTheDeviceMarked();
        login(team.as(Role.ADMIN));

        demoteTheAdmin();
        navigate("campaigns/" + campaign.id() + "/report");

        assertThat(notices()).singleElement().asString().startsWith("1 device(s) were marked invalid");
        assertThat(_find(Button.class, spec -> spec.withText("Restore devices"))).isEmpty();
    }

    /** A run cancelled after APNs refused the app's one device, which it marked invalid. */
    private Campaign endedWithTheDeviceMarked() {
        Campaign campaign = pausedWhileSending();
        TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.cancel(campaign.id()));
        feedback.invalid(team.teamId(), campaign.id(), List.of(new RefusedToken(device(), "BadDeviceToken",
                Instant.now().plusSeconds(1))));
        return campaign;
    }

    private UUID device() {
        return TestSecurity.as(team.as(Role.VIEWER), () -> devices.list(app.id(), null, 0, 1).get(0).id());
    }

    private DeviceStatus deviceStatus() {
        return TestSecurity.as(team.as(Role.VIEWER), () -> devices.get(device()).status());
    }

    private void demoteTheAdmin() {
        TestSecurity.as(team.as(Role.OWNER), () -> members.changeRole(team.person(Role.ADMIN).id(), Role.VIEWER));
    }

    private List<String> notices() {
        return _find(Span.class, spec -> spec.withClasses("run-notice")).stream().map(Span::getText).toList();
    }

    /** Launched and paused in one transaction, so nothing is ever claimed while the test looks at it. */
    private Campaign pausedWhileSending() {
        return TestSecurity.as(team.as(Role.EDITOR), () -> new TransactionTemplate(transactionManager).execute(tx -> {
            Campaign campaign = campaigns.create(app.id(), new CampaignDraft("Notices", ApnsEnvironment.PRODUCTION,
                    new Notification("Hi", null, null, null, null, null, null, false, false, null, null, null), null,
                    PushType.ALERT, 10, null, null, AudienceSpec.ALL_DEVICES, null, null));
            campaigns.sendNow(campaign.id());
            return campaigns.pause(campaign.id());
        }));
    }
}
