package dev.pushdeck.app.internal;

import static dev.pushdeck.app.internal.JdkKeys.jdkKey;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.CredentialKind;
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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.EncryptedData;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.bc.BcDefaultDigestProvider;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagFactory;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilderProvider;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Reads the credential files people actually have: a PKCS#12 (.p12, modern or legacy
 * encryption), one PEM with certificate and possibly encrypted key (PKCS#8 or traditional
 * OpenSSL), or an Apple token key (.p8, PKCS#8 EC P-256). Every unusable file ends in a
 * {@link ValidationException} naming the field and the exact reason; nothing here stores
 * anything. Uses its own BouncyCastle provider instance (never registered globally).
 * Stateless and thread-safe.
 */
public final class CredentialParser {

    /** Apple: APNs development (sandbox) client certificate. */
    static final String OID_APNS_DEVELOPMENT = "1.2.840.113635.100.6.3.1";
    /** Apple: APNs production client certificate. */
    static final String OID_APNS_PRODUCTION = "1.2.840.113635.100.6.3.2";
    /** Apple: topics the certificate may send to. */
    static final String OID_APNS_TOPICS = "1.2.840.113635.100.6.3.6";
    /** Apple: Pass Type ID certificate (Wallet passes), which also carries the production OID. */
    static final String OID_PASS_TYPE_ID = "1.2.840.113635.100.6.1.16";

    private static final Provider BC = new BouncyCastleProvider();
    private static final Pattern APPLE_ID = Pattern.compile("^[A-Z0-9]{10}$");
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
        if (isPem(file)) {
            return parsePem(new String(file, StandardCharsets.ISO_8859_1), passphrase, keyId, teamId);
        }
        if (isPkcs12(file)) {
            return parsePkcs12(file, passphrase);
        }
        PrivateKeyInfo derKey = pkcs8Der(file);
        if (derKey != null) {
            return tokenKey(List.of(derKey), keyId, teamId);
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

    // --- PEM ----------------------------------------------------------------------------

    private static boolean isPem(byte[] file) {
        return new String(file, StandardCharsets.ISO_8859_1).contains("-----BEGIN ");
    }

    private static ParsedCredential parsePem(String text, @Nullable String passphrase, @Nullable String keyId,
                                             @Nullable String teamId) {
        List<X509CertificateHolder> certificates = new ArrayList<>();
        List<Object> keys = new ArrayList<>();
        try (PEMParser pem = new PEMParser(new StringReader(text))) {
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
            return tokenKey(keys, keyId, teamId);
        }
        if (keys.isEmpty()) {
            throw refused("file", "error.credential.no-private-key");
        }
        if (keys.size() > 1) {
            throw refused("file", "error.credential.two-keys");
        }
        PrivateKey key = jdkKey(decryptPemKey(keys.get(0), passphrase));
        List<X509Certificate> all = new ArrayList<>();
        for (X509CertificateHolder holder : certificates) {
            all.add(jdkCertificate(encoded(holder)));
        }
        X509Certificate leaf = all.stream().filter(c -> matches(key, c.getPublicKey())).findFirst()
                .orElseThrow(() -> refused("file", "error.credential.key-mismatch"));
        List<X509Certificate> chain = new ArrayList<>(List.of(leaf));
        all.stream().filter(c -> c != leaf).forEach(chain::add);
        return certificateCredential(CredentialKind.PEM, chain, key);
    }

    private static PrivateKey decryptPemKey(Object item, @Nullable String passphrase) {
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

    // --- PKCS#12 ------------------------------------------------------------------------

    private static boolean isPkcs12(byte[] file) {
        try {
            Pfx pfx = Pfx.getInstance(ASN1Primitive.fromByteArray(file));
            ASN1ObjectIdentifier type = pfx.getAuthSafe().getContentType();
            return PKCSObjectIdentifiers.data.equals(type) || PKCSObjectIdentifiers.signedData.equals(type);
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Walks the file ourselves rather than through a KeyStore, so that every key derivation
     * (MAC, encrypted parts, the key) passes {@link DerivationBudget} before it runs, also
     * those hidden inside encrypted parts.
     */
    private static ParsedCredential parsePkcs12(byte[] file, @Nullable String passphrase) {
        char[] password = passphrase == null ? new char[0] : passphrase.toCharArray();
        DerivationBudget budget = new DerivationBudget();
        PKCS12PfxPdu pfx = pfx(file);
        List<ContentInfo> contents = List.of(pfx.getContentInfos());
        if (pfx.hasMac()) {
            budget.spendOnMac(pfx.toASN1Structure().getMacData());
        }
        contents.stream().filter(content -> PKCSObjectIdentifiers.encryptedData.equals(content.getContentType()))
                .forEach(content -> budget.spendOn(EncryptedData.getInstance(content.getContent())
                        .getEncryptionAlgorithm()));
        if (pfx.hasMac() && !macValid(pfx, password)) {
            throw wrongOrMissing(passphrase);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        List<Object> keys = new ArrayList<>();
        for (ContentInfo content : contents) {
            for (PKCS12SafeBag bag : safeBags(content, password, passphrase)) {
                if (bag.getBagValue() instanceof X509CertificateHolder certificate) {
                    certificates.add(jdkCertificate(encoded(certificate)));
                } else if (bag.getBagValue() instanceof PKCS8EncryptedPrivateKeyInfo
                        || bag.getBagValue() instanceof PrivateKeyInfo) {
                    keys.add(bag.getBagValue());
                }
            }
        }
        if (keys.isEmpty()) {
            throw refused("file", "error.credential.no-private-key");
        }
        if (keys.size() > 1) {
            throw refused("file", "error.credential.two-keys");
        }
        if (certificates.isEmpty()) {
            throw refused("file", "error.credential.no-certificate");
        }
        PrivateKey key = jdkKey(pkcs12Key(keys.get(0), password, passphrase, budget));
        X509Certificate leaf = certificates.stream().filter(c -> matches(key, c.getPublicKey())).findFirst()
                .orElseThrow(() -> refused("file", "error.credential.key-mismatch"));
        List<X509Certificate> chain = new ArrayList<>(List.of(leaf));
        certificates.stream().filter(c -> c != leaf).forEach(chain::add);
        return certificateCredential(CredentialKind.P12, chain, key);
    }

    private static PKCS12PfxPdu pfx(byte[] file) {
        try {
            return new PKCS12PfxPdu(file);
        } catch (IOException | RuntimeException e) {
            throw refused("file", "error.credential.unreadable");
        }
    }

    private static boolean macValid(PKCS12PfxPdu pfx, char[] password) {
        try {
            return pfx.isMacValid(new BcPKCS12MacCalculatorBuilderProvider(BcDefaultDigestProvider.INSTANCE),
                    password);
        } catch (PKCSException | RuntimeException e) {
            return false;
        }
    }

    private static PKCS12SafeBag[] safeBags(ContentInfo content, char[] password,
                                            @Nullable String passphrase) {
        try {
            return PKCSObjectIdentifiers.encryptedData.equals(content.getContentType())
                    ? new PKCS12SafeBagFactory(content, pbeDecryptor(password)).getSafeBags()
                    : new PKCS12SafeBagFactory(content).getSafeBags();
        } catch (PKCSException e) {
            throw wrongOrMissing(passphrase);
        } catch (RuntimeException e) {
            throw refused("file", "error.credential.unreadable");
        }
    }

    private static PrivateKey pkcs12Key(Object bag, char[] password, @Nullable String passphrase,
                                        DerivationBudget budget) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BC);
        if (bag instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
            budget.spendOn(encrypted.getEncryptionAlgorithm());
        }
        try {
            if (bag instanceof PrivateKeyInfo plain) {
                return converter.getPrivateKey(plain);
            }
            PKCS8EncryptedPrivateKeyInfo encrypted = (PKCS8EncryptedPrivateKeyInfo) bag;
            return converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(pbeDecryptor(password)));
        } catch (PKCSException e) {
            throw wrongOrMissing(passphrase);
        } catch (IOException | RuntimeException e) {
            throw refused("file", "error.credential.unreadable");
        }
    }

    private static InputDecryptorProvider pbeDecryptor(char[] password) {
        return new JcePKCSPBEInputDecryptorProviderBuilder().setProvider(BC).build(password);
    }

    private static ValidationException wrongOrMissing(@Nullable String passphrase) {
        return passphrase == null || passphrase.isEmpty()
                ? refused("passphrase", "error.credential.passphrase-missing")
                : refused("passphrase", "error.credential.passphrase-wrong");
    }

    // --- Certificates -------------------------------------------------------------------

    private static ParsedCredential certificateCredential(CredentialKind kind, List<X509Certificate> chain,
                                                          PrivateKey key) {
        X509Certificate leaf = chain.get(0);
        String uid = subjectUid(leaf);
        if (leaf.getExtensionValue(OID_PASS_TYPE_ID) != null || (uid != null && uid.startsWith("pass."))) {
            throw refused("file", "error.credential.pass-type");
        }
        Set<ApnsEnvironment> allowed = EnumSet.noneOf(ApnsEnvironment.class);
        if (leaf.getExtensionValue(OID_APNS_DEVELOPMENT) != null) {
            allowed.add(ApnsEnvironment.SANDBOX);
        }
        if (leaf.getExtensionValue(OID_APNS_PRODUCTION) != null) {
            allowed.add(ApnsEnvironment.PRODUCTION);
        }
        if (allowed.isEmpty()) {
            throw refused("file", "error.credential.not-apns");
        }
        Set<String> topics = new LinkedHashSet<>();
        if (uid != null) {
            topics.add(uid);
        }
        topics.addAll(topicsExtension(leaf));
        try {
            return new ParsedCredential.Certificate(kind, chain, key, allowed, List.copyOf(topics),
                    X500Name.getInstance(BCStyle.INSTANCE, leaf.getSubjectX500Principal().getEncoded()).toString(),
                    leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(), sha256Hex(leaf.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw refused("file", "error.credential.unreadable");
        }
    }

    private static @Nullable String subjectUid(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        for (RDN rdn : subject.getRDNs(BCStyle.UID)) {
            return rdn.getFirst().getValue().toString();
        }
        return null;
    }

    /** Apple's topics extension: a sequence of topic strings, each followed by a sequence naming its kind. */
    private static List<String> topicsExtension(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(OID_APNS_TOPICS);
        if (value == null) {
            return List.of();
        }
        List<String> topics = new ArrayList<>();
        try {
            ASN1Primitive content = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(value).getOctets());
            if (content instanceof ASN1Sequence sequence) {
                for (ASN1Encodable element : sequence) {
                    if (element instanceof ASN1String topic) {
                        topics.add(topic.getString());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable topics extension adds no topics; the subject UID still counts.
        }
        return topics;
    }

    private static X509Certificate jdkCertificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw refused("file", "error.credential.unreadable");
        }
    }

    private static byte[] encoded(X509CertificateHolder holder) {
        try {
            return holder.getEncoded();
        } catch (IOException e) {
            throw refused("file", "error.credential.unreadable");
        }
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

    // --- Token keys (.p8) -------------------------------------------------------------

    private static @Nullable PrivateKeyInfo pkcs8Der(byte[] file) {
        try {
            return PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(file));
        } catch (Exception e) {
            return null;
        }
    }

    private static ParsedCredential tokenKey(List<?> keys, @Nullable String keyId, @Nullable String teamId) {
        if (blank(keyId) && blank(teamId)) {
            throw refused("file", "error.credential.key-only");
        }
        if (keys.size() > 1) {
            throw refused("file", "error.credential.two-keys");
        }
        Object item = keys.get(0);
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
        String cleanKeyId = clean(keyId);
        String cleanTeamId = clean(teamId);
        if (!APPLE_ID.matcher(cleanKeyId).matches()) {
            throw refused("keyId", "error.credential.key-id");
        }
        if (!APPLE_ID.matcher(cleanTeamId).matches()) {
            throw refused("teamId", "error.credential.team-id");
        }
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
        return new ParsedCredential.TokenKey(key, cleanKeyId, cleanTeamId, sha256Hex(publicKey.getEncoded()));
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

    // --- Small helpers ------------------------------------------------------------------

    private static char[] requirePassphrase(@Nullable String passphrase) {
        if (passphrase == null || passphrase.isEmpty()) {
            throw refused("passphrase", "error.credential.passphrase-missing");
        }
        return passphrase.toCharArray();
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static boolean blank(@Nullable String text) {
        return text == null || text.isBlank();
    }

    private static String clean(@Nullable String text) {
        return text == null ? "" : text.trim();
    }

    private static ValidationException refused(String field, String key, Object... args) {
        return new ValidationException(field, key, args);
    }
}
