package dev.pushdeck.app.internal;

import static dev.pushdeck.app.internal.CredentialChecks.refused;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.EnvironmentCoverage;
import dev.pushdeck.shared.error.ValidationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.jspecify.annotations.Nullable;

/**
 * Reads the credential files people actually have: a PKCS#12 (.p12, modern or legacy
 * encryption, {@link Pkcs12Files}), one PEM with certificate and possibly encrypted key
 * (PKCS#8 or traditional OpenSSL, {@link PemFiles}), or an Apple token key (.p8, PKCS#8 EC
 * P-256, {@link TokenKeys}); {@link ApnsCertificates} says what makes a certificate one for
 * APNs. Every unusable file ends in a {@link ValidationException} naming the field and the
 * exact reason; nothing here stores anything. Uses its own BouncyCastle provider instance
 * (never registered globally). Stateless and thread-safe.
 */
public final class CredentialParser {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private CredentialParser() {
    }

    /**
     * Reads a file and checks its shape: readable, exactly one private key, a certificate
     * that matches it and is an APNs client certificate, or a usable token key with
     * well-formed ids. Environment and validity dates are checked by {@link #requireUsable}.
     */
    public static ParsedCredential parse(byte[] file, @Nullable String passphrase, @Nullable String keyId,
                                         @Nullable String teamId) {
        if (file == null || file.length == 0) {
            throw refused("file", "error.credential.empty");
        }
        if (PemFiles.isPem(file)) {
            return PemFiles.parse(file, passphrase, keyId, teamId);
        }
        if (Pkcs12Files.isPkcs12(file)) {
            return Pkcs12Files.parse(file, passphrase);
        }
        PrivateKeyInfo derKey = TokenKeys.pkcs8Der(file);
        if (derKey != null) {
            return TokenKeys.tokenKey(List.of(derKey), keyId, teamId);
        }
        throw refused("file", "error.credential.unreadable");
    }

    /**
     * The checks that depend on the admin's choice and the date: the environment must be
     * one the certificate allows ({@code both} only for token keys), and a certificate must
     * be valid at {@code now}.
     */
    public static void requireUsable(ParsedCredential credential, EnvironmentCoverage environment, Instant now) {
        if (credential instanceof ParsedCredential.Certificate certificate) {
            if (environment == EnvironmentCoverage.BOTH) {
                throw refused("environment", "error.credential.environment.both-only-p8");
            }
            for (ApnsEnvironment wanted : environment.environments()) {
                if (!certificate.allowedEnvironments().contains(wanted)) {
                    throw refused("environment", "error.credential.environment-not-allowed", wanted.wire(),
                            certificate.allowedEnvironments().stream().map(ApnsEnvironment::wire).sorted().toList()
                                    .toString());
                }
            }
            if (now.isAfter(certificate.notAfter())) {
                throw refused("file", "error.credential.expired", DAY.format(certificate.notAfter()));
            }
            if (now.isBefore(certificate.notBefore())) {
                throw refused("file", "error.credential.not-yet-valid", DAY.format(certificate.notBefore()));
            }
        }
    }
}
