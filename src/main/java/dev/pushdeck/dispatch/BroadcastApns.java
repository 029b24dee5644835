package dev.pushdeck.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushdeck.app.ApnsEndpoint;
import dev.pushdeck.app.ApnsEndpoints;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.SigningMaterial;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A small HTTP/2 client of the two APNs APIs Pushy 0.15.4 lacks: channel management
 * ({@code /1/apps/<bundle id>/channels} and {@code /all-channels} on the management hosts,
 * {@code pushdeck.apns.broadcast-*-host}) and broadcast sends ({@code POST
 * /4/broadcasts/apps/<bundle id>} on the notification hosts, with {@code apns-channel-id},
 * {@code apns-push-type}, {@code apns-expiration} and {@code apns-priority}), per Apple's
 * "Sending channel management requests to APNs" and "Sending broadcast push notification
 * requests to APNs". The JDK's {@code java.net.http.HttpClient} speaks HTTP/2 over TLS (ALPN);
 * requests are signed with the app's token key ({@link ProviderTokens}), read from the
 * credential the dispatcher uses ({@link ApnsClients#material}). One client per set of trusted
 * certificates, each multiplexing its requests over a connection per host.
 *
 * <p>Answers are Apple's as they came ({@link Answer}); only a request that got no answer (no
 * connection, TLS, timeout) fails, with an {@link IOException} cause. An answer of
 * ExpiredProviderToken retires the token and the request is repeated once with a new one (Apple
 * refused the token, not the request). Demo apps (bundle ids
 * ending in {@code .simulator}) talk to the {@link SimulatorApns}'s broadcast servers. Thread-safe.
 */
@Component
class BroadcastApns {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What Apple answered.
     *
     * @param reason    Apple's reason of a refusal, or null
     * @param channelId the {@code apns-channel-id} of a created channel, or null
     * @param uniqueId  the {@code apns-unique-id} of an accepted broadcast, or null
     * @param body      the JSON body, or null when empty
     */
    record Answer(int status, @Nullable String reason, @Nullable String channelId, @Nullable String requestId,
                  @Nullable UUID uniqueId, @Nullable JsonNode body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** Where an app's broadcast requests go, and the key they are signed with. */
    record Target(String bundleId, SigningMaterial.SigningKey key, ApnsEndpoint management, ApnsEndpoint sends) {
    }

    /** The app's credential in use is a client certificate: broadcasts here are signed with token keys only. */
    static final class CertificateOnlyException extends RuntimeException {
        CertificateOnlyException() {
            super("the credential in use is a certificate", null, false, false);
        }
    }

    private final ApnsClients clients;
    private final ApnsEndpoints endpoints;
    private final ObjectProvider<SimulatorApns> simulator;
    private final ProviderTokens tokens;
    private final Map<List<X509Certificate>, HttpClient> http = new ConcurrentHashMap<>();
    /** Set by tests that run their own broadcast server; null means the configured endpoints. */
    private volatile @Nullable ApnsEndpoint endpointOverride;

    BroadcastApns(ApnsClients clients, ApnsEndpoints endpoints, ObjectProvider<SimulatorApns> simulator,
                  Clock clock) {
        this.clients = clients;
        this.endpoints = endpoints;
        this.simulator = simulator;
        this.tokens = new ProviderTokens(clock);
    }

    /**
     * Where and how an app's requests in {@code environment} go.
     *
     * @throws ApnsClients.NoCredentialException the app has no usable credential for the environment
     * @throws CertificateOnlyException          its credential in use is a certificate
     */
    Target target(UUID tenantId, UUID appId, ApnsEnvironment environment, String bundleId) {
        SigningMaterial material = clients.material(tenantId, appId, environment);
        if (!(material instanceof SigningMaterial.SigningKey key)) {
            throw new CertificateOnlyException();
        }
        ApnsEndpoint override = endpointOverride;
        if (override != null) {
            return new Target(bundleId, key, override, override);
        }
        SimulatorApns simulated = simulator.getIfAvailable();
        if (simulated != null && SimulatorApns.serves(bundleId)) {
            ApnsEndpoint broadcasts = simulated.broadcastEndpoint(environment);
            return new Target(bundleId, key, broadcasts, broadcasts);
        }
        return new Target(bundleId, key, endpoints.broadcastEndpoint(environment), endpoints.endpoint(environment));
    }

    /** Creates a Live Activity channel with message storage policy 0 (none) or 1 (the most recent message). */
    Answer createChannel(Target target, int storagePolicy) throws IOException {
        String body = "{\"message-storage-policy\":" + storagePolicy + ",\"push-type\":\"LiveActivity\"}";
        return manage(target, "/channels", null, "POST", body);
    }

    /** Reads a channel: 200 with its {@code message-storage-policy} and {@code push-type}. */
    Answer readChannel(Target target, String channelId) throws IOException {
        return manage(target, "/channels", channelId, "GET", null);
    }

    /** Every channel of the app in the target's environment: 200 with {@code channels}. */
    Answer listChannels(Target target) throws IOException {
        return manage(target, "/all-channels", null, "GET", null);
    }

    /** Deletes a channel: 204. */
    Answer deleteChannel(Target target, String channelId) throws IOException {
        return manage(target, "/channels", channelId, "DELETE", null);
    }

    /**
     * Broadcasts {@code payload} to the activities subscribed to {@code channelId}; completes with
     * Apple's answer, or exceptionally (an {@link IOException} cause) when none came.
     *
     * @param expiration the apns-expiration: UNIX seconds, or 0 to store nothing
     * @param requestId  sent as apns-request-id, so the answer and Apple's logs name the same request
     */
    CompletableFuture<Answer> broadcast(Target target, String channelId, String payload, int priority,
                                        long expiration, UUID requestId) {
        // Apple refused the token, not the broadcast, so sending it again with a new one cannot show it twice.
        return send(target, channelId, payload, priority, expiration, requestId).thenCompose(answer ->
                "ExpiredProviderToken".equals(answer.reason())
                        ? send(target, channelId, payload, priority, expiration, requestId)
                        : CompletableFuture.completedFuture(answer));
    }

    private CompletableFuture<Answer> send(Target target, String channelId, String payload, int priority,
                                           long expiration, UUID requestId) {
        HttpRequest request = request(target.sends(), "/4/broadcasts/apps/" + target.bundleId(), target.key())
                .header("apns-channel-id", channelId).header("apns-push-type", "liveactivity")
                .header("apns-expiration", Long.toString(expiration)).header("apns-priority", Integer.toString(priority))
                .header("apns-request-id", requestId.toString()).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build();
        return client(target.sends()).sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> read(target, request, response));
    }

    /** Points every app and environment at {@code endpoint} for both APIs (null restores the configured ones). */
    void overrideEndpoint(@Nullable ApnsEndpoint endpoint) {
        this.endpointOverride = endpoint;
    }

    private Answer manage(Target target, String resource, @Nullable String channelId, String method,
                          @Nullable String body)
            throws IOException {
        Answer answer = exchange(target, resource, channelId, method, body);
        return "ExpiredProviderToken".equals(answer.reason()) ? exchange(target, resource, channelId, method, body)
                : answer;
    }

    private Answer exchange(Target target, String resource, @Nullable String channelId, String method,
                            @Nullable String body)
            throws IOException {
        HttpRequest.Builder builder = request(target.management(), "/1/apps/" + target.bundleId() + resource,
                target.key()).header("apns-request-id", UUID.randomUUID().toString());
        if (channelId != null) {
            builder.header("apns-channel-id", channelId);
        }
        if (body != null) {
            builder.header("content-type", "application/json");
        }
        HttpRequest request = builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return read(target, request, client(target.management()).send(request,
                    HttpResponse.BodyHandlers.ofString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for APNs", e);
        }
    }

    private HttpRequest.Builder request(ApnsEndpoint endpoint, String path, SigningMaterial.SigningKey key) {
        return HttpRequest.newBuilder(URI.create("https://" + endpoint.host() + ":" + endpoint.port() + path))
                .timeout(REQUEST_TIMEOUT).header("authorization", "bearer " + tokens.token(key));
    }

    private Answer read(Target target, HttpRequest request, HttpResponse<String> response) {
        JsonNode body = null;
        if (!response.body().isBlank()) {
            try {
                body = JSON.readTree(response.body());
            } catch (IOException e) {
                body = null;
            }
        }
        String reason = body == null || !body.path("reason").isTextual() ? null : body.get("reason").asText();
        if ("ExpiredProviderToken".equals(reason)) {
            request.headers().firstValue("authorization")
                    .ifPresent(sent -> tokens.expired(target.key(), sent.substring("bearer ".length())));
        }
        String unique = response.headers().firstValue("apns-unique-id").orElse(null);
        return new Answer(response.statusCode(), reason, response.headers().firstValue("apns-channel-id").orElse(null),
                response.headers().firstValue("apns-request-id").orElse(null), uuid(unique), body);
    }

    private HttpClient client(ApnsEndpoint endpoint) {
        return http.computeIfAbsent(endpoint.trustedCertificates(), trusted -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2).connectTimeout(Duration.ofSeconds(10))
                .sslContext(sslContext(trusted)).build());
    }

    /** The JDK's roots, or only the given certificates (pushdeck.apns.trusted-ca, a mock's own). */
    private static SSLContext sslContext(List<X509Certificate> trusted) {
        try {
            if (trusted.isEmpty()) {
                return SSLContext.getDefault();
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < trusted.size(); i++) {
                store.setCertificateEntry("trusted-" + i, trusted.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS for the broadcast client", e);
        }
    }

    private static @Nullable UUID uuid(@Nullable String text) {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
