package dev.pushdeck.app;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Where an APNs client connects and whom it trusts.
 *
 * @param trustedCertificates certificates to trust instead of the JDK's default roots; empty means the default roots
 */
public record ApnsEndpoint(String host, int port, List<X509Certificate> trustedCertificates) {

    public ApnsEndpoint {
        trustedCertificates = List.copyOf(trustedCertificates);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
