package dev.pushdeck.dispatch;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static dev.pushdeck.app.TestCredentials.KEY_ID;
import static dev.pushdeck.app.TestCredentials.TEAM_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.ApnsEndpoint;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.CredentialService;
import dev.pushdeck.app.CredentialUpload;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.app.TestCredentials;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The broadcast channels page against a server that answers like Apple. */
class ChannelsViewTest extends KaribuTest {

    @Autowired
    AppService apps;
    @Autowired
    CredentialService credentials;
    @Autowired
    BroadcastApns broadcastApns;

    BroadcastSimulator apple;
    TestTeams.Fixture team;
    PushApp app;

    @BeforeEach
    void setUp() throws Exception {
        TestCredentials.Issued certificate = TestCredentials.CA.server();
        apple = new BroadcastSimulator(certificate.certificate(), certificate.keys().getPrivate(), 10, null,
                Duration.ZERO);
        broadcastApns.overrideEndpoint(new ApnsEndpoint("localhost", apple.port(),
                List.of(TestCredentials.CA.caCertificate())));
        team = teams.create("channels-view");
        app = TestSecurity.as(team.as(Role.ADMIN), () -> {
            PushApp created = apps.create("Scores", "com.example.scores" + UUID.randomUUID().toString()
                    .substring(0, 8));
            credentials.upload(created.id(), new CredentialUpload(TestCredentials.bytes(TestCredentials.pem(
                    TestCredentials.ec("secp256r1").getPrivate())), null, "both", KEY_ID, TEAM_ID, false));
            return created;
        });
    }

    @AfterEach
    void tearDown() {
        broadcastApns.overrideEndpoint(null);
        apple.close();
    }

    @SuppressWarnings("unchecked")
    private static Grid<BroadcastChannel> channels() {
        return _find(Grid.class).stream().filter(g -> g.hasClassName("channels")).findFirst()
                .map(g -> (Grid<BroadcastChannel>) g).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Grid<ChannelBroadcast> broadcasts() {
        return _find(Grid.class).stream().filter(g -> g.hasClassName("broadcasts")).findFirst()
                .map(g -> (Grid<ChannelBroadcast>) g).orElseThrow();
    }

    @Test
    void anEditorCreatesAChannelBroadcastsAnUpdateToItAndDeletesIt() {
        login(team.as(Role.EDITOR));
        navigate("apps/" + app.id() + "/channels");
        assertThat(_get(Paragraph.class, spec -> spec.withClasses("empty-state")).getText())
                .contains("Create one for each event");

        _click(_get(Button.class, spec -> spec.withText("New channel")));
        _get(TextField.class, spec -> spec.withLabel("Name")).setValue("Final: Lions v Bears");
        _click(_get(Button.class, spec -> spec.withText("Create at Apple")));

        assertThat(GridKt._size(channels())).isEqualTo(1);
        BroadcastChannel channel = GridKt._get(channels(), 0);
        assertThat(apple.channels(app.bundleId())).containsExactly(channel.channelId());
        assertThat(GridKt._getFormattedRow(channels(), 0)).contains("Final: Lions v Bears", "No storage");

        _click((Button) GridKt._getCellComponent(channels(), 0, "actions").getChildren()
                .filter(c -> c.hasClassName("broadcast-button")).findFirst().orElseThrow());
        _get(TextArea.class, spec -> spec.withLabel("Content state (JSON)")).setValue("{\"home\": 2, \"away\": 1}");
        _click(_get(Button.class, spec -> spec.withText("Send broadcast")));

        assertThat(apple.broadcasts(channel.channelId())).isEqualTo(1);
        assertThat(broadcasts().isVisible()).isTrue();
        assertThat(GridKt._size(broadcasts())).isEqualTo(1);
        assertThat(GridKt._get(broadcasts(), 0).apnsUniqueId()).isNotNull();
        assertThat(GridKt._get(broadcasts(), 0).payload()).contains("\"event\":\"update\"", "\"home\":2");

        _click((Button) GridKt._getCellComponent(channels(), 0, "actions").getChildren()
                .filter(c -> c.hasClassName("delete-button")).findFirst().orElseThrow());
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));
        assertThat(_find(Grid.class, spec -> spec.withClasses("channels"))).isEmpty();
        assertThat(apple.channels(app.bundleId())).isEmpty();
    }

    @Test
    void aBroadcastWithoutContentIsMarkedOnItsFieldAndNothingIsSent() {
        TestSecurity.as(team.as(Role.EDITOR), () -> context.getBean(BroadcastChannelService.class)
                .create(app.id(), ApnsEnvironment.PRODUCTION, StoragePolicy.NONE, "Match"));
        login(team.as(Role.EDITOR));
        navigate("apps/" + app.id() + "/channels");

        _click((Button) GridKt._getCellComponent(channels(), 0, "actions").getChildren()
                .filter(c -> c.hasClassName("broadcast-button")).findFirst().orElseThrow());
        _click(_get(Button.class, spec -> spec.withText("Send broadcast")));

        assertThat(_get(TextArea.class, spec -> spec.withLabel("Content state (JSON)")).isInvalid()).isTrue();
        assertThat(apple.requests()).hasSize(1);
    }

    @Test
    void aViewerSeesTheChannelsAndTheirIdsButNoWayToChangeThem() {
        TestSecurity.as(team.as(Role.EDITOR), () -> context.getBean(BroadcastChannelService.class)
                .create(app.id(), ApnsEnvironment.SANDBOX, StoragePolicy.MOST_RECENT, "Kick-off"));
        login(team.as(Role.VIEWER));
        navigate("apps/" + app.id() + "/channels");
        assertThat(_get(Paragraph.class, spec -> spec.withClasses("empty-state")).getText())
                .isEqualTo("No broadcast channels in this environment.");

        @SuppressWarnings("unchecked")
        Select<ApnsEnvironment> environment = _get(Select.class,
                spec -> spec.withLabel("Environment"));
        environment.setValue(ApnsEnvironment.SANDBOX);

        assertThat(GridKt._size(channels())).isEqualTo(1);
        assertThat(GridKt._getFormattedRow(channels(), 0)).contains("Kick-off", "Most recent message");
        assertThat(_find(Button.class, spec -> spec.withText("New channel"))).isEmpty();
        assertThat(_find(Button.class, spec -> spec.withText("Broadcast"))).isEmpty();
    }
}
