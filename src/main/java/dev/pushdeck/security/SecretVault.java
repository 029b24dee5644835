package dev.pushdeck.security;

import java.util.Optional;
import java.util.UUID;

/**
 * Keeps small secrets encrypted at rest under the instance's master key, the scheme that
 * protects APNs credentials (provided by the app module, which owns the master key; see
 * docs/decisions/005). Implementations are thread-safe and join the caller's transaction.
 */
public interface SecretVault {

    /**
     * Stores {@code secret} for {@code ownerId} and answers its id.
     *
     * @throws dev.pushdeck.shared.error.PushdeckException when no master key is configured
     */
    UUID put(UUID ownerId, byte[] secret);

    /**
     * The secret, or empty when there is no such row for this owner.
     *
     * @throws IllegalStateException when the row does not open with the master key (wrong key, tampered row)
     */
    Optional<byte[]> get(UUID ownerId, UUID id);

    void delete(UUID ownerId, UUID id);
}
