package dev.pushdeck.app.internal;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.CredentialKind;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A credential file read and checked for shape: for certificates the chain (client
 * certificate first) and its key, for token keys the EC key and its ids. Holds a private
 * key: keep it in memory only, and only as long as needed.
 *
 * @param allowedEnvironments what the certificate's Apple extensions permit (both for a token key)
 */
public record ParsedCredential(CredentialKind kind, List<X509Certificate> chain, PrivateKey privateKey, String keyId,
                               String teamId, Set<ApnsEnvironment> allowedEnvironments, List<String> topics,
                               String subject, Instant notBefore, Instant notAfter, String fingerprintSha256) {

    public ParsedCredential {
        chain = List.copyOf(chain);
        allowedEnvironments = Set.copyOf(allowedEnvironments);
        topics = List.copyOf(topics);
    }

    @Override
    public String toString() {
        return "ParsedCredential[" + kind + ", " + subject + ", keyId=" + keyId + "]";
    }
}
