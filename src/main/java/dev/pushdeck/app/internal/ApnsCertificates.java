package dev.pushdeck.app.internal;

import static dev.pushdeck.app.internal.CredentialChecks.matches;
import static dev.pushdeck.app.internal.CredentialChecks.refused;
import static dev.pushdeck.app.internal.CredentialChecks.sha256Hex;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.CredentialKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;
import org.jspecify.annotations.Nullable;

/**
 * What makes a certificate an APNs client certificate, whichever file it came in: the one
 * that matches the key, Apple's environment extensions (and not a Wallet pass), and the
 * topics it may send to. Stateless and thread-safe.
 */
final class ApnsCertificates {

    /** Apple: APNs development (sandbox) client certificate. */
    static final String OID_APNS_DEVELOPMENT = "1.2.840.113635.100.6.3.1";
    /** Apple: APNs production client certificate. */
    static final String OID_APNS_PRODUCTION = "1.2.840.113635.100.6.3.2";
    /** Apple: topics the certificate may send to. */
    static final String OID_APNS_TOPICS = "1.2.840.113635.100.6.3.6";
    /** Apple: Pass Type ID certificate (Wallet passes), which also carries the production OID. */
    static final String OID_PASS_TYPE_ID = "1.2.840.113635.100.6.1.16";

    private ApnsCertificates() {
    }

    /**
     * The certificate credential of a file that held {@code key} and {@code certificates}: the
     * certificate matching the key leads the chain, the others follow in file order.
     */
    static ParsedCredential.Certificate withKey(CredentialKind kind, List<X509Certificate> certificates,
                                                PrivateKey key) {
        X509Certificate leaf = certificates.stream().filter(c -> matches(key, c.getPublicKey())).findFirst()
                .orElseThrow(() -> refused("file", "error.credential.key-mismatch"));
        List<X509Certificate> chain = new ArrayList<>(List.of(leaf));
        certificates.stream().filter(c -> c != leaf).forEach(chain::add);
        return certificateCredential(kind, chain, key);
    }

    /** A certificate as the JDK's own object. */
    static X509Certificate jdkCertificate(X509CertificateHolder holder) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
        } catch (IOException | CertificateException e) {
            throw refused("file", "error.credential.unreadable");
        }
    }

    private static ParsedCredential.Certificate certificateCredential(CredentialKind kind,
                                                                      List<X509Certificate> chain, PrivateKey key) {
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
}
