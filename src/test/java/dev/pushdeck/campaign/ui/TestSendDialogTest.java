package dev.pushdeck.campaign.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ContextMenuKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.notification.Notification;
import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.CredentialService;
import dev.pushdeck.app.CredentialUpload;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.app.TestCredentials;
import dev.pushdeck.campaign.AbTest;
import dev.pushdeck.campaign.AudienceSpec;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.CampaignFilter;
import dev.pushdeck.campaign.CampaignFixtures;
import dev.pushdeck.campaign.CampaignKind;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.ContentVersion;
import dev.pushdeck.campaign.Expiration;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.dispatch.TestApns;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class TestSendDialogTest extends KaribuTest {

    @Autowired
    CampaignFixtures fixtures;
    @Autowired
    CampaignService campaigns;
    @Autowired
    CredentialService credentials;
    @Autowired
    DeviceService devices;

    TestTeams.Fixture team;
    PushApp app;
    Campaign source;
    TestApns apns;

    @BeforeEach
    void setUp() throws Exception {
        apns = TestApns.start(context);
        team = teams.create("test-send-ui");
        app = fixtures.app(team, "Test Send UI " + team.teamId().toString().substring(0, 6));
        TestSecurity.as(team.as(Role.ADMIN), () -> credentials.upload(app.id(), new CredentialUpload(
                TestCredentials.bytes(TestCredentials.pem(TestCredentials.ec("secp256r1").getPrivate())), null,
                "both", TestCredentials.KEY_ID, TestCredentials.TEAM_ID, false)));
        source = TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.create(app.id(), new CampaignDraft("Lunch",
                ApnsEnvironment.PRODUCTION, new dev.pushdeck.campaign.Notification("Lunch", null, "Soup of the day",
                null, null, null, null, false, false, null, null, null), null, PushType.ALERT, 10, Expiration.NONE,
                null, AudienceSpec.ALL_DEVICES, null, null)));
    }

    @AfterEach
    void stopApns() {
        apns.close();
    }

    @Test
    void sendingToTheTestDevicesFromTheListCreatesATestCampaignAndLinksToItsReport() {
        Device tester = device(true);
        device(false);
        TestSendDialog dialog = openFromList(Role.EDITOR);

        assertThat(dialog.target.getValue()).isEqualTo(TestSendDialog.Target.TEST_DEVICES);
        assertThat(dialog.device.isVisible()).isFalse();
        assertThat(dialog.version.isVisible()).as("a campaign without an A/B test has only A").isFalse();
        _click(dialog.send);

        List<Campaign> tests = testCampaigns();
        assertThat(tests).hasSize(1);
        assertThat(tests.get(0).audienceCount()).isEqualTo(1);
        assertThat(dialog.isOpened()).isFalse();
        Notification sent = NotificationsKt.getNotifications().get(0);
        assertThat(_get(sent, Anchor.class).getHref()).isEqualTo("campaigns/" + tests.get(0).id() + "/report");
        assertThat(tester.testDevice()).isTrue();
    }

    @Test
    void oneDeviceCanBeChosenInsteadOfTheTestDevices() {
        device(true);
        Device chosen = device(false);
        TestSendDialog dialog = openFromList(Role.EDITOR);

        dialog.target.setValue(TestSendDialog.Target.ONE_DEVICE);
        assertThat(dialog.device.isVisible()).isTrue();
        _click(dialog.send);
        assertThat(dialog.device.isInvalid()).as("no device chosen yet").isTrue();
        dialog.device.setValue(chosen);
        _click(dialog.send);

        List<Campaign> tests = testCampaigns();
        assertThat(tests).hasSize(1);
        assertThat(tests.get(0).draft().audience().tokens()).containsExactly(chosen.token());
    }

    @Test
    void withoutTestDevicesTheDialogStaysOpenAndSaysHowToMarkOne() {
        device(false);
        TestSendDialog dialog = openFromList(Role.EDITOR);

        _click(dialog.send);

        assertThat(dialog.isOpened()).isTrue();
        assertThat(NotificationsKt.getNotifications()).extracting(n -> n.getElement().getProperty("text"))
                .anySatisfy(text -> assertThat(text).contains("Make test device"));
        assertThat(testCampaigns()).isEmpty();
    }

    @Test
    void theComposerSendsWhatItShowsWithoutSavingIt() {
        device(true);
        login(team.as(Role.EDITOR));
        navigate("campaigns/compose/" + source.id());
        ComposerView composer = _get(ComposerView.class);
        composer.form.content.title.setValue("Changed on screen");

        _click(composer.sendTest);
        _click(_get(TestSendDialog.class).send);

        assertThat(testCampaigns()).singleElement()
                .satisfies(test -> assertThat(test.payload().json()).contains("Changed on screen"));
        assertThat(TestSecurity.as(team.as(Role.VIEWER), () -> campaigns.get(source.id())).payload().json())
                .doesNotContain("Changed on screen");
    }

    @Test
    void theComposersTestSendOffersTheVersionsWithTheOneShownChosenAndSendsTheOneChosen() {
        device(true);
        Campaign tested = tested();
        login(team.as(Role.EDITOR));
        navigate("campaigns/compose/" + tested.id());
        ComposerView composer = _get(ComposerView.class);
        composer.form.abTest.tabs.setSelectedIndex(2);

        _click(composer.sendTest);
        TestSendDialog dialog = _get(TestSendDialog.class);
        assertThat(dialog.version.isVisible()).isTrue();
        assertThat(dialog.version.getListDataView().getItems().map(dialog.version.getItemLabelGenerator()))
                .containsExactly("A", "B", "C");
        assertThat(dialog.version.getValue()).as("the version shown, C").isEqualTo(2);
        _click(dialog.send);
        composer.form.abTest.tabs.setSelectedIndex(0);
        _click(composer.sendTest);
        TestSendDialog again = _get(TestSendDialog.class);
        assertThat(again.version.getValue()).isZero();
        again.version.setValue(1);
        _click(again.send);

        assertThat(testCampaigns()).extracting(Campaign::name).containsExactlyInAnyOrder("Test C · Dinner",
                "Test B · Dinner");
        assertThat(testCampaigns()).allSatisfy(test -> assertThat(test.draft().abTest()).isNull())
                .extracting(test -> test.draft().notification().title()).containsExactlyInAnyOrder("Supper", "Tea");
    }

    @Test
    void theListsTestSendOfATestedCampaignOffersItsVersionsFromA() {
        device(true);
        tested();
        login(team.as(Role.EDITOR));
        navigate("campaigns");
        CampaignsView list = _get(CampaignsView.class);
        list.app.setValue(app);
        int row = IntStream.range(0, GridKt._size(list.grid))
                .filter(i -> GridKt._get(list.grid, i).name().equals("Dinner")).findFirst().orElseThrow();
        ContextMenuKt._clickItemWithCaption((MenuBar) GridKt._getCellComponent(list.grid, row, "actions"),
                "Send test");
        TestSendDialog dialog = _get(TestSendDialog.class);

        assertThat(dialog.version.isVisible()).isTrue();
        assertThat(dialog.version.getValue()).isZero();
        dialog.version.setValue(2);
        _click(dialog.send);

        assertThat(testCampaigns()).singleElement()
                .satisfies(test -> assertThat(test.payload().json()).contains("\"title\":\"Supper\""));
    }

    @Test
    void viewersSeeNoSendTestAction() {
        login(team.as(Role.VIEWER));
        navigate("campaigns");
        CampaignsView list = _get(CampaignsView.class);

        Component actions = GridKt._getCellComponent(list.grid, 0, "actions");

        assertThat(_find(actions, MenuItem.class)).extracting(MenuItem::getText).doesNotContain("Send test", "Edit",
                "Duplicate");
    }

    private TestSendDialog openFromList(Role role) {
        login(team.as(role));
        navigate("campaigns");
        CampaignsView list = _get(CampaignsView.class);
        list.app.setValue(app);
        ContextMenuKt._clickItemWithCaption((MenuBar) GridKt._getCellComponent(list.grid, 0, "actions"), "Send test");
        return _get(TestSendDialog.class);
    }

    /** A stored campaign "Dinner" with versions A ("Dinner"), B ("Tea") and C ("Supper"). */
    private Campaign tested() {
        CampaignDraft draft = new CampaignDraft("Dinner", ApnsEnvironment.PRODUCTION,
                new dev.pushdeck.campaign.Notification("Dinner", null, "Roast tonight", null, null, null, null, false,
                        false, null, null, null), null, PushType.ALERT, 10, Expiration.NONE, null,
                AudienceSpec.ALL_DEVICES, null, null).withAbTest(new AbTest(20, 120, List.of(
                new ContentVersion("Tea", null, "Scones at five", List.of()),
                new ContentVersion("Supper", null, "Soup at nine", List.of()))));
        return TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.create(app.id(), draft));
    }

    private Device device(boolean testDevice) {
        return TestSecurity.as(team.as(Role.EDITOR), () -> {
            Device device = devices.add(app.id(), "production", CampaignFixtures.token(), DeviceFields.NONE);
            return testDevice ? devices.setTestDevice(device.id(), true) : device;
        });
    }

    private List<Campaign> testCampaigns() {
        return TestSecurity.as(team.as(Role.VIEWER), () -> campaigns.list(new CampaignFilter(null, app.id(), null,
                CampaignKind.TEST), 0, 10));
    }
}
