package dev.pushdeck.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import dev.pushdeck.app.ApnsEndpoint;
import dev.pushdeck.app.SigningMaterial;
import dev.pushdeck.app.TestCredentials;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SimulatorApnsTest {

    @Test
    void theSimulatorServesOnlySimulatorTopics() {
        assertThat(SimulatorApns.serves("com.example.demo.simulator")).isTrue();
        assertThat(SimulatorApns.serves("com.example.demo.simulator.voip")).isTrue();
        assertThat(SimulatorApns.serves("com.example.demo")).isFalse();
        assertThat(SimulatorApns.serves("com.example.simulatorapp")).isFalse();
    }

    @Test
    void itAcceptsOrAnswersUnregisteredAsConfigured() throws Exception {
        assertThat(answer(new SimulatorApns(0, 0, Duration.ZERO))).isEqualTo(200);
        assertThat(answer(new SimulatorApns(100, 0, Duration.ZERO))).isEqualTo(410);
        assertThat(answer(new SimulatorApns(0, 100, Duration.ofMillis(5)))).isIn(429, 500);
    }

    @Test
    void demoAppsManageChannelsAndBroadcastThroughTheSimulator() throws Exception {
        SimulatorApns simulator = new SimulatorApns(0, 0, Duration.ZERO);
        try {
            ApnsEndpoint endpoint = simulator.broadcastEndpoint(dev.pushdeck.app.ApnsEnvironment.SANDBOX);
            SigningMaterial.SigningKey key = new SigningMaterial.SigningKey(UUID.randomUUID(),
                    (ECPrivateKey) TestCredentials.ec("secp256r1").getPrivate(), "ABC123DEFG", "TEAM456XYZ");
            BroadcastApns.Target demo = new BroadcastApns.Target("com.example.demo.simulator", key, endpoint, endpoint);
            BroadcastApns client = new BroadcastApns(null, null, null, Clock.systemUTC());

            BroadcastApns.Answer created = client.createChannel(demo, 1);
            BroadcastApns.Answer sent = client.broadcast(demo, created.channelId(),
                    "{\"aps\":{\"timestamp\":1,\"event\":\"update\",\"content-state\":{}}}", 10, 0,
                    UUID.randomUUID()).get(20, TimeUnit.SECONDS);

            assertThat(created.status()).isEqualTo(201);
            assertThat(sent.status()).isEqualTo(200);
            assertThat(sent.uniqueId()).isNotNull();
        } finally {
            simulator.destroy();
        }
    }

    private static int answer(SimulatorApns simulator) throws Exception {
        try {
            ApnsEndpoint endpoint = simulator.endpoint(dev.pushdeck.app.ApnsEnvironment.SANDBOX);
            ECPrivateKey key = (ECPrivateKey) KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate();
            ApnsClient client = new ApnsClientBuilder().setApnsServer(endpoint.host(), endpoint.port())
                    .setTrustedServerCertificateChain(endpoint.trustedCertificates().toArray(X509Certificate[]::new))
                    .setSigningKey(new ApnsSigningKey("ABC123DEFG", "TEAM456XYZ", key))
                    .setEventLoopGroup(dev.pushdeck.TestEventLoop.SHARED).build();
            try {
                PushNotificationResponse<SimpleApnsPushNotification> response = client.sendNotification(
                        new SimpleApnsPushNotification(DispatcherTest.token(), "com.example.demo.simulator",
                                "{\"aps\":{}}")).get(20, TimeUnit.SECONDS);
                return response.getStatusCode();
            } finally {
                client.close().get();
            }
        } finally {
            simulator.destroy();
        }
    }
}
