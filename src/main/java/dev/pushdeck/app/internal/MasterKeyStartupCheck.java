package dev.pushdeck.app.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when encrypted credentials exist but cannot be read: no master key is
 * configured, or rows were wrapped with a different key than the configured one. Failing
 * here is clearer than failing at the first send.
 */
@Component
class MasterKeyStartupCheck implements InitializingBean {

    private final MasterKeySource keys;
    private final CredentialRepository credentials;
    private final VaultRepository vault;

    MasterKeyStartupCheck(MasterKeySource keys, CredentialRepository credentials, VaultRepository vault) {
        this.keys = keys;
        this.credentials = credentials;
        this.vault = vault;
    }

    @Override
    public void afterPropertiesSet() {
        List<String> inUse = new ArrayList<>(credentials.masterKeyIdsInUse());
        vault.masterKeyIdsInUse().stream().filter(id -> !inUse.contains(id)).forEach(inUse::add);
        verify(keys.current(), inUse);
    }

    /** @throws IllegalStateException with instructions, when the stored credentials cannot be decrypted */
    static void verify(Optional<MasterKey> key, List<String> masterKeyIdsInUse) {
        if (masterKeyIdsInUse.isEmpty()) {
            return;
        }
        if (key.isEmpty()) {
            throw new IllegalStateException("Pushdeck stores encrypted APNs credentials but no master key is"
                    + " configured. Set PUSHDECK_MASTER_KEY (base64) or pushdeck.master-key-file to the key they were"
                    + " stored with (master key id(s) " + masterKeyIdsInUse + "), then start again.");
        }
        List<String> foreign = masterKeyIdsInUse.stream().filter(id -> !id.equals(key.get().id())).toList();
        if (!foreign.isEmpty()) {
            throw new IllegalStateException("Some APNs credentials were encrypted with master key id(s) " + foreign
                    + ", but the configured master key has id " + key.get().id() + ". Configure the key they were"
                    + " stored with; to change keys, use --pushdeck.rotate-master-key (docs/decisions).");
        }
    }
}
