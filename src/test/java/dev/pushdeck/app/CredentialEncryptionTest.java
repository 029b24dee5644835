package dev.pushdeck.app;

import static dev.pushdeck.app.TestCredentials.CA;
import static dev.pushdeck.app.TestCredentials.KEY_ID;
import static dev.pushdeck.app.TestCredentials.PASSPHRASE;
import static dev.pushdeck.app.TestCredentials.TEAM_ID;
import static dev.pushdeck.app.TestCredentials.bytes;
import static dev.pushdeck.app.TestCredentials.pem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.TestCredentials.Issued;
import dev.pushdeck.app.TestCredentials.Spec;
import dev.pushdeck.app.internal.MasterKey;
import dev.pushdeck.app.internal.MasterKeyRotation;
import dev.pushdeck.app.internal.MasterKeySource;
import dev.pushdeck.app.sending.SendingCredentials;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Secrets at rest: nothing readable in the database, ciphertexts bound to their row, key rotation. */
@PushdeckTest
class CredentialEncryptionTest {

    @Autowired
    CredentialService credentials;
    @Autowired
    SendingCredentials sending;
    @Autowired
    AppService apps;
    @Autowired
    MasterKeyRotation rotation;
    @Autowired
    MasterKeySource masterKeys;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestTeams teams;
    @Autowired
    SecretVaultService vault;

    @AfterEach
    void signOut() {
        TestSecurity.signOut();
    }

    @Test
    void noPassphrasePemBodyOrKeyAppearsInAnyColumnOfAnyTable() {
        TestTeams.Fixture team = teams.create("scan");
        team.signIn(Role.ADMIN);
        PushApp app = apps.create("Scan", "com.example.scan");
        Issued certificate = CA.issue(Spec.apns(app.bundleId()));
        byte[] p12 = TestCredentials.p12Legacy(certificate, PASSPHRASE);
        String pemFile = pem(certificate.certificate(), certificate.privateKey());
        PrivateKey tokenKey = TestCredentials.ec("secp256r1").getPrivate();
        String p8 = pem(tokenKey);
        credentials.upload(app.id(), CredentialServiceTest.upload(p12, PASSPHRASE, "sandbox"));
        credentials.upload(app.id(), CredentialServiceTest.upload(bytes(pemFile), null, "production"));
        credentials.upload(app.id(), new CredentialUpload(bytes(p8), null, "both", KEY_ID, TEAM_ID, false));

        List<String> textNeedles = new ArrayList<>(List.of(PASSPHRASE, Base64.getEncoder().encodeToString(p12)
                .substring(0, 48)));
        textNeedles.addAll(pemBodyLines(pemFile));
        textNeedles.addAll(pemBodyLines(p8));
        textNeedles.add(Base64.getEncoder().encodeToString(certificate.privateKey().getEncoded()).substring(0, 48));
        textNeedles.add(Base64.getEncoder().encodeToString(tokenKey.getEncoded()).substring(16, 64));
        List<byte[]> byteNeedles = List.of(PASSPHRASE.getBytes(StandardCharsets.UTF_8),
                slice(certificate.privateKey().getEncoded()), slice(tokenKey.getEncoded()), slice(p12),
                slice(bytes(pemFile)));

        int columns = 0;
        for (Map<String, Object> column : jdbc.sql("""
                        select table_name, column_name, data_type from information_schema.columns
                        where table_schema = 'public' and data_type in ('text', 'character varying', 'bytea')""")
                .query().listOfRows()) {
            String sql = "select \"" + column.get("column_name") + "\" from \"" + column.get("table_name") + "\"";
            for (Object value : jdbc.sql(sql).query((rs, n) -> rs.getObject(1)).list()) {
                if (value instanceof String text) {
                    textNeedles.forEach(needle -> assertThat(text).as(column.toString()).doesNotContain(needle));
                } else if (value instanceof byte[] data) {
                    byteNeedles.forEach(needle -> assertThat(indexOf(data, needle)).as(column.toString())
                            .isEqualTo(-1));
                    textNeedles.forEach(needle -> assertThat(new String(data, StandardCharsets.ISO_8859_1))
                            .as(column.toString()).doesNotContain(needle));
                }
            }
            columns++;
        }
        assertThat(columns).isGreaterThan(20);
    }

    @Test
    void aCiphertextMovedToAnotherRowDoesNotDecrypt() {
        TestTeams.Fixture team = teams.create("swap");
        team.signIn(Role.ADMIN);
        PushApp app = apps.create("Swap", "com.example.swap");
        Credential sandbox = credentials.upload(app.id(), CredentialServiceTest.p12(app, "sandbox"));
        Credential production = credentials.upload(app.id(), CredentialServiceTest.p12(app, "production"));

        swap(sandbox.id(), production.id(), "secret_ciphertext");
        assertThatThrownBy(() -> material(team, app, ApnsEnvironment.SANDBOX)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> material(team, app, ApnsEnvironment.PRODUCTION))
                .isInstanceOf(IllegalStateException.class);

        // Even with its own data key, a ciphertext is bound to its row by the associated data.
        swap(sandbox.id(), production.id(), "wrapped_data_key");
        assertThatThrownBy(() -> material(team, app, ApnsEnvironment.SANDBOX)).isInstanceOf(IllegalStateException.class);

        swap(sandbox.id(), production.id(), "secret_ciphertext");
        swap(sandbox.id(), production.id(), "wrapped_data_key");
        assertThat(material(team, app, ApnsEnvironment.SANDBOX).credentialId()).isEqualTo(sandbox.id());
    }

    @Test
    void rotatingTheMasterKeyRewrapsEveryDataKeyAndSecretsStillOpen() {
        TestTeams.Fixture team = teams.create("rotate");
        team.signIn(Role.ADMIN);
        PushApp app = apps.create("Rotate", "com.example.rotate");
        credentials.upload(app.id(), CredentialServiceTest.p12(app, "sandbox"));
        UUID owner = UUID.randomUUID();
        UUID secret = vault.put(owner, "two-factor secret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        MasterKey original = masterKeys.current().orElseThrow();
        MasterKey next = MasterKey.generate();
        byte[] wrappedBefore = wrappedKeyOf(app);

        try {
            MasterKeyRotation.Rotated rotated = rotation.rotateTo(next);

            assertThat(rotated.credentials()).isGreaterThanOrEqualTo(1);
            assertThat(rotated.vaultSecrets()).isGreaterThanOrEqualTo(1);
            assertThat(jdbc.sql("select distinct master_key_id from vault_secrets").query(String.class).list())
                    .containsExactly(next.id());
            assertThat(vault.get(owner, secret)).hasValueSatisfying(bytes ->
                    assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("two-factor secret"));
            assertThat(rotated.keyFileUpdated()).isFalse();
            assertThat(jdbc.sql("select distinct master_key_id from credentials").query(String.class).list())
                    .containsExactly(next.id());
            assertThat(wrappedKeyOf(app)).isNotEqualTo(wrappedBefore);
            assertThat(material(team, app, ApnsEnvironment.SANDBOX)).isInstanceOf(
                    SigningMaterial.ClientCertificate.class);
        } finally {
            rotation.rotateTo(original);
        }
        assertThat(material(team, app, ApnsEnvironment.SANDBOX)).isNotNull();
    }

    private SigningMaterial material(TestTeams.Fixture team, PushApp app, ApnsEnvironment environment) {
        return sending.signingMaterial(team.teamId(), app.id(), environment).orElseThrow();
    }

    private byte[] wrappedKeyOf(PushApp app) {
        return jdbc.sql("select wrapped_data_key from credentials where app_id = :app").param("app", app.id())
                .query(byte[].class).single();
    }

    private void swap(UUID first, UUID second, String column) {
        jdbc.sql("update credentials a set " + column + " = b." + column + " from credentials b"
                        + " where (a.id = :first and b.id = :second) or (a.id = :second and b.id = :first)")
                .param("first", first).param("second", second).update();
    }

    private static List<String> pemBodyLines(String pem) {
        return pem.lines().filter(line -> !line.startsWith("-----") && line.length() >= 40).toList();
    }

    /** A distinctive 32-byte slice from the middle of a secret. */
    private static byte[] slice(byte[] secret) {
        int from = secret.length / 2;
        return java.util.Arrays.copyOfRange(secret, from, from + 32);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
