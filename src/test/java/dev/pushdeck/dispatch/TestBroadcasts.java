package dev.pushdeck.dispatch;

import dev.pushdeck.TestTeams;
import dev.pushdeck.app.ApnsEndpoint;
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

/** A {@link BroadcastSimulator} on loopback that the broadcast client talks to, for tests. */
final class TestBroadcasts {

    private TestBroadcasts() {
    }

    /** Starts a simulator keeping at most {@code channelLimit} channels and points {@code client} at it. */
    static BroadcastSimulator started(BroadcastApns client, int channelLimit) throws Exception {
        TestCredentials.Issued certificate = TestCredentials.CA.server();
        BroadcastSimulator simulator = new BroadcastSimulator(certificate.certificate(),
                certificate.keys().getPrivate(), channelLimit, null, Duration.ZERO);
        point(client, simulator.port());
        return simulator;
    }

    /** Points {@code client} at loopback {@code port} for both broadcast APIs. */
    static void point(BroadcastApns client, int port) {
        client.overrideEndpoint(new ApnsEndpoint("localhost", port, List.of(TestCredentials.CA.caCertificate())));
    }

    /** A new app of {@code owner} signing with a token key (.p8) in both environments, as broadcasts need. */
    static PushApp tokenKeyApp(TestTeams.Fixture owner, AppService apps, CredentialService credentials, String name) {
        return TestSecurity.as(owner.as(Role.ADMIN), () -> {
            PushApp created = apps.create(name, "com.example." + name.toLowerCase() + UUID.randomUUID().toString()
                    .substring(0, 8));
            credentials.upload(created.id(), new CredentialUpload(TestCredentials.bytes(TestCredentials.pem(
                    TestCredentials.ec("secp256r1").getPrivate())), null, "both", TestCredentials.KEY_ID,
                    TestCredentials.TEAM_ID, false));
            return created;
        });
    }
}
