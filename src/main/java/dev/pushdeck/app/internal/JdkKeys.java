package dev.pushdeck.app.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;

/**
 * Private keys as the JDK's own key objects. BouncyCastle, which reads the credential files,
 * names its EC keys "ECDSA"; Pushy, Netty and the JDK's {@code SHA256withECDSA} accept only
 * the JDK's "EC" keys. The one place that converts: the parser for every key it reads, and
 * {@link dev.pushdeck.app.SigningMaterial} for keys handed to it, so that other modules
 * always receive a key they can sign with. Stateless and thread-safe.
 */
public final class JdkKeys {

    private JdkKeys() {
    }

    /** The same key as a JDK key object, or {@code key} itself when the JDK cannot read its encoding. */
    public static PrivateKey jdkKey(PrivateKey key) {
        String algorithm = "ECDSA".equals(key.getAlgorithm()) ? "EC" : key.getAlgorithm();
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            return key;
        }
    }

    /** {@link #jdkKey(PrivateKey)} for an EC key, which stays an EC key either way. */
    public static ECPrivateKey jdkKey(ECPrivateKey key) {
        return (ECPrivateKey) jdkKey((PrivateKey) key);
    }
}
