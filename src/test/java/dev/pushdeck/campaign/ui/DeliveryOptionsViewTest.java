package dev.pushdeck.campaign.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.AudienceSpec;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.CampaignFilter;
import dev.pushdeck.campaign.CampaignFixtures;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.Expiration;
import dev.pushdeck.campaign.Notification;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The composer's delivery options: priority and expiration. */
class DeliveryOptionsViewTest extends KaribuTest {

    @Autowired
    CampaignFixtures fixtures;
    @Autowired
    CampaignService campaigns;
    @Autowired
    JdbcClient jdbc;

    TestTeams.Fixture team;
    PushApp app;

    @BeforeEach
    void setUp() {
        team = teams.create("delivery-options-view");
        app = fixtures.app(team, "Options View App");
    }

    private ComposerView composer(String location) {
        login(team.as(Role.EDITOR));
        navigate(location);
        return _get(ComposerView.class);
    }

    @Test
    void theComposerOffersTheTwoPrioritiesThisServerCanSend() {
        ComposerView view = composer("campaigns/compose");

        assertThat(view.form.delivery.priority.getListDataView().getItems().toList()).containsExactly(10, 5);
        assertThat(view.form.delivery.priority.getValue()).isEqualTo(10);
        assertThat(view.form.delivery.priority.getItemLabelGenerator().apply(5)).isEqualTo("5: power-conserving");
    }

    @Test
    void aStoredPriorityOneDraftOpensShowingTheProblemOnTheFieldAndCannotBeSaved() {
        Campaign draft = TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.create(app.id(), draft("Legacy")));
        jdbc.sql("update campaigns set priority = 1 where id = :id").param("id", draft.id()).update();

        ComposerView view = composer("campaigns/compose/" + draft.id());

        assertThat(view.form.delivery.priority.getValue()).isEqualTo(1);
        assertThat(view.form.delivery.priority.getItemLabelGenerator().apply(1)).isEqualTo("1: not supported by this server");
        assertThat(view.form.delivery.priority.isInvalid()).isTrue();
        assertThat(view.form.delivery.priority.getErrorMessage()).isEqualTo(
                "Priority 1 is not supported by this server: use 5 to conserve power or 10 to deliver now.");
        _click(view.save);
        assertThat(TestSecurity.as(team.as(Role.VIEWER), () -> campaigns.get(draft.id())).draft().priority())
                .as("nothing saved").isEqualTo(1);

        view.form.delivery.priority.setValue(5);

        assertThat(view.form.delivery.priority.isInvalid()).isFalse();
    }

    @Test
    void aNewCampaignIsKeptForADayForOfflineDevicesAndTheComposerSaysWhatThatMeans() {
        ComposerView view = composer("campaigns/compose");

        assertThat(view.form.delivery.expiration.getValue()).isEqualTo(DeliveryFields.ExpirationMode.AFTER);
        assertThat(view.form.delivery.expiresAfter.getValue()).isEqualTo(24);
        assertThat(view.form.delivery.expiresAfterUnit.getValue()).isEqualTo(ChronoUnit.HOURS);
        assertThat(view.form.delivery.expiration.getHelperText()).contains("off or out of coverage")
                .contains("delivers it when the device is back");
        view.form.name.setValue("Kept a day");
        view.form.content.title.setValue("Hello");
        _click(view.save);

        Campaign saved = TestSecurity.as(team.as(Role.VIEWER), () -> campaigns.list(CampaignFilter.ALL, 0, 1).get(0));
        assertThat(saved.draft().expiration()).isEqualTo(Expiration.after(24 * 3600));
    }

    @Test
    void tryOnceStaysAvailableAndSaysThatAnOfflineDeviceNeverGetsIt() {
        ComposerView view = composer("campaigns/compose");
        assertThat(view.form.delivery.expiration.getListDataView().getItems().toList()).contains(DeliveryFields.ExpirationMode.NONE);

        view.form.delivery.expiration.setValue(DeliveryFields.ExpirationMode.NONE);

        assertThat(view.form.delivery.expiration.getItemLabelGenerator().apply(DeliveryFields.ExpirationMode.NONE)).isEqualTo("Try once");
        assertThat(view.form.delivery.expiration.getHelperText()).isEqualTo("APNs does not store the notification: a device that "
                + "is off or out of coverage at that moment never gets it.");
        assertThat(view.form.delivery.expiresAfter.isVisible()).isFalse();
        assertThat(view.form.write().expiration().none()).isTrue();
    }

    @Test
    void storedExpirationsOpenAsTheyWereStored() {
        Campaign tryOnce = TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.create(app.id(),
                withExpiration("Stored try once", Expiration.NONE)));
        Campaign ninetySeconds = TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.create(app.id(),
                withExpiration("Stored 90 s", Expiration.after(90))));

        ComposerView once = composer("campaigns/compose/" + tryOnce.id());
        assertThat(once.form.delivery.expiration.getValue()).isEqualTo(DeliveryFields.ExpirationMode.NONE);

        ComposerView seconds = composer("campaigns/compose/" + ninetySeconds.id());
        assertThat(seconds.form.delivery.expiresAfter.getValue()).isEqualTo(90);
        assertThat(seconds.form.delivery.expiresAfterUnit.getValue()).isEqualTo(ChronoUnit.SECONDS);
        assertThat(seconds.form.write().expiration()).isEqualTo(Expiration.after(90));
    }

    @Test
    void keepingTryingUntilAFixedTimeNeedsTheTime() {
        ComposerView view = composer("campaigns/compose");
        view.form.name.setValue("Until when?");
        view.form.content.title.setValue("Hello");

        view.form.delivery.expiration.setValue(DeliveryFields.ExpirationMode.AT);
        assertThat(view.form.delivery.expiresAt.isInvalid()).as("not yet touched").isFalse();

        _click(view.save);

        assertThat(view.form.delivery.expiresAt.isInvalid()).isTrue();
        assertThat(TestSecurity.as(team.as(Role.VIEWER), () -> campaigns.count(CampaignFilter.ALL))).isZero();
        view.form.delivery.expiresAt.setValue(LocalDateTime.now(ZoneOffset.UTC).plusDays(2).withNano(0));
        assertThat(view.form.delivery.expiresAt.isInvalid()).isFalse();
    }

    private static CampaignDraft withExpiration(String name, Expiration expiration) {
        CampaignDraft d = draft(name);
        return new CampaignDraft(d.name(), d.environment(), d.notification(), null, d.pushType(), d.priority(),
                expiration, null, d.audience(), null, null);
    }

    private static CampaignDraft draft(String name) {
        return new CampaignDraft(name, ApnsEnvironment.PRODUCTION, new Notification("Hello", null, "World", "default",
                null, null, null, false, false, null, null, null), null, PushType.ALERT, 10, null, null,
                AudienceSpec.ALL_DEVICES, null, null);
    }
}
