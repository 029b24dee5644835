package dev.pushdeck.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The APNs endpoints per environment, from {@code pushdeck.apns.sandbox-host} and
 * {@code pushdeck.apns.production-host} ({@code host:port}, default Apple's) and
 * {@code pushdeck.apns.trusted-ca} (a PEM file of certificates to trust instead of the
 * default roots; tests and staging point these at a mock server). Used by the connection
 * check here and by the dispatcher. Thread-safe; the CA file is read on each call so a
 * replaced file takes effect without a restart.
 */
@Component
public class ApnsEndpoints {

    private final String sandbox;
    private final String production;
    private final String trustedCa;

    ApnsEndpoints(@Value("${pushdeck.apns.sandbox-host:api.sandbox.push.apple.com:443}") String sandbox,
                  @Value("${pushdeck.apns.production-host:api.push.apple.com:443}") String production,
                  @Value("${pushdeck.apns.trusted-ca:}") String trustedCa) {
        this.sandbox = sandbox;
        this.production = production;
        this.trustedCa = trustedCa;
    }

    public ApnsEndpoint endpoint(ApnsEnvironment environment) {
        String hostAndPort = environment == ApnsEnvironment.SANDBOX ? sandbox : production;
        int colon = hostAndPort.lastIndexOf(':');
        String host = colon < 0 ? hostAndPort.trim() : hostAndPort.substring(0, colon).trim();
        int port = colon < 0 ? 443 : Integer.parseInt(hostAndPort.substring(colon + 1).trim());
        return new ApnsEndpoint(host, port, trustedCertificates());
    }

    private List<X509Certificate> trustedCertificates() {
        if (trustedCa == null || trustedCa.isBlank()) {
            return List.of();
        }
        try (InputStream in = Files.newInputStream(Path.of(trustedCa.trim()))) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read pushdeck.apns.trusted-ca " + trustedCa, e);
        } catch (CertificateException e) {
            throw new IllegalStateException("pushdeck.apns.trusted-ca " + trustedCa + " holds no PEM certificates", e);
        }
    }
}
