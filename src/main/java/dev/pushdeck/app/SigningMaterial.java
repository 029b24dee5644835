package dev.pushdeck.app;

import dev.pushdeck.app.internal.JdkKeys;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.List;
import java.util.UUID;

/**
 * Decrypted material an APNs client needs to authenticate: a client certificate with its
 * key, or a token signing key with its Key ID and Team ID. Lives only in memory; never
 * log, store or return it. {@code toString()} shows no secret.
 */
public sealed interface SigningMaterial {

    /** The credential this material was decrypted from (for client pools keyed by credential). */
    UUID credentialId();

    /** TLS client-certificate authentication. {@code chain.get(0)} is the client certificate. */
    record ClientCertificate(UUID credentialId, List<X509Certificate> chain, PrivateKey privateKey)
            implements SigningMaterial {

        public ClientCertificate {
            chain = List.copyOf(chain);
        }

        public X509Certificate certificate() {
            return chain.get(0);
        }

        @Override
        public String toString() {
            return "ClientCertificate[credential=" + credentialId + ", subject="
                    + certificate().getSubjectX500Principal().getName() + "]";
        }
    }

    /**
     * Token (JWT, ES256) authentication. {@code privateKey} is always the JDK's own EC key (a
     * BouncyCastle key handed in is converted), so Pushy and the JDK's {@code SHA256withECDSA}
     * can sign with it as it is.
     */
    record SigningKey(UUID credentialId, ECPrivateKey privateKey, String keyId, String teamId)
            implements SigningMaterial {

        public SigningKey {
            privateKey = JdkKeys.jdkKey(privateKey);
        }

        @Override
        public String toString() {
            return "SigningKey[credential=" + credentialId + ", keyId=" + keyId + ", teamId=" + teamId + "]";
        }
    }
}
