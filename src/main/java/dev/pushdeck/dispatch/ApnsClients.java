package dev.pushdeck.dispatch;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.ApnsClientMetricsListener;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.metrics.micrometer.MicrometerApnsClientMetricsListener;
import dev.pushdeck.app.ApnsEndpoint;
import dev.pushdeck.app.ApnsEndpoints;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.SigningMaterial;
import dev.pushdeck.app.sending.SendingCredentials;
import dev.pushdeck.dispatch.internal.RunRepository.SendableRun;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.netty.channel.nio.NioEventLoopGroup;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Long-lived Pushy clients, one per (credential, environment, endpoint), sharing one event
 * loop. The credential an app currently sends with is read (and decrypted) at most every
 * {@code material-ttl}; when it changes (a credential was replaced) the new one gets a new
 * client and the old client is closed once idle. A client can be retired (closed at once
 * and replaced by a fresh one on next use): to give back notifications parked in a client
 * that cannot connect, or to recycle its connections. Each pooled client counts its open
 * connections, so the dispatcher can tell an unreachable endpoint from a busy one.
 * Thread-safe.
 */
@Component
class ApnsClients implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApnsClients.class);

    /** No usable credential for an app's environment. */
    static final class NoCredentialException extends RuntimeException {
        NoCredentialException(String reason) {
            super(reason, null, false, false);
        }
    }

    private record MaterialKey(UUID tenantId, UUID appId, ApnsEnvironment environment) {
    }

    private record Material(SigningMaterial material, long readAt) {
    }

    /** Which client: one per credential, environment and endpoint. */
    record ClientKey(UUID credentialId, ApnsEnvironment environment, String endpoint) {
    }

    /** A pooled Pushy client and what the dispatcher needs to know about it. */
    static final class Pooled {
        final ClientKey key;
        final ApnsClient client;
        /** Whether it authenticates with a TLS client certificate (else with a token key). */
        final boolean certificate;
        /** The tags of the client's meters, removed with it. */
        final Tags tags;
        final AtomicInteger connections;
        volatile long lastUsed = System.nanoTime();
        /** Set before the dispatcher closes it on purpose: what fails after that was never written to Apple. */
        volatile boolean retired;

        Pooled(ClientKey key, ApnsClient client, boolean certificate, Tags tags, AtomicInteger connections) {
            this.key = key;
            this.client = client;
            this.certificate = certificate;
            this.tags = tags;
            this.connections = connections;
        }

        /** Open HTTP/2 connections to APNs right now. */
        int openConnections() {
            return connections.get();
        }
    }

    private final SendingCredentials credentials;
    private final ApnsEndpoints endpoints;
    private final ObjectProvider<SimulatorApns> simulator;
    private final MeterRegistry registry;
    private final DispatchSettings settings;
    private final NioEventLoopGroup eventLoop;
    private final Map<MaterialKey, Material> materials = new ConcurrentHashMap<>();
    private final Map<ClientKey, Pooled> clients = new ConcurrentHashMap<>();
    /** Set by tests that run their own mock APNs; null means the configured endpoints. */
    private volatile @Nullable ApnsEndpoint endpointOverride;

    ApnsClients(SendingCredentials credentials, ApnsEndpoints endpoints, ObjectProvider<SimulatorApns> simulator,
                MeterRegistry registry, DispatchSettings settings) {
        this.credentials = credentials;
        this.endpoints = endpoints;
        this.simulator = simulator;
        this.registry = registry;
        this.settings = settings;
        this.eventLoop = new NioEventLoopGroup(settings.eventLoopThreads);
    }

    /**
     * The client to send a run's notifications with.
     *
     * @throws NoCredentialException the app has no credential for the environment, or it cannot be used
     */
    Pooled clientFor(SendableRun run) {
        ApnsEnvironment environment = run.environment();
        SigningMaterial material = material(run.tenantId(), run.appId(), environment);
        ApnsEndpoint endpoint = endpoint(run.topic(), environment);
        Pooled pooled = clients.computeIfAbsent(new ClientKey(material.credentialId(), environment,
                endpoint.toString()), key -> pooled(key, material, endpoint, environment));
        pooled.lastUsed = System.nanoTime();
        return pooled;
    }

    /**
     * Closes {@code pooled} at once (what is queued in it fails, and was never written to
     * Apple; streams in progress are given Pushy's graceful shutdown) and lets the next
     * {@link #clientFor} build a fresh client for its key.
     */
    void retire(Pooled pooled) {
        pooled.retired = true;
        // Closed (and its meters removed) before it leaves the pool, so the fresh client that
        // replaces it registers meters of its own.
        closeClient(pooled);
        if (clients.remove(pooled.key, pooled)) {
            log.info("Retired the APNs client for credential {} ({})", pooled.key.credentialId(),
                    pooled.key.environment().wire());
        }
    }

    /** Forgets cached material so the next send reads the app's current credential. */
    void forget(UUID tenantId, UUID appId, ApnsEnvironment environment) {
        materials.remove(new MaterialKey(tenantId, appId, environment));
    }

    /** Closes clients unused for {@code client-idle} (also the ones of replaced credentials). */
    void closeIdle() {
        long idleNanos = settings.clientIdle.toNanos();
        clients.entrySet().removeIf(entry -> {
            boolean idle = System.nanoTime() - entry.getValue().lastUsed > idleNanos;
            if (idle) {
                closeClient(entry.getValue());
            }
            return idle;
        });
    }

    /** Points every environment at {@code endpoint} (null restores the configured ones). For tests. */
    void overrideEndpoint(@Nullable ApnsEndpoint endpoint) {
        this.endpointOverride = endpoint;
    }

    @Override
    public void close() {
        clients.values().forEach(this::closeClient);
        clients.clear();
        eventLoop.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS);
    }

    private ApnsEndpoint endpoint(String topic, ApnsEnvironment environment) {
        ApnsEndpoint override = endpointOverride;
        if (override != null) {
            return override;
        }
        SimulatorApns simulated = simulator.getIfAvailable();
        if (simulated != null && SimulatorApns.serves(topic)) {
            return simulated.endpoint(environment);
        }
        return endpoints.endpoint(environment);
    }

    /**
     * The credential an app currently sends with in {@code environment}, decrypted at most every
     * {@code material-ttl} (the broadcast client signs with it too).
     *
     * @throws NoCredentialException the app has no credential for the environment, or it cannot be read
     */
    SigningMaterial material(UUID tenantId, UUID appId, ApnsEnvironment environment) {
        MaterialKey key = new MaterialKey(tenantId, appId, environment);
        Material cached = materials.get(key);
        if (cached != null && System.nanoTime() - cached.readAt() < settings.materialTtl.toNanos()) {
            return cached.material();
        }
        Optional<SigningMaterial> current;
        try {
            current = credentials.signingMaterial(tenantId, appId, environment);
        } catch (IllegalStateException e) {
            throw new NoCredentialException("CredentialUnreadable");
        }
        SigningMaterial material = current.orElseThrow(() -> new NoCredentialException("NoCredential"));
        materials.put(key, new Material(material, System.nanoTime()));
        return material;
    }

    private Pooled pooled(ClientKey key, SigningMaterial material, ApnsEndpoint endpoint,
                          ApnsEnvironment environment) {
        // One set of tags per pooled client: Pushy registers gauges per listener, and two
        // clients with the same tags would leave the second one's connection gauge unregistered.
        Tags tags = Tags.of("environment", environment.wire(), "credential", material.credentialId().toString(),
                "endpoint", endpoint.host() + ":" + endpoint.port());
        AtomicInteger connections = new AtomicInteger();
        return new Pooled(key, build(material, endpoint, environment, tags, connections),
                material instanceof SigningMaterial.ClientCertificate, tags, connections);
    }

    /** Closes a client and removes its meters, so a later client with the same tags registers its own. */
    private void closeClient(Pooled pooled) {
        pooled.client.close();
        List<Tag> own = pooled.tags.stream().toList();
        registry.getMeters().stream().filter(meter -> meter.getId().getTags().containsAll(own))
                .forEach(registry::remove);
    }

    private ApnsClient build(SigningMaterial material, ApnsEndpoint endpoint, ApnsEnvironment environment,
                             Tags tags, AtomicInteger connections) {
        String[] tagPairs = tags.stream().flatMap(tag -> Stream.of(tag.getKey(), tag.getValue()))
                .toArray(String[]::new);
        // A connection that stops answering is noticed after the idle-ping interval and half
        // of it again (Pushy's ping timeout); the lease is longer, and renewed while waiting.
        ApnsClientBuilder builder = new ApnsClientBuilder().setApnsServer(endpoint.host(), endpoint.port())
                .setEventLoopGroup(eventLoop).setConcurrentConnections(settings.connections)
                .setConnectionTimeout(Duration.ofSeconds(10)).setIdlePingInterval(settings.idlePing)
                .setMetricsListener(new ConnectionCounting(new MicrometerApnsClientMetricsListener(registry, tagPairs),
                        connections));
        if (!endpoint.trustedCertificates().isEmpty()) {
            builder.setTrustedServerCertificateChain(endpoint.trustedCertificates().toArray(X509Certificate[]::new));
        }
        try {
            if (material instanceof SigningMaterial.ClientCertificate certificate) {
                builder.setClientCredentials(certificate.certificate(), certificate.privateKey(), null);
            } else if (material instanceof SigningMaterial.SigningKey key) {
                builder.setSigningKey(new ApnsSigningKey(key.keyId(), key.teamId(), key.privateKey()));
            }
            ApnsClient client = builder.build();
            log.info("APNs client for credential {} ({}) at {}", material.credentialId(), environment.wire(), endpoint);
            return client;
        } catch (SSLException | GeneralSecurityException e) {
            log.warn("Cannot build an APNs client for credential {}: {}", material.credentialId(), e.toString());
            throw new NoCredentialException("CredentialUnusable");
        }
    }

    /** Passes Pushy's metrics on and counts the client's open connections. */
    private record ConnectionCounting(ApnsClientMetricsListener meters, AtomicInteger open)
            implements ApnsClientMetricsListener {

        @Override
        public void handleWriteFailure(ApnsClient client, long notificationId) {
            meters.handleWriteFailure(client, notificationId);
        }

        @Override
        public void handleNotificationSent(ApnsClient client, long notificationId) {
            meters.handleNotificationSent(client, notificationId);
        }

        @Override
        public void handleNotificationAccepted(ApnsClient client, long notificationId) {
            meters.handleNotificationAccepted(client, notificationId);
        }

        @Override
        public void handleNotificationRejected(ApnsClient client, long notificationId) {
            meters.handleNotificationRejected(client, notificationId);
        }

        @Override
        public void handleConnectionAdded(ApnsClient client) {
            open.incrementAndGet();
            meters.handleConnectionAdded(client);
        }

        @Override
        public void handleConnectionRemoved(ApnsClient client) {
            open.decrementAndGet();
            meters.handleConnectionRemoved(client);
        }

        @Override
        public void handleConnectionCreationFailed(ApnsClient client) {
            meters.handleConnectionCreationFailed(client);
        }
    }
}
