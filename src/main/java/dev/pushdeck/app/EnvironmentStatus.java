package dev.pushdeck.app;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * How an app stands in one environment, for lists and banners.
 *
 * @param validUntil        the active credential's end of validity (null: none, or a token key)
 * @param pausedReason      why sending is paused in this environment (a stored message, see
 *                          {@link dev.pushdeck.shared.i18n.StoredReasons}), or null
 * @param unavailableSince  when APNs became unavailable for this environment while the dispatcher
 *                          waits the outage out (retrying), or null when it is reachable
 * @param unavailableReason what the outage looks like (e.g. ServiceUnavailable), or null
 */
public record EnvironmentStatus(ApnsEnvironment environment, State state, @Nullable UUID credentialId,
                                @Nullable Instant validUntil, @Nullable String pausedReason,
                                @Nullable Instant unavailableSince, @Nullable String unavailableReason) {

    /** This status with an outage (or none, when {@code since} is null). */
    public EnvironmentStatus withOutage(@Nullable Instant since, @Nullable String reason) {
        return new EnvironmentStatus(environment, state, credentialId, validUntil, pausedReason, since,
                since == null ? null : reason);
    }

    /** Whether the dispatcher is waiting out an APNs outage for this environment. */
    public boolean unavailable() {
        return unavailableSince != null;
    }

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
