package dev.pushdeck.app.internal;

import static dev.pushdeck.app.internal.CredentialChecks.BC;
import static dev.pushdeck.app.internal.CredentialChecks.matches;
import static dev.pushdeck.app.internal.CredentialChecks.refused;
import static dev.pushdeck.app.internal.CredentialChecks.sha256Hex;
import static dev.pushdeck.app.internal.JdkKeys.jdkKey;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.jspecify.annotations.Nullable;

/**
 * Apple token keys (.p8): an unencrypted PKCS#8 EC key on P-256 that can sign, with a
 * well-formed key id and team id. Anything else is refused with the reason a developer can
 * act on (encrypted, SEC1 instead of PKCS#8, RSA, the wrong curve). Stateless and thread-safe.
 */
final class TokenKeys {

    private static final Pattern APPLE_ID = Pattern.compile("^[A-Z0-9]{10}$");

    private TokenKeys() {
    }

    /** The file read as a DER-encoded PKCS#8 key, or {@code null} when it is not one. */
    static @Nullable PrivateKeyInfo pkcs8Der(byte[] file) {
        try {
            return PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(file));
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * The token key among {@code keys} (key objects as BouncyCastle reads them from DER or
     * PEM), checked with its ids.
     */
    static ParsedCredential.TokenKey tokenKey(List<?> keys, @Nullable String keyId, @Nullable String teamId) {
        if (blank(keyId) && blank(teamId)) {
            throw refused("file", "error.credential.key-only");
        }
        if (keys.size() > 1) {
            throw refused("file", "error.credential.two-keys");
        }
        PrivateKeyInfo info = plainEcP256(keys.get(0));
        String cleanKeyId = clean(keyId);
        String cleanTeamId = clean(teamId);
        if (!APPLE_ID.matcher(cleanKeyId).matches()) {
            throw refused("keyId", "error.credential.key-id");
        }
        if (!APPLE_ID.matcher(cleanTeamId).matches()) {
            throw refused("teamId", "error.credential.team-id");
        }
        return signingKey(info, cleanKeyId, cleanTeamId);
    }

    private static PrivateKeyInfo plainEcP256(Object item) {
        if (item instanceof PKCS8EncryptedPrivateKeyInfo || item instanceof PEMEncryptedKeyPair) {
            throw refused("file", "error.credential.p8.encrypted");
        }
        if (item instanceof PEMKeyPair pair) {
            AlgorithmIdentifier algorithm = pair.getPrivateKeyInfo().getPrivateKeyAlgorithm();
            throw X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())
                    ? refused("file", "error.credential.p8.sec1")
                    : refused("file", "error.credential.p8.not-ec", algorithmName(algorithm));
        }
        PrivateKeyInfo info = (PrivateKeyInfo) item;
        AlgorithmIdentifier algorithm = info.getPrivateKeyAlgorithm();
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())) {
            throw refused("file", "error.credential.p8.not-ec", algorithmName(algorithm));
        }
        if (!SECObjectIdentifiers.secp256r1.equals(algorithm.getParameters())) {
            throw refused("file", "error.credential.p8.wrong-curve", curveName(algorithm.getParameters()));
        }
        return info;
    }

    /** The key once it has proved it can sign; its fingerprint is that of the public key it implies. */
    private static ParsedCredential.TokenKey signingKey(PrivateKeyInfo info, String keyId, String teamId) {
        ECPrivateKey key;
        PublicKey publicKey;
        try {
            key = (ECPrivateKey) jdkKey(new JcaPEMKeyConverter().setProvider(BC).getPrivateKey(info));
            ECNamedCurveParameterSpec p256 = org.bouncycastle.jce.ECNamedCurveTable.getParameterSpec("secp256r1");
            publicKey = KeyFactory.getInstance("EC", BC).generatePublic(
                    new ECPublicKeySpec(p256.getG().multiply(key.getS()).normalize(), p256));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw refused("file", "error.credential.p8.cannot-sign");
        }
        if (!matches(key, publicKey)) {
            throw refused("file", "error.credential.p8.cannot-sign");
        }
        return new ParsedCredential.TokenKey(key, keyId, teamId, sha256Hex(publicKey.getEncoded()));
    }

    private static String algorithmName(AlgorithmIdentifier algorithm) {
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        if (PKCSObjectIdentifiers.rsaEncryption.equals(oid)) {
            return "RSA";
        }
        return switch (oid.getId()) {
            case "1.3.101.112" -> "Ed25519";
            case "1.2.840.10040.4.1" -> "DSA";
            default -> oid.getId();
        };
    }

    private static String curveName(ASN1Encodable parameters) {
        if (parameters instanceof ASN1ObjectIdentifier oid) {
            if (SECObjectIdentifiers.secp384r1.equals(oid)) {
                return "P-384";
            }
            if (SECObjectIdentifiers.secp521r1.equals(oid)) {
                return "P-521";
            }
            String name = ECNamedCurveTable.getName(oid);
            return name == null ? oid.getId() : name;
        }
        return parameters instanceof ASN1Integer ? "implicit" : "explicit parameters";
    }

    private static boolean blank(@Nullable String text) {
        return text == null || text.isBlank();
    }

    private static String clean(@Nullable String text) {
        return text == null ? "" : text.trim();
    }
}
