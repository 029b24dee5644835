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
 * {@code pushdeck.apns.production-host} ({@code host:port}, default Apple's), the broadcast
 * channel management endpoints from {@code pushdeck.apns.broadcast-sandbox-host} and
 * {@code pushdeck.apns.broadcast-production-host} (default Apple's, on ports 2195 and 2196),
 * and {@code pushdeck.apns.trusted-ca} (a PEM file of certificates to trust instead of the
 * default roots; tests and staging point these at a mock server). Used by the connection
 * check here and by the dispatcher. Thread-safe; the CA file is read on each call so a
 * replaced file takes effect without a restart.
 */
@Component
public class ApnsEndpoints {

    private final String sandbox;
    private final String production;
    private final String broadcastSandbox;
    private final String broadcastProduction;
    private final String trustedCa;

    ApnsEndpoints(@Value("${pushdeck.apns.sandbox-host:api.sandbox.push.apple.com:443}") String sandbox,
                  @Value("${pushdeck.apns.production-host:api.push.apple.com:443}") String production,
                  @Value("${pushdeck.apns.broadcast-sandbox-host:api-manage-broadcast.sandbox.push.apple.com:2195}")
                  String broadcastSandbox,
                  @Value("${pushdeck.apns.broadcast-production-host:api-manage-broadcast.push.apple.com:2196}")
                  String broadcastProduction,
                  @Value("${pushdeck.apns.trusted-ca:}") String trustedCa) {
        this.sandbox = sandbox;
        this.production = production;
        this.broadcastSandbox = broadcastSandbox;
        this.broadcastProduction = broadcastProduction;
        this.trustedCa = trustedCa;
    }

    /** Where notifications (to devices, and broadcasts to channels) are sent. */
    public ApnsEndpoint endpoint(ApnsEnvironment environment) {
        return parse(environment == ApnsEnvironment.SANDBOX ? sandbox : production);
    }

    /** Where broadcast channels are created, read, listed and deleted. */
    public ApnsEndpoint broadcastEndpoint(ApnsEnvironment environment) {
        return parse(environment == ApnsEnvironment.SANDBOX ? broadcastSandbox : broadcastProduction);
    }

    private ApnsEndpoint parse(String hostAndPort) {
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
