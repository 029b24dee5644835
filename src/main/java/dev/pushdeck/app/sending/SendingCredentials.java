package dev.pushdeck.app.sending;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.SigningMaterial;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The dispatcher's view of an app's credentials: what it signs with, and what it learns from Apple
 * about them (a refused credential pauses the environment, an outage is shown while it lasts).
 *
 * <p>For trusted callers only: the dispatcher runs without a signed-in person, so every method
 * takes the tenant explicitly and checks no role. Never call it on behalf of a request, and never
 * log, store or show the material it returns. Thread-safe; every method joins the caller's
 * transaction or opens one.
 */
public interface SendingCredentials {

    /**
     * The decrypted material of the credential an app currently sends with in {@code environment},
     * or empty when it has none (or the app is another team's).
     *
     * @throws IllegalStateException when the credential cannot be decrypted (wrong master key or
     *                               tampered row)
     */
    Optional<SigningMaterial> signingMaterial(UUID tenantId, UUID appId, ApnsEnvironment environment);

    /** Why sending is paused for an app's environment (e.g. its credential expired), or empty when it may send. */
    Optional<String> pausedReason(UUID tenantId, UUID appId, ApnsEnvironment environment);

    /**
     * Pauses sending for an app's environment because APNs refused its credential (e.g.
     * BadCertificate), so the device list is not burnt through. People see the pause in the
     * credential statuses; uploading a new credential for that environment lifts it. Audited once
     * per pause.
     *
     * @return whether this call paused it (false when it already was)
     */
    boolean pauseSending(UUID tenantId, UUID appId, ApnsEnvironment environment, String reason);

    /**
     * APNs is unavailable for an app's environment since {@code since} and the dispatcher waits it
     * out (probing). Shown in the credential statuses while reported again at least every
     * {@link dev.pushdeck.app.CredentialService#OUTAGE_FRESH}.
     */
    void reportOutage(UUID tenantId, UUID appId, ApnsEnvironment environment, Instant since, String reason);

    /** APNs answers again for an app's environment. */
    void endOutage(UUID tenantId, UUID appId, ApnsEnvironment environment);
}
