package dev.pushdeck.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushdeck.app.ApnsEndpoint;
import dev.pushdeck.app.SigningMaterial;
import dev.pushdeck.app.TestCredentials;
import java.io.IOException;
import java.net.ServerSocket;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The broadcast client against an HTTP/2 TLS server that answers like Apple and checks every
 * token's ES256 signature with the app's public key: paths, methods, headers, bodies and
 * answers of channel management and broadcasts, and the refusals.
 */
class BroadcastApnsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUNDLE = "com.example.scores";
    private static final String KEY_ID = "ABC123DEFG";
    private static final String TEAM_ID = "TEAM456XYZ";

    private final KeyPair appKey = TestCredentials.ec("secp256r1");
    private BroadcastSimulator apple;
    private BroadcastApns client;
    private BroadcastApns.Target target;

    @BeforeEach
    void start() throws Exception {
        apple = server(appKey.getPublic(), 3);
        client = new BroadcastApns(null, null, null, Clock.systemUTC());
        target = target(apple);
    }

    @AfterEach
    void stop() {
        apple.close();
    }

    private BroadcastSimulator server(PublicKey verifying, int channelLimit) throws Exception {
        TestCredentials.Issued certificate = TestCredentials.CA.server();
        return new BroadcastSimulator(certificate.certificate(), certificate.keys().getPrivate(), channelLimit,
                (keyId, signed, signature) -> KEY_ID.equals(keyId) && verifies(verifying, signed, signature),
                Duration.ZERO);
    }

    private BroadcastApns.Target target(BroadcastSimulator server) {
        ApnsEndpoint endpoint = new ApnsEndpoint("localhost", server.port(), List.of(TestCredentials.CA.caCertificate()));
        SigningMaterial.SigningKey key = new SigningMaterial.SigningKey(UUID.randomUUID(),
                (ECPrivateKey) appKey.getPrivate(), KEY_ID, TEAM_ID);
        return new BroadcastApns.Target(BUNDLE, key, endpoint, endpoint);
    }

    private static boolean verifies(PublicKey key, byte[] signed, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(key);
            verifier.update(signed);
            return verifier.verify(signature);
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    private static JsonNode part(String token, int index) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
    }

    private static String token(BroadcastSimulator.Request request) {
        return request.header("authorization").substring("bearer ".length());
    }

    @Test
    void aChannelIsCreatedWithApplesPathBodyAndASignedProviderToken() throws Exception {
        BroadcastApns.Answer created = client.createChannel(target, 1);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.channelId()).isNotBlank();
        assertThat(created.requestId()).isNotBlank();
        BroadcastSimulator.Request request = apple.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/1/apps/" + BUNDLE + "/channels");
        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree(
                "{\"message-storage-policy\":1,\"push-type\":\"LiveActivity\"}"));
        String token = token(request);
        assertThat(part(token, 0).get("alg").asText()).isEqualTo("ES256");
        assertThat(part(token, 0).get("kid").asText()).isEqualTo(KEY_ID);
        assertThat(part(token, 1).get("iss").asText()).isEqualTo(TEAM_ID);
        assertThat(part(token, 1).get("iat").asLong()).isCloseTo(Instant.now().getEpochSecond(), within(60L));
        assertThat(apple.channels(BUNDLE)).containsExactly(created.channelId());
    }

    @Test
    void aChannelIsReadListedAndDeletedByItsIdInTheChannelHeader() throws Exception {
        String channel = client.createChannel(target, 0).channelId();

        BroadcastApns.Answer read = client.readChannel(target, channel);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().get("message-storage-policy").asInt()).isZero();
        assertThat(read.body().get("push-type").asText()).isEqualTo("LiveActivity");
        assertThat(apple.requests().get(1).header("apns-channel-id")).isEqualTo(channel);

        BroadcastApns.Answer listed = client.listChannels(target);
        assertThat(apple.requests().get(2).path()).isEqualTo("/1/apps/" + BUNDLE + "/all-channels");
        assertThat(listed.body().get("channels").get(0).asText()).isEqualTo(channel);

        assertThat(client.deleteChannel(target, channel).status()).isEqualTo(204);
        assertThat(apple.requests().get(3).method()).isEqualTo("DELETE");
        BroadcastApns.Answer gone = client.deleteChannel(target, channel);
        assertThat(gone.status()).isEqualTo(400);
        assertThat(gone.reason()).isEqualTo("ChannelNotRegistered");
    }

    @Test
    void pastTheChannelCapAppleRefusesToCreateMore() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(client.createChannel(target, 0).status()).isEqualTo(201);
        }

        BroadcastApns.Answer refused = client.createChannel(target, 0);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.reason()).isEqualTo("CannotCreateChannelConfig");
    }

    @Test
    void aBroadcastCarriesTheChannelPushTypeExpirationPriorityAndRequestId() throws Exception {
        String channel = client.createChannel(target, 1).channelId();
        UUID requestId = UUID.randomUUID();
        String payload = "{\"aps\":{\"timestamp\":1796115600,\"event\":\"update\",\"content-state\":{\"score\":\"2-1\"}}}";

        BroadcastApns.Answer accepted = client.broadcast(target, channel, payload, 5, 1796119200L, requestId)
                .get(30, TimeUnit.SECONDS);

        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.uniqueId()).isNotNull();
        assertThat(accepted.requestId()).isEqualTo(requestId.toString());
        BroadcastSimulator.Request request = apple.requests().get(1);
        assertThat(request.path()).isEqualTo("/4/broadcasts/apps/" + BUNDLE);
        assertThat(request.headers()).containsEntry("apns-channel-id", channel)
                .containsEntry("apns-push-type", "liveactivity").containsEntry("apns-expiration", "1796119200")
                .containsEntry("apns-priority", "5").containsEntry("apns-request-id", requestId.toString());
        assertThat(request.body()).isEqualTo(payload);
        assertThat(apple.broadcasts(channel)).isEqualTo(1);
    }

    @Test
    void appleRefusalsComeBackWithTheirReasonAndStatus() throws Exception {
        BroadcastApns.Answer unknown = client.broadcast(target, "dW5rbm93bg==", "{\"aps\":{}}", 10, 0, UUID.randomUUID())
                .get(30, TimeUnit.SECONDS);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.reason()).isEqualTo("ChannelNotRegistered");

        apple.answerNext(503, "ServiceUnavailable");
        BroadcastApns.Answer unavailable = client.listChannels(target);
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.reason()).isEqualTo("ServiceUnavailable");
    }

    @Test
    void oneTokenServesManyRequestsAndAnExpiredOneIsReplacedAtOnce() throws Exception {
        client.listChannels(target);
        client.listChannels(target);
        assertThat(token(apple.requests().get(0))).isEqualTo(token(apple.requests().get(1)));

        apple.answerNext(403, "ExpiredProviderToken");
        BroadcastApns.Answer created = client.createChannel(target, 0);

        assertThat(created.status()).isEqualTo(201);
        List<BroadcastSimulator.Request> requests = apple.requests();
        assertThat(token(requests.get(3))).isNotEqualTo(token(requests.get(2)));
    }

    @Test
    void aBroadcastRefusedForAnExpiredTokenIsSentOnceMoreWithANewOne() throws Exception {
        String channel = client.createChannel(target, 0).channelId();
        apple.answerNext(403, "ExpiredProviderToken");

        BroadcastApns.Answer accepted = client.broadcast(target, channel, "{\"aps\":{}}", 10, 0, UUID.randomUUID())
                .get(30, TimeUnit.SECONDS);

        assertThat(accepted.status()).isEqualTo(200);
        assertThat(apple.broadcasts(channel)).isEqualTo(1);
        List<BroadcastSimulator.Request> requests = apple.requests();
        assertThat(token(requests.get(2))).isNotEqualTo(token(requests.get(1)));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
        try (BroadcastSimulator strict = server(TestCredentials.ec("secp256r1").getPublic(), 10)) {
            BroadcastApns.Answer refused = client.listChannels(target(strict));

            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.reason()).isEqualTo("InvalidProviderToken");
        }
    }

    @Test
    void noAnswerAtAllFailsWithTheTransportsError() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        ApnsEndpoint nowhere = new ApnsEndpoint("localhost", closed, List.of(TestCredentials.CA.caCertificate()));
        BroadcastApns.Target unreachable = new BroadcastApns.Target(BUNDLE, target.key(), nowhere, nowhere);

        assertThatThrownBy(() -> client.listChannels(unreachable)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> client.broadcast(unreachable, "x", "{}", 10, 0, UUID.randomUUID()).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(IOException.class);
    }
}
