package dev.pushdeck.app.internal;

import static dev.pushdeck.app.internal.CredentialChecks.BC;
import static dev.pushdeck.app.internal.CredentialChecks.refused;
import static dev.pushdeck.app.internal.JdkKeys.jdkKey;

import dev.pushdeck.app.CredentialKind;
import dev.pushdeck.shared.error.ValidationException;
import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.EncryptedData;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
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
 * PKCS#12 files (.p12, modern or legacy encryption), walked part by part rather than through
 * a KeyStore, so that every key derivation (MAC, encrypted parts, the key) passes
 * {@link DerivationBudget} before it runs, also those hidden inside encrypted parts.
 * Stateless and thread-safe.
 */
final class Pkcs12Files {

    private Pkcs12Files() {
    }

    static boolean isPkcs12(byte[] file) {
        try {
            Pfx pfx = Pfx.getInstance(ASN1Primitive.fromByteArray(file));
            ASN1ObjectIdentifier type = pfx.getAuthSafe().getContentType();
            return PKCSObjectIdentifiers.data.equals(type) || PKCSObjectIdentifiers.signedData.equals(type);
        } catch (Exception e) {
            return false;
        }
    }

    static ParsedCredential parse(byte[] file, @Nullable String passphrase) {
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
                    certificates.add(ApnsCertificates.jdkCertificate(certificate));
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
        PrivateKey key = jdkKey(key(keys.get(0), password, passphrase, budget));
        return ApnsCertificates.withKey(CredentialKind.P12, certificates, key);
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

    private static PrivateKey key(Object bag, char[] password, @Nullable String passphrase,
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
}
