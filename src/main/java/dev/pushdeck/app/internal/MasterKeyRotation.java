package dev.pushdeck.app.internal;

import java.util.List;
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
    private final MasterKeySource keys;

    MasterKeyRotation(CredentialRepository credentials, MasterKeySource keys) {
        this.credentials = credentials;
        this.keys = keys;
    }

    /** The outcome: how many rows were re-wrapped and whether the key file was replaced. */
    public record Rotated(int credentials, boolean keyFileUpdated) {
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
        for (CredentialRepository.WrappedKey row : rows) {
            try {
                credentials.updateWrappedKey(row.id(),
                        Envelope.rewrap(current, next, row.tenantId(), row.id(), row.wrappedDataKey()), next.id());
            } catch (Envelope.OpenFailed e) {
                throw new IllegalStateException("Credential " + row.id() + " does not open with the current master"
                        + " key " + current.id() + "; nothing was rotated", e);
            }
        }
        boolean fileUpdated = keys.replace(next);
        log.info("Re-wrapped {} credential data keys from master key {} to {}", rows.size(), current.id(), next.id());
        return new Rotated(rows.size(), fileUpdated);
    }
}
