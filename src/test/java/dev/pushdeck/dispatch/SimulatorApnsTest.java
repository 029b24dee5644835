package dev.pushdeck.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import dev.pushdeck.app.ApnsEndpoint;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
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

    private static int answer(SimulatorApns simulator) throws Exception {
        try {
            ApnsEndpoint endpoint = simulator.endpoint(dev.pushdeck.app.ApnsEnvironment.SANDBOX);
            ECPrivateKey key = (ECPrivateKey) KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate();
            ApnsClient client = new ApnsClientBuilder().setApnsServer(endpoint.host(), endpoint.port())
                    .setTrustedServerCertificateChain(endpoint.trustedCertificates().toArray(X509Certificate[]::new))
                    .setSigningKey(new ApnsSigningKey("ABC123DEFG", "TEAM456XYZ", key)).build();
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
