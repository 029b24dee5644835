package dev.pushdeck.app;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An uploaded APNs credential as listed: what it is and for what, never its secret.
 *
 * @param subject           the certificate's subject (null for a token key)
 * @param topics            topics the certificate may send to: subject UID, then the topics extension
 * @param notBefore         start of validity (null for a token key, which does not expire)
 * @param notAfter          end of validity (null for a token key)
 * @param fingerprintSha256 SHA-256 of the certificate, or of the token key's public key (hex)
 * @param keyId             the token key's Key ID (null for certificates)
 * @param teamId            the Apple Team ID of a token key (null for certificates)
 * @param activeFor         environments this credential is the one used for sending (the newest wins)
 */
public record Credential(UUID id, UUID appId, CredentialKind kind, EnvironmentCoverage environment,
                         @Nullable String subject, List<String> topics, @Nullable Instant notBefore,
                         @Nullable Instant notAfter, String fingerprintSha256, @Nullable String keyId,
                         @Nullable String teamId, String createdBy, Instant createdAt,
                         Set<ApnsEnvironment> activeFor) {

    public boolean isActive() {
        return !activeFor.isEmpty();
    }
}
