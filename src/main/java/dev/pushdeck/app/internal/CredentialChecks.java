package dev.pushdeck.app.internal;

import dev.pushdeck.shared.error.ValidationException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.HexFormat;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jspecify.annotations.Nullable;

/**
 * What every credential reader shares: the parser's own BouncyCastle provider (never
 * registered globally), the key-pair check, the fingerprint and the refusal every unusable
 * file ends in. Stateless and thread-safe.
 */
final class CredentialChecks {

    static final Provider BC = new BouncyCastleProvider();

    private CredentialChecks() {
    }

    /** A key matches a public key when a signature made with it verifies. */
    static boolean matches(PrivateKey key, PublicKey publicKey) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            default -> null;
        };
        if (algorithm == null) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm, BC);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm, BC);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static char[] requirePassphrase(@Nullable String passphrase) {
        if (passphrase == null || passphrase.isEmpty()) {
            throw refused("passphrase", "error.credential.passphrase-missing");
        }
        return passphrase.toCharArray();
    }

    static ValidationException refused(String field, String key, Object... args) {
        return new ValidationException(field, key, args);
    }
}
