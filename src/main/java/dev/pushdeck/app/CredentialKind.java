package dev.pushdeck.app;

/** The form a credential was uploaded in. */
public enum CredentialKind {
    /** PKCS#12 with certificate and key, protected by a passphrase. */
    P12,
    /** One PEM file with certificate and (possibly encrypted) key. */
    PEM,
    /** A token signing key (PKCS#8 EC P-256) with its Key ID and Team ID. */
    P8;

    public boolean isCertificate() {
        return this != P8;
    }
}
