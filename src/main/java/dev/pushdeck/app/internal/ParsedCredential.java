package dev.pushdeck.app.internal;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.CredentialKind;
import dev.pushdeck.app.SigningMaterial;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A credential file read and checked for shape: a client certificate with its key, or a
 * token key with its ids. Each kind carries only the facts it has. Holds a private key: keep
 * it in memory only, and only as long as needed.
 */
public sealed interface ParsedCredential {

    CredentialKind kind();

    /** SHA-256 of the certificate (DER) or of the token key's public key, in hex. */
    String fingerprintSha256();

    /** The material an APNs client authenticates with, for the stored credential {@code credentialId}. */
    SigningMaterial material(UUID credentialId);

    /**
     * A client certificate (.p12 or .pem) with its key.
     *
     * @param kind                P12 or PEM
     * @param chain               the client certificate first, then whatever else the file held
     * @param allowedEnvironments what the certificate's Apple extensions permit
     * @param topics              the subject UID and the topics extension, in that order
     */
    record Certificate(CredentialKind kind, List<X509Certificate> chain, PrivateKey privateKey,
                       Set<ApnsEnvironment> allowedEnvironments, List<String> topics, String subject,
                       Instant notBefore, Instant notAfter, String fingerprintSha256) implements ParsedCredential {

        public Certificate {
            chain = List.copyOf(chain);
            allowedEnvironments = Set.copyOf(allowedEnvironments);
            topics = List.copyOf(topics);
        }

        @Override
        public SigningMaterial material(UUID credentialId) {
            return new SigningMaterial.ClientCertificate(credentialId, chain, privateKey);
        }

        @Override
        public String toString() {
            return "ParsedCredential.Certificate[" + kind + ", " + subject + "]";
        }
    }

    /** An Apple token key (.p8, EC P-256) with the Key ID and Team ID it signs for; usable in either environment. */
    record TokenKey(ECPrivateKey privateKey, String keyId, String teamId, String fingerprintSha256)
            implements ParsedCredential {

        @Override
        public CredentialKind kind() {
            return CredentialKind.P8;
        }

        @Override
        public SigningMaterial material(UUID credentialId) {
            return new SigningMaterial.SigningKey(credentialId, privateKey, keyId, teamId);
        }

        @Override
        public String toString() {
            return "ParsedCredential.TokenKey[keyId=" + keyId + ", teamId=" + teamId + "]";
        }
    }
}
