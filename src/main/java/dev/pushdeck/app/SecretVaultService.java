package dev.pushdeck.app;

import dev.pushdeck.app.internal.Envelope;
import dev.pushdeck.app.internal.MasterKey;
import dev.pushdeck.app.internal.MasterKeySource;
import dev.pushdeck.app.internal.VaultRepository;
import dev.pushdeck.security.SecretVault;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The master-key envelope of APNs credentials (decision 005), lent to other modules'
 * secrets: each is sealed under its own data key, bound to its owner and id, and
 * re-wrapped by master-key rotation with the credentials. No role check: callers own the
 * secrets they name. Thread-safe.
 */
@Service
class SecretVaultService implements SecretVault {

    private final VaultRepository vault;
    private final MasterKeySource masterKeys;

    SecretVaultService(VaultRepository vault, MasterKeySource masterKeys) {
        this.vault = vault;
        this.masterKeys = masterKeys;
    }

    @Override
    @Transactional
    public UUID put(UUID ownerId, byte[] secret) {
        MasterKey master = masterKeys.current().orElseThrow(MasterKeyMissingException::new);
        UUID id = UUID.randomUUID();
        vault.insert(id, ownerId, Envelope.seal(master, ownerId, id, secret));
        return id;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<byte[]> get(UUID ownerId, UUID id) {
        return vault.find(ownerId, id).map(row -> {
            MasterKey master = masterKeys.current().orElseThrow(MasterKeyMissingException::new);
            try {
                return Envelope.open(master, ownerId, id, row.secretCiphertext(), row.wrappedDataKey());
            } catch (Envelope.OpenFailed e) {
                throw new IllegalStateException("Vault secret " + id + " cannot be decrypted", e);
            }
        });
    }

    @Override
    @Transactional
    public void delete(UUID ownerId, UUID id) {
        vault.delete(ownerId, id);
    }
}
