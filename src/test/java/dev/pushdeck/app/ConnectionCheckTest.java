package dev.pushdeck.app;

import static dev.pushdeck.app.TestCredentials.CA;
import static dev.pushdeck.app.TestCredentials.KEY_ID;
import static dev.pushdeck.app.TestCredentials.PASSPHRASE;
import static dev.pushdeck.app.TestCredentials.TEAM_ID;
import static dev.pushdeck.app.TestCredentials.bytes;
import static dev.pushdeck.app.TestCredentials.pem;
import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.pushy.apns.auth.ApnsVerificationKey;
import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.ValidatingPushNotificationHandlerFactory;
import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.TestCredentials.Issued;
import dev.pushdeck.app.TestCredentials.Spec;
import dev.pushdeck.audit.AuditEntry;
import dev.pushdeck.audit.AuditFilter;
import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The connection check against Pushy's {@link MockApnsServer} on loopback (port 0), with a
 * server certificate from the test CA, which the check trusts in place of Apple's roots.
 */
@PushdeckTest
class ConnectionCheckTest {

    @Autowired
    CredentialService credentials;
    @Autowired
    AppService apps;
    @Autowired
    AuditLog audit;
    @Autowired
    TestTeams teams;

    private MockApnsServer server;

    @AfterEach
    void stop() throws Exception {
        TestSecurity.signOut();
        if (server != null) {
            server.shutdown().get();
        }
    }

    @Test
    void aClientCertificateTheServerTrustsIsAccepted() throws Exception {
        TestTeams.Fixture team = teams.create("check-cert");
        team.signIn(Role.ADMIN);
        PushApp app = apps.create("Check", "com.example.check");
        Credential credential = credentials.upload(app.id(), CredentialServiceTest.upload(
                TestCredentials.p12Modern(CA.issue(Spec.apns(app.bundleId())), PASSPHRASE), PASSPHRASE, "sandbox"));
        int port = start(factory(app.bundleId(), Map.of(), Map.of()));

        ConnectionCheck check = credentials.check(app.id(), credential.id(), endpoint(port));

        assertThat(check.result()).isEqualTo(ConnectionCheck.Result.ACCEPTED);
        assertThat(check.message(Locale.ENGLISH)).contains("127.0.0.1:" + port).contains("accepted");
        List<AuditEntry> checked = TestSecurity.as(team.as(Role.ADMIN),
                () -> audit.search(new AuditFilter("credential.checked", null, null, null), 0, 10));
        assertThat(checked).singleElement().satisfies(e -> assertThat(e.details()).contains("ACCEPTED"));
    }

    @Test
    void aTokenKeyTheServerKnowsIsAcceptedAndAnUnknownOneIsRejected() throws Exception {
        TestTeams.Fixture team = teams.create("check-token");
        team.signIn(Role.ADMIN);
        PushApp app = apps.create("Token", "com.example.token");
        KeyPair known = TestCredentials.ec("secp256r1");
        Credential good = credentials.upload(app.id(), new CredentialUpload(bytes(pem(known.getPrivate())), null,
                "both", KEY_ID, TEAM_ID, false));
        Credential unknown = credentials.upload(app.id(), new CredentialUpload(
                bytes(pem(TestCredentials.ec("secp256r1").getPrivate())), null, "both", "ZZZ999ZZZ9", TEAM_ID, false));
        ApnsVerificationKey verification = new ApnsVerificationKey(KEY_ID, TEAM_ID, (ECPublicKey) known.getPublic());
        int port = start(factory(app.bundleId(), Map.of(KEY_ID, verification), Map.of(verification, Set.of(app.bundleId()))));

        ConnectionCheck accepted = credentials.check(app.id(), good.id(), endpoint(port));
        ConnectionCheck rejected = credentials.check(app.id(), unknown.id(), endpoint(port));

        assertThat(accepted.result()).as(accepted.message(Locale.ENGLISH)).isEqualTo(ConnectionCheck.Result.ACCEPTED);
        assertThat(rejected.result()).as(rejected.message(Locale.ENGLISH)).isEqualTo(ConnectionCheck.Result.REJECTED);
        assertThat(rejected.message(Locale.ENGLISH)).contains("InvalidProviderToken");
    }

    @Test
    void aServerTheClientDoesNotTrustFailsTheHandshake() throws Exception {
        TestTeams.Fixture team = teams.create("check-tls");
        team.signIn(Role.ADMIN);
        PushApp app = apps.create("Tls", "com.example.tls");
        Credential credential = credentials.upload(app.id(), CredentialServiceTest.p12(app, "sandbox"));
        int port = start(factory(app.bundleId(), Map.of(), Map.of()));
        // The client does not trust the server: the check must say so, not claim success.
        ApnsEndpoint untrusting = new ApnsEndpoint("127.0.0.1", port,
                List.of(TestCredentials.CA.server().certificate()));

        ConnectionCheck check = credentials.check(app.id(), credential.id(), untrusting);

        assertThat(check.result()).isEqualTo(ConnectionCheck.Result.REJECTED);
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        TestTeams.Fixture team = teams.create("check-down");
        team.signIn(Role.ADMIN);
        PushApp app = apps.create("Down", "com.example.down");
        Credential credential = credentials.upload(app.id(), CredentialServiceTest.p12(app, "sandbox"));
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }

        ConnectionCheck check = credentials.check(app.id(), credential.id(), endpoint(freePort));

        assertThat(check.result()).isEqualTo(ConnectionCheck.Result.UNREACHABLE);
    }

    private int start(ValidatingPushNotificationHandlerFactory handlers) throws Exception {
        Issued tls = CA.server();
        server = new MockApnsServerBuilder()
                .setServerCredentials(new X509Certificate[] {tls.certificate(), CA.caCertificate()}, tls.privateKey(),
                        null)
                .setTrustedClientCertificateChain(new ByteArrayInputStream(CA.caPem().getBytes(StandardCharsets.US_ASCII)))
                .setHandlerFactory(handlers)
                .setEventLoopGroup(dev.pushdeck.TestEventLoop.SHARED)
                .build();
        return server.start(0).get();
    }

    /**
     * The mock looks at the device token before authentication (Apple does it the other way
     * round), so the probe's all-zero token is registered for the app's topic: only then
     * does the mock get to judge the certificate or token.
     */
    private static ValidatingPushNotificationHandlerFactory factory(String topic, Map<String, ApnsVerificationKey> keys,
                                                                    Map<ApnsVerificationKey, Set<String>> topics) {
        return new ValidatingPushNotificationHandlerFactory(Map.of(topic, Set.of("0".repeat(64))), Map.of(), keys,
                topics);
    }

    private static ApnsEndpoint endpoint(int port) {
        return new ApnsEndpoint("127.0.0.1", port, List.of(CA.caCertificate()));
    }
}
