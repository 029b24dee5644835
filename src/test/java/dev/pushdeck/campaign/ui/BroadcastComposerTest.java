package dev.pushdeck.campaign.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.BlurNotifier;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.html.Anchor;
import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.AudienceSpec;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignFilter;
import dev.pushdeck.campaign.CampaignFixtures;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.ListedChannel;
import dev.pushdeck.campaign.LiveActivity.Event;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The composer's broadcast channel audience: offered for Live Activities, listed per environment, saved and reopened. */
class BroadcastComposerTest extends KaribuTest {

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
        team = teams.create("broadcast-composer");
        app = fixtures.app(team, "Broadcast Composer " + UUID.randomUUID().toString().substring(0, 6));
    }

    /** A channel as the channels page lists it once Apple created it. */
    private UUID channel(String environment, String name) {
        return jdbc.sql("""
                        insert into broadcast_channels (tenant_id, app_id, environment, channel_id, storage_policy, name,
                            created_by)
                        values (:tenant, :app, :env, :channel, 1, :name, 'test') returning id""")
                .param("tenant", team.teamId()).param("app", app.id()).param("env", environment)
                .param("channel", UUID.randomUUID().toString().substring(0, 22) + "==").param("name", name)
                .query(UUID.class).single();
    }

    private ComposerView composer() {
        login(team.as(Role.EDITOR));
        navigate("campaigns/compose");
        ComposerView view = _get(ComposerView.class);
        view.app.setValue(app);
        view.form.environment.setValue(ApnsEnvironment.PRODUCTION);
        return view;
    }

    private static boolean offered(ComposerView view) {
        return view.form.audience.audienceType.getItemEnabledProvider().test(AudienceSpec.Type.CHANNEL);
    }

    @Test
    void aChannelIsOfferedOnlyForLiveActivitiesAndItsEnvironmentsChannelsAreListed() {
        channel("production", "Lions v Bears");
        channel("sandbox", "Test match");
        ComposerView view = composer();
        assertThat(offered(view)).isFalse();

        view.form.delivery.pushType.setValue(PushType.LIVEACTIVITY);
        assertThat(offered(view)).isTrue();
        view.form.audience.audienceType.setValue(AudienceSpec.Type.CHANNEL);

        assertThat(view.form.audience.channel.isVisible()).isTrue();
        assertThat(view.form.audience.noChannels.isVisible()).isFalse();
        assertThat(view.form.audience.channel.getListDataView().getItems().map(ListedChannel::name))
                .containsExactly("Lions v Bears");
        assertThat(view.form.audience.audienceCount.getText()).contains("every Live Activity subscribed").contains("no count");
        view.form.environment.setValue(ApnsEnvironment.SANDBOX);
        assertThat(view.form.audience.channel.getListDataView().getItems().map(ListedChannel::name))
                .containsExactly("Test match");
    }

    @Test
    void withoutChannelsTheComposerLinksToTheChannelsPage() {
        ComposerView view = composer();
        view.form.delivery.pushType.setValue(PushType.LIVEACTIVITY);
        view.form.audience.audienceType.setValue(AudienceSpec.Type.CHANNEL);

        assertThat(view.form.audience.channel.isVisible()).isFalse();
        assertThat(view.form.audience.noChannels.isVisible()).isTrue();
        assertThat(view.form.audience.noChannels.getElement().getTextRecursively()).contains("no broadcast channel in");
        assertThat(_get(view.form.audience.noChannels, Anchor.class).getHref()).isEqualTo("apps/" + app.id() + "/channels");
    }

    @Test
    void aStartToAChannelIsRefusedWithItsReason() {
        channel("production", "Lions v Bears");
        ComposerView view = composer();
        view.form.delivery.pushType.setValue(PushType.LIVEACTIVITY);
        view.form.audience.audienceType.setValue(AudienceSpec.Type.CHANNEL);
        view.form.audience.channel.setValue(view.form.audience.channel.getListDataView().getItem(0));
        view.form.liveActivity.event.setValue(Event.START);
        leave(view.form.liveActivity.event);

        assertThat(view.form.liveActivity.event.isInvalid()).isTrue();
        assertThat(view.form.liveActivity.event.getErrorMessage()).contains("A start cannot go to a broadcast channel");
    }

    @Test
    void anUpdateToAChannelIsSavedWithItAndOpensAgainWithItChosen() {
        UUID lions = channel("production", "Lions v Bears");
        channel("production", "Other match");
        ComposerView view = composer();
        view.form.name.setValue("Goal!");
        view.form.delivery.pushType.setValue(PushType.LIVEACTIVITY);
        view.form.liveActivity.contentState.area.setValue("{\"home\": 1}");
        view.form.audience.audienceType.setValue(AudienceSpec.Type.CHANNEL);
        view.form.audience.channel.setValue(view.form.audience.channel.getListDataView().getItems().filter(c -> c.id().equals(lions))
                .findFirst().orElseThrow());
        _click(view.save);

        List<Campaign> saved = TestSecurity.as(team.as(Role.VIEWER), () -> campaigns.list(CampaignFilter.ALL, 0, 10));
        assertThat(saved).singleElement().satisfies(campaign -> {
            assertThat(campaign.draft().audience().type()).isEqualTo(AudienceSpec.Type.CHANNEL);
            assertThat(campaign.draft().audience().channel()).isEqualTo(lions);
        });
        navigate("campaigns/compose/" + saved.get(0).id());
        ComposerView reopened = _get(ComposerView.class);
        assertThat(reopened.form.audience.audienceType.getValue()).isEqualTo(AudienceSpec.Type.CHANNEL);
        assertThat(reopened.form.audience.channel.getValue().id()).isEqualTo(lions);
        assertThat(reopened.form.audience.channel.isVisible()).isTrue();
    }

    /** A field speaks once the person leaves it, as in the browser. */
    private static void leave(Component field) {
        ComponentUtil.fireEvent(field, new BlurNotifier.BlurEvent<>(field, true));
    }
}
