package dev.pushdeck.app;

import static dev.pushdeck.app.TestCredentials.CA;
import static dev.pushdeck.app.TestCredentials.PASSPHRASE;
import static dev.pushdeck.app.TestCredentials.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pushdeck.app.TestCredentials.Issued;
import dev.pushdeck.app.TestCredentials.Spec;
import dev.pushdeck.app.internal.CredentialParser;
import dev.pushdeck.app.internal.ParsedCredential;
import dev.pushdeck.shared.error.ValidationException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.misc.ScryptParams;
import org.bouncycastle.asn1.pkcs.AuthenticatedSafe;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.MacData;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.SafeBag;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.junit.jupiter.api.Test;

/**
 * Files that ask for absurd key-derivation work are refused for that reason, before the
 * work is done. The files are real: made by the usual tools with ordinary settings, then
 * given the huge counts an attacker would write, so a refusal for any other reason (or a
 * derivation that actually ran) fails the test instead of hanging it for minutes.
 */
class CredentialCostTest {

    private static final Issued APNS = CA.issue(Spec.apns("com.example.cost"));
    private static final int HUGE = Integer.MAX_VALUE;

    @Test
    void aPkcs12WhoseMacAsksForTwoBillionIterationsIsRefusedNamingBothFigures() {
        ValidationException refused = refused(p12WithMacIterations(HUGE), PASSPHRASE,
                "error.credential.kdf.iterations");

        assertThat(refused.errors().get(0).field()).isEqualTo("file");
        assertThat(refused.message(Locale.ENGLISH))
                .contains("asks for 2,147,483,647 iterations").contains("at most 600,000 are allowed");
        assertThat(refused.message(Locale.SIMPLIFIED_CHINESE)).contains("2,147,483,647").contains("600,000");
    }

    @Test
    void aPkcs12WithAValidMacAndAKeyAskingForHugePbkdf2CountsIsRefusedBeforeTheKeyIsDecrypted() {
        PKCS8EncryptedPrivateKeyInfo expensiveKey = withIterations(encryptedKey(), HUGE);
        byte[] file = pkcs12(expensiveKey);

        refused(file, PASSPHRASE, "error.credential.kdf.iterations");
    }

    @Test
    void aPemKeyAskingForHugePbkdf2CountsIsRefusedBeforeThePassphraseIsTried() {
        String file = pem(APNS.certificate()) + pem(withIterations(encryptedKey(), HUGE));

        refused(bytes(file), "any passphrase", "error.credential.kdf.iterations");
    }

    @Test
    void aPemKeyAskingForAGigabyteOfScryptMemoryIsRefusedNamingItsParameters() {
        String file = pem(APNS.certificate()) + pem(withScrypt(encryptedKey(), 1 << 20, 8, 1));

        ValidationException refused = refused(bytes(file), PASSPHRASE, "error.credential.kdf.scrypt");

        assertThat(refused.message(Locale.ENGLISH)).contains("N=1,048,576, r=8, p=1").contains("262,144");
    }

    @Test
    void aPkcs12WithMoreEncryptedPartsThanACredentialNeedsIsRefused() {
        Pfx ordinary = Pfx.getInstance(TestCredentials.p12Modern(APNS, PASSPHRASE));
        ContentInfo[] contents = AuthenticatedSafe.getInstance(
                ASN1OctetString.getInstance(ordinary.getAuthSafe().getContent()).getOctets()).getContentInfo();
        List<ContentInfo> many = new ArrayList<>();
        for (ContentInfo content : contents) {
            for (int copy = 0; copy < (PKCSObjectIdentifiers.encryptedData.equals(content.getContentType()) ? 9 : 1);
                 copy++) {
                many.add(content);
            }
        }
        ContentInfo authSafe = new ContentInfo(PKCSObjectIdentifiers.data, new DEROctetString(
                encoded(new AuthenticatedSafe(many.toArray(ContentInfo[]::new)))));
        byte[] file = encoded(new Pfx(authSafe, ordinary.getMacData()));

        refused(file, PASSPHRASE, "error.credential.kdf.too-many");
    }

    @Test
    void ordinaryCountsStillPass() {
        assertThat(((ParsedCredential.Certificate) CredentialParser.parse(pkcs12(withIterations(encryptedKey(), 2048)),
                PASSPHRASE, null, null)).chain()).first().isEqualTo(APNS.certificate());
    }

    // --- Files --------------------------------------------------------------------------

    /** An ordinary modern .p12 whose MAC then claims {@code iterations}. */
    static byte[] p12WithMacIterations(int iterations) {
        Pfx ordinary = Pfx.getInstance(TestCredentials.p12Modern(APNS, PASSPHRASE));
        MacData mac = ordinary.getMacData();
        return encoded(new Pfx(ordinary.getAuthSafe(), new MacData(mac.getMac(), mac.getSalt(), iterations)));
    }

    /** The key as OpenSSL 3 encrypts it: PBES2, PBKDF2 with HMAC-SHA-256, AES-256-CBC. */
    private static PKCS8EncryptedPrivateKeyInfo encryptedKey() {
        try (PEMParser parser = new PEMParser(new StringReader(TestCredentials.encryptedPkcs8(APNS.privateKey(),
                PASSPHRASE)))) {
            return (PKCS8EncryptedPrivateKeyInfo) parser.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PKCS8EncryptedPrivateKeyInfo withIterations(PKCS8EncryptedPrivateKeyInfo key, int iterations) {
        PBES2Parameters pbes2 = PBES2Parameters.getInstance(key.getEncryptionAlgorithm().getParameters());
        PBKDF2Params pbkdf2 = PBKDF2Params.getInstance(pbes2.getKeyDerivationFunc().getParameters());
        PBKDF2Params expensive = new PBKDF2Params(pbkdf2.getSalt(), iterations, pbkdf2.getPrf());
        return withKdf(key, pbes2, new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2, expensive));
    }

    private static PKCS8EncryptedPrivateKeyInfo withScrypt(PKCS8EncryptedPrivateKeyInfo key, int n, int r, int p) {
        PBES2Parameters pbes2 = PBES2Parameters.getInstance(key.getEncryptionAlgorithm().getParameters());
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return withKdf(key, pbes2, new KeyDerivationFunc(new ASN1ObjectIdentifier("1.3.6.1.4.1.11591.4.11"),
                new ScryptParams(salt, n, r, p, 32)));
    }

    private static PKCS8EncryptedPrivateKeyInfo withKdf(PKCS8EncryptedPrivateKeyInfo key, PBES2Parameters pbes2,
                                                        KeyDerivationFunc kdf) {
        AlgorithmIdentifier algorithm = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2,
                new PBES2Parameters(kdf, pbes2.getEncryptionScheme()));
        return new PKCS8EncryptedPrivateKeyInfo(new EncryptedPrivateKeyInfo(algorithm, key.getEncryptedData()));
    }

    /** A PKCS#12 with the certificate and the given key bag, and a valid MAC as any tool writes it. */
    private static byte[] pkcs12(PKCS8EncryptedPrivateKeyInfo key) {
        try {
            PKCS12SafeBag certificate = new JcaPKCS12SafeBagBuilder(APNS.certificate()).build();
            PKCS12SafeBag keyBag = new PKCS12SafeBag(new SafeBag(PKCSObjectIdentifiers.pkcs8ShroudedKeyBag,
                    key.toASN1Structure()));
            return new PKCS12PfxPduBuilder().addData(certificate).addData(keyBag)
                    .build(new BcPKCS12MacCalculatorBuilder(), PASSPHRASE.toCharArray()).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static byte[] encoded(ASN1Encodable structure) {
        try {
            return structure.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ValidationException refused(byte[] file, String passphrase, String key) {
        ValidationException refused = catchThrowableOfType(() -> CredentialParser.parse(file, passphrase, null, null),
                ValidationException.class);
        assertThat(refused).as("expected refusal " + key).isNotNull();
        assertThat(refused.messageKey()).isEqualTo(key);
        return refused;
    }
}
