package dev.pushdeck.app.internal;

import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Re-wraps every credential's data key from the current master key to a new one, in one
 * transaction (all rows or none), then makes the new key current. The encrypted secrets
 * themselves are untouched. Run as a command: {@code --pushdeck.rotate-master-key=FILE}
 * (see {@link MasterKeyRotationCommand}).
 */
@Component
public class MasterKeyRotation {

    private static final Logger log = LoggerFactory.getLogger(MasterKeyRotation.class);

    private final CredentialRepository credentials;
    private final VaultRepository vault;
    private final MasterKeySource keys;

    MasterKeyRotation(CredentialRepository credentials, VaultRepository vault, MasterKeySource keys) {
        this.credentials = credentials;
        this.vault = vault;
        this.keys = keys;
    }

    /** The outcome: how many credential and vault rows were re-wrapped and whether the key file was replaced. */
    public record Rotated(int credentials, int vaultSecrets, boolean keyFileUpdated) {
    }

    /**
     * @throws IllegalStateException when there is no current key, or a row does not open
     *                               with it (nothing is changed then)
     */
    @Transactional
    public Rotated rotateTo(MasterKey next) {
        MasterKey current = keys.current().orElseThrow(() -> new IllegalStateException(
                "No current master key: configure the key the credentials were stored with before rotating"));
        List<CredentialRepository.WrappedKey> rows = credentials.lockAllWrappedKeys();
        rewrap(rows, current, next, credentials::updateWrappedKey);
        List<CredentialRepository.WrappedKey> secrets = vault.lockAllWrappedKeys();
        rewrap(secrets, current, next, vault::updateWrappedKey);
        boolean fileUpdated = keys.replace(next);
        log.info("Re-wrapped {} credential and {} vault data keys from master key {} to {}", rows.size(),
                secrets.size(), current.id(), next.id());
        return new Rotated(rows.size(), secrets.size(), fileUpdated);
    }

    private interface WrappedKeyUpdate {
        void update(UUID id, byte[] wrapped, String masterKeyId);
    }

    private static void rewrap(List<CredentialRepository.WrappedKey> rows, MasterKey current, MasterKey next,
                               WrappedKeyUpdate update) {
        for (CredentialRepository.WrappedKey row : rows) {
            try {
                update.update(row.id(), Envelope.rewrap(current, next, row.tenantId(), row.id(),
                        row.wrappedDataKey()), next.id());
            } catch (Envelope.OpenFailed e) {
                throw new IllegalStateException("Row " + row.id() + " does not open with the current master"
                        + " key " + current.id() + "; nothing was rotated", e);
            }
        }
    }
}
