package dev.pushdeck.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Generates, at test time, every credential file the upload must accept or refuse: a test
 * CA, APNs client certificates carrying Apple's extensions and UID, PKCS#12 files in modern
 * and legacy encryption, PEM combinations, and token keys of every wrong kind. No binary
 * fixtures: everything here is made from scratch with BouncyCastle.
 */
public final class TestCredentials {

    public static final String PASSPHRASE = "s3cret-Passphrase-for-tests";
    public static final String KEY_ID = "ABC123DEFG";
    public static final String TEAM_ID = "TEAM456XYZ";

    private static final Provider BC = new BouncyCastleProvider();
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static final String DEV = "1.2.840.113635.100.6.3.1";
    private static final String PROD = "1.2.840.113635.100.6.3.2";
    private static final String TOPICS = "1.2.840.113635.100.6.3.6";
    private static final String PASS_TYPE = "1.2.840.113635.100.6.1.16";

    /** One CA per test run (RSA key generation is slow enough to share). */
    public static final TestCredentials CA = new TestCredentials();

    /** A CA nobody trusts: what a certificate from elsewhere (or a revoked one) looks like to the mock APNs. */
    public static TestCredentials untrustedCa() {
        return new TestCredentials();
    }

    private final KeyPair caKeys;
    private final X509Certificate caCertificate;

    private TestCredentials() {
        caKeys = rsa();
        caCertificate = certificate(new X500Name("CN=Pushdeck Test CA,O=Pushdeck Tests"), caKeys, caKeys,
                new X500Name("CN=Pushdeck Test CA,O=Pushdeck Tests"), Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(3650)), true, List.of(), null);
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    public String caPem() {
        return pem(caCertificate);
    }

    /** A certificate with its key pair. */
    public record Issued(X509Certificate certificate, KeyPair keys) {

        public PrivateKey privateKey() {
            return keys.getPrivate();
        }
    }

    /** What kind of certificate to issue. */
    public record Spec(String uid, boolean development, boolean production, List<String> topics, boolean passType,
                       Instant notBefore, Instant notAfter) {

        public static Spec apns(String bundleId) {
            return new Spec(bundleId, true, true, List.of(bundleId, bundleId + ".voip"), false,
                    Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365)));
        }

        public Spec developmentOnly() {
            return new Spec(uid, true, false, topics, passType, notBefore, notAfter);
        }

        public Spec productionOnly() {
            return new Spec(uid, false, true, topics, passType, notBefore, notAfter);
        }

        public Spec withoutApnsExtensions() {
            return new Spec(uid, false, false, List.of(), passType, notBefore, notAfter);
        }

        public Spec passTypeId() {
            return new Spec("pass." + uid, false, true, List.of(), true, notBefore, notAfter);
        }

        public Spec valid(Instant from, Instant until) {
            return new Spec(uid, development, production, topics, passType, from, until);
        }
    }

    public Issued issue(Spec spec) {
        KeyPair keys = rsa();
        X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.UID, spec.uid())
                .addRDN(BCStyle.CN, "Apple Push Services: " + spec.uid()).addRDN(BCStyle.OU, TEAM_ID)
                .addRDN(BCStyle.O, "Pushdeck Tests").addRDN(BCStyle.C, "US");
        List<Object[]> extensions = new ArrayList<>();
        if (spec.development()) {
            extensions.add(new Object[] {DEV, DERNull.INSTANCE});
        }
        if (spec.production()) {
            extensions.add(new Object[] {PROD, DERNull.INSTANCE});
        }
        if (spec.passType()) {
            extensions.add(new Object[] {PASS_TYPE, DERNull.INSTANCE});
        }
        if (!spec.topics().isEmpty()) {
            List<ASN1Encodable> items = new ArrayList<>();
            for (String topic : spec.topics()) {
                items.add(new DERUTF8String(topic));
                items.add(new DERSequence(new DERUTF8String(topic.endsWith(".voip") ? "voip" : "app")));
            }
            extensions.add(new Object[] {TOPICS, new DERSequence(items.toArray(ASN1Encodable[]::new))});
        }
        return new Issued(certificate(subject.build(), keys, caKeys, caName(), spec.notBefore(), spec.notAfter(), false,
                extensions, null), keys);
    }

    /** A TLS server certificate for a mock APNs server on loopback. */
    public Issued server() {
        KeyPair keys = rsa();
        GeneralNames names = new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")});
        return new Issued(certificate(new X500Name("CN=localhost"), keys, caKeys, caName(),
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)), false, List.of(),
                names), keys);
    }

    // --- PKCS#12 ------------------------------------------------------------------

    /** As current OpenSSL and the JDK write it: PBES2 with AES-256, HMAC-SHA-256. */
    public static byte[] p12Modern(Issued issued, String passphrase) {
        return p12("PKCS12", null, passphrase, List.of(issued));
    }

    /** As older Keychain/OpenSSL exports: key in 3DES, certificates in RC2-40. */
    public static byte[] p12Legacy(Issued issued, String passphrase) {
        return p12("PKCS12-3DES-40RC2", BC, passphrase, List.of(issued));
    }

    public static byte[] p12TwoKeys(Issued first, Issued second, String passphrase) {
        return p12("PKCS12", null, passphrase, List.of(first, second));
    }

    public static byte[] p12CertificateOnly(X509Certificate certificate, String passphrase) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("cert", certificate);
            return store(store, passphrase);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] p12Mismatched(Issued certificateOwner, PrivateKey otherKey, String passphrase) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("apns", otherKey, passphrase.toCharArray(),
                    new java.security.cert.Certificate[] {certificateOwner.certificate()});
            return store(store, passphrase);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] p12(String type, Provider provider, String passphrase, List<Issued> entries) {
        try {
            KeyStore store = provider == null ? KeyStore.getInstance(type) : KeyStore.getInstance(type, provider);
            store.load(null, null);
            int i = 0;
            for (Issued issued : entries) {
                store.setKeyEntry("apns" + i++, issued.privateKey(), passphrase.toCharArray(),
                        new java.security.cert.Certificate[] {issued.certificate(), CA.caCertificate});
            }
            return store(store, passphrase);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] store(KeyStore store, String passphrase) throws GeneralSecurityException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, passphrase.toCharArray());
        return out.toByteArray();
    }

    // --- PEM ------------------------------------------------------------------------

    public static String pem(Object... objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                if (object instanceof String raw) {
                    writer.flush();
                    text.write(raw);
                } else {
                    writer.writeObject(object instanceof PrivateKey key ? new JcaPKCS8Generator(key, null)
                            : new JcaMiscPEMGenerator(object));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** "BEGIN RSA PRIVATE KEY" / "BEGIN EC PRIVATE KEY": OpenSSL's traditional form. */
    public static String traditionalKey(PrivateKey key, String passphrase) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(passphrase == null ? new JcaMiscPEMGenerator(key)
                    : new JcaMiscPEMGenerator(key, new JcePEMEncryptorBuilder("DES-EDE3-CBC").setProvider(BC)
                            .build(passphrase.toCharArray())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** "BEGIN ENCRYPTED PRIVATE KEY": PKCS#8 with PBES2/AES-256, as OpenSSL 3 writes it. */
    public static String encryptedPkcs8(PrivateKey key, String passphrase) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(key, new JceOpenSSLPKCS8EncryptorBuilder(
                    PKCS8Generator.AES_256_CBC).setProvider(BC).setPassword(passphrase.toCharArray()).build()));
        } catch (IOException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
        return text.toString();
    }

    /** What {@code openssl pkcs12 -nokeys/-nocerts} prints before each block. */
    public static String bagAttributes() {
        return "Bag Attributes\n    friendlyName: Apple Push Services: test\n    localKeyId: 01 02 03 04\n"
                + "subject=UID = test, CN = Apple Push Services: test\n";
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    // --- Keys ----------------------------------------------------------------------

    public static KeyPair rsa() {
        return generate("RSA", null);
    }

    public static KeyPair ec(String curve) {
        return generate("EC", new ECGenParameterSpec(curve));
    }

    private static KeyPair generate(String algorithm, ECGenParameterSpec spec) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (spec != null) {
                generator.initialize(spec);
            } else {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** A real PNG image, as if someone renamed a screenshot to .p12. */
    public static byte[] png() {
        try {
            java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(8, 8,
                    java.awt.image.BufferedImage.TYPE_INT_RGB);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            javax.imageio.ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- Certificates -------------------------------------------------------------

    private X500Name caName() {
        return new X500Name("CN=Pushdeck Test CA,O=Pushdeck Tests");
    }

    private static X509Certificate certificate(X500Name subject, KeyPair subjectKeys, KeyPair issuerKeys,
                                               X500Name issuer, Instant notBefore, Instant notAfter, boolean ca,
                                               List<Object[]> appleExtensions, GeneralNames altNames) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter), subject,
                    subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (!ca) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth}));
            }
            if (altNames != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, altNames);
            }
            for (Object[] extension : appleExtensions) {
                builder.addExtension(new ASN1ObjectIdentifier((String) extension[0]), false,
                        (ASN1Encodable) extension[1]);
            }
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
