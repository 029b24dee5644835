package dev.pushdeck.app.internal;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import dev.pushdeck.app.ApnsEndpoint;
import dev.pushdeck.app.ConnectionCheck;
import dev.pushdeck.app.ConnectionCheck.Result;
import dev.pushdeck.app.SigningMaterial;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Tries a credential against an APNs endpoint: opens a Pushy client with it and sends one
 * harmless notification to an all-zero device token, which no device has. Apple then
 * answers about the token (BadDeviceToken and the like) only after TLS and authentication
 * succeeded; an answer about the certificate or token means it was rejected; no answer at
 * all means the host could not be reached. Each call uses its own short-lived client.
 */
public final class ApnsProbe {

    private static final String PROBE_TOKEN = "0".repeat(64);
    private static final String PROBE_PAYLOAD = "{\"aps\":{\"content-available\":1}}";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final long ANSWER_TIMEOUT_SECONDS = 20;
    /** Apple's reasons that mean: this certificate or token is not accepted here. */
    private static final Set<String> CREDENTIAL_REASONS = Set.of("BadCertificate", "BadCertificateEnvironment",
            "InvalidProviderToken", "ExpiredProviderToken", "MissingProviderToken", "Forbidden", "TopicDisallowed",
            "TooManyProviderTokenUpdates");

    private ApnsProbe() {
    }

    public static ConnectionCheck probe(ApnsEndpoint endpoint, SigningMaterial material, String topic) {
        ApnsClient client;
        try {
            client = client(endpoint, material);
        } catch (Exception e) {
            return new ConnectionCheck(Result.REJECTED, "credential.check.client-failed",
                    List.of(endpoint.toString(), describe(e)));
        }
        try {
            PushNotificationResponse<SimpleApnsPushNotification> response = client
                    .sendNotification(new SimpleApnsPushNotification(PROBE_TOKEN, topic, PROBE_PAYLOAD))
                    .get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return interpret(endpoint, response);
        } catch (ExecutionException e) {
            return failure(endpoint, e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            return new ConnectionCheck(Result.UNREACHABLE, "credential.check.unreachable",
                    List.of(endpoint.toString(), "timeout"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ConnectionCheck(Result.UNREACHABLE, "credential.check.unreachable",
                    List.of(endpoint.toString(), "interrupted"));
        } finally {
            client.close();
        }
    }

    private static ApnsClient client(ApnsEndpoint endpoint, SigningMaterial material) throws Exception {
        ApnsClientBuilder builder = new ApnsClientBuilder().setApnsServer(endpoint.host(), endpoint.port())
                .setConnectionTimeout(CONNECT_TIMEOUT).setConcurrentConnections(1);
        if (!endpoint.trustedCertificates().isEmpty()) {
            builder.setTrustedServerCertificateChain(endpoint.trustedCertificates().toArray(X509Certificate[]::new));
        }
        if (material instanceof SigningMaterial.ClientCertificate certificate) {
            builder.setClientCredentials(certificate.certificate(), certificate.privateKey(), null);
        } else if (material instanceof SigningMaterial.SigningKey key) {
            builder.setSigningKey(new ApnsSigningKey(key.keyId(), key.teamId(), key.privateKey()));
        }
        return builder.build();
    }

    private static ConnectionCheck interpret(ApnsEndpoint endpoint,
                                             PushNotificationResponse<SimpleApnsPushNotification> response) {
        String reason = response.getRejectionReason().orElse(null);
        if (response.isAccepted()) {
            return new ConnectionCheck(Result.ACCEPTED, "credential.check.accepted",
                    List.of(endpoint.toString(), "200"));
        }
        if (reason != null && CREDENTIAL_REASONS.contains(reason)) {
            return new ConnectionCheck(Result.REJECTED, "credential.check.rejected",
                    List.of(endpoint.toString(), response.getStatusCode() + " " + reason));
        }
        return new ConnectionCheck(Result.ACCEPTED, "credential.check.accepted",
                List.of(endpoint.toString(), response.getStatusCode() + " " + (reason == null ? "" : reason)));
    }

    private static ConnectionCheck failure(ApnsEndpoint endpoint, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return new ConnectionCheck(Result.REJECTED, "credential.check.tls-failed",
                        List.of(endpoint.toString(), describe(t)));
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof UnresolvedAddressException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return new ConnectionCheck(Result.UNREACHABLE, "credential.check.unreachable",
                        List.of(endpoint.toString(), describe(t)));
            }
        }
        // The server closed the connection during or right after the handshake: it did not accept us.
        return new ConnectionCheck(Result.REJECTED, "credential.check.tls-failed",
                List.of(endpoint.toString(), describe(failure)));
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
