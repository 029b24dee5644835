package dev.pushdeck.app.internal;

import static dev.pushdeck.app.internal.CredentialChecks.BC;
import static dev.pushdeck.app.internal.CredentialChecks.refused;
import static dev.pushdeck.app.internal.CredentialChecks.requirePassphrase;
import static dev.pushdeck.app.internal.JdkKeys.jdkKey;

import dev.pushdeck.app.CredentialKind;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.jspecify.annotations.Nullable;

/**
 * PEM files: a certificate with its key (plain, PKCS#8 encrypted or traditional OpenSSL
 * encrypted), or a key alone, which can only be a token key. Stateless and thread-safe.
 */
final class PemFiles {

    private PemFiles() {
    }

    static boolean isPem(byte[] file) {
        return new String(file, StandardCharsets.ISO_8859_1).contains("-----BEGIN ");
    }

    static ParsedCredential parse(byte[] file, @Nullable String passphrase, @Nullable String keyId,
                                  @Nullable String teamId) {
        List<X509CertificateHolder> certificates = new ArrayList<>();
        List<Object> keys = new ArrayList<>();
        try (PEMParser pem = new PEMParser(new StringReader(new String(file, StandardCharsets.ISO_8859_1)))) {
            for (Object item = pem.readObject(); item != null; item = pem.readObject()) {
                if (item instanceof X509CertificateHolder certificate) {
                    certificates.add(certificate);
                } else if (item instanceof PEMKeyPair || item instanceof PEMEncryptedKeyPair
                        || item instanceof PrivateKeyInfo || item instanceof PKCS8EncryptedPrivateKeyInfo) {
                    keys.add(item);
                }
                // Other blocks (EC PARAMETERS, public keys) carry nothing we need.
            }
        } catch (IOException | RuntimeException e) {
            throw refused("file", "error.credential.unreadable");
        }
        if (certificates.isEmpty() && keys.isEmpty()) {
            throw refused("file", "error.credential.unreadable");
        }
        if (certificates.isEmpty()) {
            return TokenKeys.tokenKey(keys, keyId, teamId);
        }
        if (keys.isEmpty()) {
            throw refused("file", "error.credential.no-private-key");
        }
        if (keys.size() > 1) {
            throw refused("file", "error.credential.two-keys");
        }
        PrivateKey key = jdkKey(decryptKey(keys.get(0), passphrase));
        List<X509Certificate> all = new ArrayList<>();
        for (X509CertificateHolder holder : certificates) {
            all.add(ApnsCertificates.jdkCertificate(holder));
        }
        return ApnsCertificates.withKey(CredentialKind.PEM, all, key);
    }

    private static PrivateKey decryptKey(Object item, @Nullable String passphrase) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BC);
        try {
            if (item instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (item instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
        } catch (IOException | RuntimeException e) {
            throw refused("file", "error.credential.unreadable");
        }
        if (item instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
            new DerivationBudget().spendOn(encrypted.getEncryptionAlgorithm());
        }
        char[] password = requirePassphrase(passphrase);
        try {
            if (item instanceof PEMEncryptedKeyPair encrypted) {
                return converter.getKeyPair(encrypted.decryptKeyPair(
                        new JcePEMDecryptorProviderBuilder().setProvider(BC).build(password))).getPrivate();
            }
            PKCS8EncryptedPrivateKeyInfo encrypted = (PKCS8EncryptedPrivateKeyInfo) item;
            return converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(
                    new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(password)));
        } catch (Exception e) {
            // Bad padding, a MAC mismatch or garbage after decryption all mean: not this passphrase.
            throw refused("passphrase", "error.credential.passphrase-wrong");
        }
    }
}
