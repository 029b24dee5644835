package dev.pushdeck.app.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/** The master key, the envelope and the start-up check, without a Spring context. */
class MasterKeyTest {

    @TempDir
    Path dir;

    @Test
    void startingWithEncryptedCredentialsButNoMasterKeyFailsWithInstructions() {
        assertThatThrownBy(() -> MasterKeyStartupCheck.verify(Optional.empty(), List.of("0123456789abcdef")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no master key").hasMessageContaining("PUSHDECK_MASTER_KEY");
    }

    @Test
    void startingWithAnotherMasterKeyThanTheRowsWereWrappedWithFails() {
        MasterKey configured = MasterKey.generate();

        assertThatThrownBy(() -> MasterKeyStartupCheck.verify(Optional.of(configured), List.of("feedfacecafebeef")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("feedfacecafebeef");
        assertThatCode(() -> MasterKeyStartupCheck.verify(Optional.of(configured), List.of(configured.id())))
                .doesNotThrowAnyException();
        assertThatCode(() -> MasterKeyStartupCheck.verify(Optional.empty(), List.of())).doesNotThrowAnyException();
    }

    @Test
    void aSealedSecretOpensOnlyWithItsMasterKeyTenantAndRow() throws Exception {
        MasterKey key = MasterKey.generate();
        UUID tenant = UUID.randomUUID();
        UUID row = UUID.randomUUID();
        byte[] secret = "the secret".getBytes(StandardCharsets.UTF_8);
        Envelope.Sealed sealed = Envelope.seal(key, tenant, row, secret);

        assertThat(Envelope.open(key, tenant, row, sealed.ciphertext(), sealed.wrappedDataKey())).isEqualTo(secret);
        assertThatThrownBy(() -> Envelope.open(MasterKey.generate(), tenant, row, sealed.ciphertext(),
                sealed.wrappedDataKey())).isInstanceOf(Envelope.OpenFailed.class);
        assertThatThrownBy(() -> Envelope.open(key, UUID.randomUUID(), row, sealed.ciphertext(),
                sealed.wrappedDataKey())).isInstanceOf(Envelope.OpenFailed.class);
        assertThatThrownBy(() -> Envelope.open(key, tenant, UUID.randomUUID(), sealed.ciphertext(),
                sealed.wrappedDataKey())).isInstanceOf(Envelope.OpenFailed.class);
        byte[] tampered = sealed.ciphertext().clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> Envelope.open(key, tenant, row, tampered, sealed.wrappedDataKey()))
                .isInstanceOf(Envelope.OpenFailed.class);
    }

    @Test
    void embeddedPersistentModeGeneratesAnOwnerOnlyKeyFileBesideTheDataDirectoryAndReusesIt() throws Exception {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("pushdeck.embedded.data-dir", dir.resolve("postgres").toString());

        MasterKey first = new MasterKeySource(environment).current().orElseThrow();
        Path file = dir.resolve("master.key");

        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(new MasterKeySource(environment).current().orElseThrow().id()).isEqualTo(first.id());
    }

    @Test
    void withAnExternalDatabaseAndNoKeyThereIsNoMasterKeyAndNoFileIsWritten() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/pushdeck")
                .withProperty("pushdeck.master-key-file", dir.resolve("none.key").toString());

        assertThat(new MasterKeySource(environment).current()).isEmpty();
        assertThat(dir.resolve("none.key")).doesNotExist();
    }

    @Test
    void theConfiguredKeyWinsAndAMalformedOneIsRefused() {
        MasterKey key = MasterKey.generate();
        MockEnvironment environment = new MockEnvironment().withProperty("pushdeck.master-key", key.toBase64())
                .withProperty("pushdeck.embedded.data-dir", dir.resolve("postgres").toString());

        assertThat(new MasterKeySource(environment).current().orElseThrow().id()).isEqualTo(key.id());
        assertThat(dir.resolve("master.key")).doesNotExist();
        assertThatThrownBy(() -> MasterKey.fromBase64("c2hvcnQ=")).isInstanceOf(IllegalArgumentException.class);
    }
}
