package dev.pushdeck.app;

import java.time.Instant;
import java.util.UUID;

/**
 * How an app stands in one environment, for lists and banners.
 *
 * @param validUntil   the active credential's end of validity (null: none, or a token key)
 * @param pausedReason why sending is paused in this environment, or null
 */
public record EnvironmentStatus(ApnsEnvironment environment, State state, UUID credentialId, Instant validUntil,
                                String pausedReason) {

    public enum State {
        /** No credential for this environment. */
        NONE,
        /** A credential that is valid (a token key, or a certificate with more than 30 days left). */
        VALID,
        /** The active certificate expires within 30 days. */
        EXPIRING_SOON,
        /** The active certificate has expired. */
        EXPIRED,
        /** Sending is paused (e.g. the credential expired or was rejected). */
        PAUSED
    }
}
