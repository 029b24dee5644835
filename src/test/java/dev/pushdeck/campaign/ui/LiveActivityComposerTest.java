package dev.pushdeck.campaign.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.BlurNotifier;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.CredentialService;
import dev.pushdeck.app.CredentialUpload;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.app.TestCredentials;
import dev.pushdeck.campaign.AudienceSpec;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignFilter;
import dev.pushdeck.campaign.CampaignFixtures;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.LiveActivity.Event;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.device.ActivityKind;
import dev.pushdeck.device.ActivityRegistrationService;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The composer's Live Activity mode: its fields per event, the JSON editor, the preview, the reasons it refuses. */
class LiveActivityComposerTest extends KaribuTest {

    @Autowired
    CampaignFixtures fixtures;
    @Autowired
    CampaignService campaigns;
    @Autowired
    CredentialService credentials;
    @Autowired
    DeviceService devices;
    @Autowired
    ActivityRegistrationService activities;

    TestTeams.Fixture team;
    PushApp app;

    @BeforeEach
    void setUp() {
        team = teams.create("live-composer");
        app = fixtures.app(team, "Live Composer " + UUID.randomUUID().toString().substring(0, 6));
    }

    private ComposerView composer() {
        login(team.as(Role.EDITOR));
        navigate("campaigns/compose");
        ComposerView view = _get(ComposerView.class);
        view.app.setValue(app);
        view.form.delivery.pushType.setValue(PushType.LIVEACTIVITY);
        return view;
    }

    @Test
    void theLiveActivityModeReplacesTheAlertFieldsAndExplainsThePriority() {
        ComposerView view = composer();

        assertThat(view.form.liveActivity.isVisible()).isTrue();
        assertThat(view.form.content.expert.isVisible()).isFalse();
        assertThat(view.form.content.title.isVisible()).isFalse();
        assertThat(view.form.content.data.isVisible()).isFalse();
        assertThat(view.form.delivery.priority.getHelperText()).contains("budget");
        assertThat(view.form.liveActivity.timestamp.getText()).contains("set when the campaign is sent");
    }

    @Test
    void theContentStateIsCheckedAsTypedAndThePreviewShowsApplesKeysAndTheSize() {
        ComposerView view = composer();
        view.form.name.setValue("Order 1042");
        view.form.liveActivity.attributesType.setValue("DeliveryAttributes");
        view.form.liveActivity.contentState.area.setValue("{\"status\": \"on its way\", ");
        leave(view.form.liveActivity.contentState.area);

        assertThat(view.form.liveActivity.contentState.area.isInvalid()).isTrue();

        view.form.liveActivity.contentState.area.setValue("{\"status\": \"on its way\", \"eta\": 12}");

        assertThat(view.form.liveActivity.contentState.area.isInvalid()).isFalse();
        assertThat(view.preview.json.getText()).contains("\"event\":\"update\"",
                "\"content-state\":{\"status\":\"on its way\",\"eta\":12}").startsWith("{\"aps\":{\"timestamp\":");
        assertThat(view.preview.bytes.getText()).isEqualTo(view.preview.json.getText().length() + " of 4096 bytes");
    }

    @Test
    void layingOutKeepsTheMeaningAndLeavesBrokenTextAlone() {
        ComposerView view = composer();
        view.form.liveActivity.contentState.area.setValue("{\"a\":1,\"b\":[1,2]}");
        _click(view.form.liveActivity.contentState.format);
        assertThat(view.form.liveActivity.contentState.area.getValue()).contains("\n").contains("\"b\" : [ 1, 2 ]");

        view.form.liveActivity.contentState.area.setValue("{\"a\":");
        _click(view.form.liveActivity.contentState.format);
        assertThat(view.form.liveActivity.contentState.area.getValue()).isEqualTo("{\"a\":");
    }

    @Test
    void aStartShowsItsAttributesAndNeedsAnAlertWhileAnEndTakesADismissalDate() {
        ComposerView view = composer();
        view.form.liveActivity.event.setValue(Event.START);
        view.form.liveActivity.attributesType.setValue("DeliveryAttributes");
        view.form.liveActivity.attributes.area.setValue("{\"orderNumber\": 7}");
        view.form.liveActivity.contentState.area.setValue("{\"status\": \"placed\"}");

        leave(view.form.liveActivity.alertTitle);
        assertThat(view.form.liveActivity.attributes.isVisible()).isTrue();
        assertThat(view.form.liveActivity.alertTitle.isInvalid()).isTrue();
        assertThat(view.form.liveActivity.dismissalDate.isVisible()).isFalse();

        view.form.liveActivity.event.setValue(Event.END);
        assertThat(view.form.liveActivity.attributes.isVisible()).isFalse();
        assertThat(view.form.liveActivity.alertTitle.isVisible()).isFalse();
        assertThat(view.form.liveActivity.dismissalDate.isVisible()).isTrue();
        assertThat(view.preview.json.getText()).contains("\"event\":\"end\"").doesNotContain("attributes");
    }

    @Test
    void anAppThatSendsWithACertificateIsToldWhyItCannotSendLiveActivities() {
        TestSecurity.as(team.as(Role.ADMIN), () -> credentials.upload(app.id(), new CredentialUpload(
                TestCredentials.p12Modern(TestCredentials.CA.issue(TestCredentials.Spec.apns(app.bundleId())),
                        TestCredentials.PASSPHRASE), TestCredentials.PASSPHRASE, "production", null, null, false)));
        ComposerView view = composer();
        view.form.environment.setValue(ApnsEnvironment.PRODUCTION);
        view.form.liveActivity.attributesType.setValue("DeliveryAttributes");
        view.form.liveActivity.contentState.area.setValue("{}");
        leave(view.form.delivery.pushType);

        assertThat(view.form.delivery.pushType.isInvalid()).isTrue();
        assertThat(view.form.delivery.pushType.getErrorMessage()).contains("token-based authentication", ".p8");
    }

    @Test
    void anUpdateOfSomeActivitiesCountsThemIsSavedAndOpensAgainAsSaved() {
        fixtures.device(team, app.id(), "production");
        TestSecurity.as(team.as(Role.EDITOR), () -> activities.add(devices.list(app.id(), null, 0, 1).get(0).id(),
                CampaignFixtures.token(), ActivityKind.UPDATE, "DeliveryAttributes", "order-1042"));
        ComposerView view = composer();
        view.form.name.setValue("Order 1042 on its way");
        view.form.liveActivity.attributesType.setValue("DeliveryAttributes");
        view.form.liveActivity.contentState.area.setValue("{\"status\": \"on its way\"}");
        view.form.audience.audienceType.setValue(AudienceSpec.Type.ACTIVITIES);
        view.form.audience.activityIds.setValue("order-1042\norder-9999");

        assertThat(view.form.audience.audienceCount.getText()).isEqualTo("1 live activity reached");
        _click(view.save);

        List<Campaign> saved = TestSecurity.as(team.as(Role.VIEWER), () -> campaigns.list(CampaignFilter.ALL, 0, 10));
        assertThat(saved).singleElement().satisfies(campaign -> {
            assertThat(campaign.draft().liveActivity().contentState()).isEqualTo("{\"status\": \"on its way\"}");
            assertThat(campaign.draft().audience().activityIds()).containsExactly("order-1042", "order-9999");
        });
        navigate("campaigns/compose/" + saved.get(0).id());
        ComposerView reopened = _get(ComposerView.class);
        assertThat(reopened.form.liveActivity.isVisible()).isTrue();
        assertThat(reopened.form.liveActivity.attributesType.getValue()).isEqualTo("DeliveryAttributes");
        assertThat(reopened.form.audience.activityIds.getValue()).isEqualTo("order-1042\norder-9999");
    }

    /** A field speaks once the person leaves it, as in the browser. */
    private static void leave(Component field) {
        ComponentUtil.fireEvent(field, new BlurNotifier.BlurEvent<>(field, true));
    }
}
