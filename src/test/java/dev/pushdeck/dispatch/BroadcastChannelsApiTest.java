package dev.pushdeck.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushdeck.ApiClient;
import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.ApnsEndpoint;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.CredentialService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.app.TestCredentials;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Broadcast channels over the REST API against a server that answers like Apple: created,
 * listed and deleted there and here, compared with Apple's list, and every refusal as a clear
 * status (Apple's cap, no token key, no answer, another team, a viewer).
 */
@PushdeckTest
class BroadcastChannelsApiTest {

    @Autowired
    TestTeams teams;
    @Autowired
    AppService apps;
    @Autowired
    CredentialService credentials;
    @Autowired
    BroadcastApns broadcastApns;
    @LocalServerPort
    int port;

    BroadcastSimulator apple;
    ApiClient api;
    TestTeams.Fixture team;
    PushApp app;
    String editor;

    @BeforeEach
    void setUp() throws Exception {
        apple = simulator(3);
        api = new ApiClient(port);
        team = teams.create("broadcast-channels");
        app = app(team, "Scores", true);
        editor = teams.token(team, Role.EDITOR);
    }

    @AfterEach
    void tearDown() {
        broadcastApns.overrideEndpoint(null);
        apple.close();
    }

    private BroadcastSimulator simulator(int channelLimit) throws Exception {
        return TestBroadcasts.started(broadcastApns, channelLimit);
    }

    private PushApp app(TestTeams.Fixture owner, String name, boolean tokenKey) {
        if (tokenKey) {
            return TestBroadcasts.tokenKeyApp(owner, apps, credentials, name);
        }
        return TestSecurity.as(owner.as(Role.ADMIN), () -> apps.create(name, "com.example." + name.toLowerCase()
                + UUID.randomUUID().toString().substring(0, 8)));
    }

    private String channels() {
        return "/api/v1/apps/" + app.id() + "/channels";
    }

    private ApiClient.Answer create(String environment, String policy, String name) {
        return api.post(channels(), editor, "{\"environment\": \"" + environment + "\", \"messageStoragePolicy\": \""
                + policy + "\", \"name\": \"" + name + "\"}");
    }

    @Test
    void aChannelIsCreatedAtAppleListedWithItsIdAndDeletedAtAppleToo() {
        ApiClient.Answer created = create("production", "most-recent", "Final: Lions v Bears");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String channelId = created.json().get("channelId").asText();
        assertThat(apple.channels(app.bundleId())).containsExactly(channelId);
        assertThat(created.json().get("messageStoragePolicy").asText()).isEqualTo("most-recent");
        assertThat(apple.requests().get(0).body()).contains("\"message-storage-policy\":1");

        ApiClient.Answer listed = api.get(channels() + "?environment=production", editor);
        assertThat(listed.json()).extracting(c -> c.get("channelId").asText()).containsExactly(channelId);
        assertThat(listed.json().get(0).get("name").asText()).isEqualTo("Final: Lions v Bears");
        assertThat(api.get(channels() + "?environment=sandbox", editor).json()).isEmpty();

        String id = created.json().get("id").asText();
        assertThat(api.delete(channels() + "/" + id, editor).status()).isEqualTo(204);
        assertThat(apple.channels(app.bundleId())).isEmpty();
        assertThat(api.get(channels() + "?environment=production", editor).json()).isEmpty();
        assertThat(api.delete(channels() + "/" + id, editor).status()).isEqualTo(404);
    }

    @Test
    void comparingWithAppleListsChannelsMadeElsewhereAndDropsThoseAppleNoLongerHas() throws Exception {
        String kept = create("sandbox", "none", "Kept").json().get("channelId").asText();
        String goneAtApple = create("sandbox", "none", "Gone").json().get("channelId").asText();
        BroadcastApns.Target target = broadcastApns.target(team.teamId(), app.id(),
                dev.pushdeck.app.ApnsEnvironment.SANDBOX, app.bundleId());
        broadcastApns.deleteChannel(target, goneAtApple);
        String elsewhere = broadcastApns.createChannel(target, 1).channelId();

        ApiClient.Answer synced = api.post(channels() + "/sync", editor, "{\"environment\": \"sandbox\"}");

        assertThat(synced.status()).as(synced.body()).isEqualTo(200);
        assertThat(synced.json().get("added").asInt()).isEqualTo(1);
        assertThat(synced.json().get("removed").asInt()).isEqualTo(1);
        assertThat(synced.json().get("total").asInt()).isEqualTo(2);
        JsonNode listed = api.get(channels() + "?environment=sandbox", editor).json();
        assertThat(listed).extracting(c -> c.get("channelId").asText()).containsExactlyInAnyOrder(kept, elsewhere);
        assertThat(listed).filteredOn(c -> c.get("channelId").asText().equals(elsewhere))
                .extracting(c -> c.get("messageStoragePolicy").asText()).containsExactly("most-recent");
    }

    @Test
    void pastApplesCapTheRefusalSaysSoAndNothingIsListed() throws Exception {
        apple.close();
        apple = simulator(1);
        assertThat(create("production", "none", "One").status()).isEqualTo(201);

        ApiClient.Answer refused = create("production", "none", "Two");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asText()).contains("10000");
        assertThat(api.get(channels() + "?environment=production", editor).json()).hasSize(1);
    }

    @Test
    void badInputIsNamedFieldByFieldAndAppleIsNotAsked() {
        ApiClient.Answer refused = api.post(channels(), editor,
                "{\"environment\": \"production\", \"messageStoragePolicy\": \"forever\", \"name\": \" \"}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors")).extracting(e -> e.get("field").asText())
                .contains("messageStoragePolicy");
        ApiClient.Answer noName = create("production", "none", "");
        assertThat(noName.json().get("errors")).extracting(e -> e.get("field").asText()).containsExactly("name");
        assertThat(apple.requests()).isEmpty();
    }

    @Test
    void anAppWithoutATokenKeyGetsAClearConflict() {
        app = app(team, "Certless", false);

        ApiClient.Answer refused = create("production", "none", "Match");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asText()).contains(".p8");
        assertThat(apple.requests()).isEmpty();
    }

    @Test
    void noAnswerFromAppleIs503AndNothingIsListed() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        broadcastApns.overrideEndpoint(new ApnsEndpoint("localhost", closed,
                List.of(TestCredentials.CA.caCertificate())));

        ApiClient.Answer refused = create("production", "none", "Match");

        assertThat(refused.status()).isEqualTo(503);
        assertThat(api.get(channels() + "?environment=production", editor).json()).isEmpty();
    }

    @Test
    void anotherTeamSeesNothingAndAViewerCannotChangeAnything() {
        String id = create("production", "none", "Private").json().get("id").asText();
        TestTeams.Fixture other = teams.create("broadcast-other");
        String stranger = teams.token(other, Role.ADMIN);

        assertThat(api.get(channels() + "?environment=production", stranger).status()).isEqualTo(404);
        assertThat(api.delete(channels() + "/" + id, stranger).status()).isEqualTo(404);
        String viewer = teams.token(team, Role.VIEWER);
        assertThat(api.get(channels() + "?environment=production", viewer).json()).hasSize(1);
        assertThat(api.delete(channels() + "/" + id, viewer).status()).isEqualTo(403);
        assertThat(api.post(channels(), viewer, "{\"environment\": \"production\", \"messageStoragePolicy\": "
                + "\"none\", \"name\": \"x\"}").status()).isEqualTo(403);
        assertThat(apple.channels(app.bundleId())).hasSize(1);
    }

    @Test
    void anUpdateReachesTheChannelInOneRequestAndIsRecordedWithApplesUniqueId() throws Exception {
        String id = create("production", "most-recent", "Final").json().get("id").asText();
        String channelId = api.get(channels() + "?environment=production", editor).json().get(0).get("channelId")
                .asText();

        ApiClient.Answer sent = api.post(channels() + "/" + id + "/broadcasts", editor, """
                {"liveActivity": {"event": "update", "contentState": {"home": 2, "away": 1},
                  "staleDate": "2099-01-01T00:00:00Z", "relevanceScore": 75, "alert": {"title": "Goal!"}},
                 "priority": 5, "expiration": "2099-01-01T00:00:00Z"}""");

        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        assertThat(sent.json().get("status").asText()).isEqualTo("accepted");
        assertThat(sent.json().get("apnsUniqueId").asText()).isNotBlank();
        assertThat(apple.broadcasts(channelId)).isEqualTo(1);
        BroadcastSimulator.Request request = apple.requests().get(apple.requests().size() - 1);
        assertThat(request.path()).isEqualTo("/4/broadcasts/apps/" + app.bundleId());
        assertThat(request.headers()).containsEntry("apns-channel-id", channelId)
                .containsEntry("apns-push-type", "liveactivity").containsEntry("apns-priority", "5")
                .containsEntry("apns-expiration", "4070908800")
                .containsEntry("apns-request-id", sent.json().get("apnsRequestId").asText());
        JsonNode aps = new com.fasterxml.jackson.databind.ObjectMapper().readTree(request.body()).get("aps");
        assertThat(aps.get("event").asText()).isEqualTo("update");
        assertThat(aps.get("content-state").get("home").asInt()).isEqualTo(2);
        assertThat(aps.get("stale-date").asLong()).isEqualTo(4070908800L);
        assertThat(aps.get("relevance-score").asInt()).isEqualTo(75);
        assertThat(aps.get("alert").get("title").asText()).isEqualTo("Goal!");
        assertThat(aps.get("timestamp").asLong()).isPositive();

        JsonNode history = api.get(channels() + "/" + id + "/broadcasts", teams.token(team, Role.VIEWER)).json();
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("apnsUniqueId")).isEqualTo(sent.json().get("apnsUniqueId"));
    }

    @Test
    void aStartOrAnUpdateWithoutContentIsRefusedBeforeAppleIsAsked() {
        String id = create("production", "none", "Match").json().get("id").asText();
        int asked = apple.requests().size();

        ApiClient.Answer start = api.post(channels() + "/" + id + "/broadcasts", editor,
                "{\"liveActivity\": {\"event\": \"start\", \"contentState\": {}}}");
        ApiClient.Answer empty = api.post(channels() + "/" + id + "/broadcasts", editor,
                "{\"liveActivity\": {\"event\": \"update\"}, \"priority\": 1, "
                        + "\"expiration\": \"2001-01-01T00:00:00Z\"}");

        assertThat(start.status()).isEqualTo(422);
        assertThat(start.json().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactly("liveActivity.event");
        assertThat(empty.json().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("priority", "expiration", "liveActivity.contentState");
        assertThat(apple.requests()).hasSize(asked);
        assertThat(api.get(channels() + "/" + id + "/broadcasts", editor).json()).isEmpty();
    }

    @Test
    void aChannelAppleNoLongerHasIsAConflictAndTheRefusalIsRecorded() throws Exception {
        ApiClient.Answer created = create("sandbox", "none", "Gone");
        broadcastApns.deleteChannel(broadcastApns.target(team.teamId(), app.id(),
                dev.pushdeck.app.ApnsEnvironment.SANDBOX, app.bundleId()), created.json().get("channelId").asText());
        String id = created.json().get("id").asText();

        ApiClient.Answer refused = api.post(channels() + "/" + id + "/broadcasts", editor,
                "{\"liveActivity\": {\"event\": \"end\", \"contentState\": {\"final\": true}}}");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asText()).contains("no longer");
        JsonNode history = api.get(channels() + "/" + id + "/broadcasts", editor).json();
        assertThat(history.get(0).get("status").asText()).isEqualTo("rejected");
        assertThat(history.get(0).get("reason").asText()).isEqualTo("ChannelNotRegistered");
    }
}
