package dev.pushdeck.dispatch;

import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import dev.pushdeck.app.ApnsEndpoint;
import dev.pushdeck.app.TestCredentials;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * The benchmark's APNs on loopback: a Pushy mock that accepts every notification and only
 * counts them (so it costs as little CPU as a mock can), optionally behind a TCP relay that
 * holds every chunk of bytes for half the round trip in each direction, which models the
 * network distance to Apple without blocking the mock's event loop. TLS runs end to end
 * through the relay.
 *
 * <p>It counts per apns-topic: while it is the overridden endpoint every client of the
 * shared context sends here, so a retry of another app's run (a test's leftover, say) may
 * arrive during a measurement and must not be taken for one of the benchmark's.
 */
final class BenchApns implements AutoCloseable {

    private final NioEventLoopGroup group = new NioEventLoopGroup(2);
    private final MockApnsServer server;
    private final Map<String, LongAdder> receivedByTopic = new ConcurrentHashMap<>();
    private final LoopbackRelay relay;
    private final int port;

    /** An accept-all mock; with a positive {@code roundTrip} reached through the delaying relay. */
    BenchApns(Duration roundTrip) throws Exception {
        TestCredentials.Issued certificate = TestCredentials.CA.server();
        server = new MockApnsServerBuilder()
                .setServerCredentials(new X509Certificate[] {certificate.certificate()}, certificate.privateKey(), null)
                .setTrustedClientCertificateChain(new ByteArrayInputStream(
                        TestCredentials.CA.caPem().getBytes(StandardCharsets.US_ASCII)))
                .setEventLoopGroup(group)
                .setHandlerFactory(session -> (headers, payload) -> receivedByTopic
                        .computeIfAbsent(String.valueOf(headers.get("apns-topic")), topic -> new LongAdder())
                        .increment())
                .build();
        int serverPort = server.start(0).get();
        if (roundTrip.isZero()) {
            relay = null;
            port = serverPort;
        } else {
            Duration oneWay = roundTrip.dividedBy(2);
            relay = new LoopbackRelay(group, serverPort, oneWay, oneWay);
            port = relay.port();
        }
    }

    ApnsEndpoint endpoint() {
        return new ApnsEndpoint("localhost", port, List.of(TestCredentials.CA.caCertificate()));
    }

    /** Notifications received for {@code topics}. */
    long received(Collection<String> topics) {
        return received(topics::contains);
    }

    /** Notifications received for any other topic. */
    long receivedOtherThan(Collection<String> topics) {
        return received(topic -> !topics.contains(topic));
    }

    private long received(Predicate<String> topic) {
        return receivedByTopic.entrySet().stream().filter(entry -> topic.test(entry.getKey()))
                .mapToLong(entry -> entry.getValue().sum()).sum();
    }

    @Override
    public void close() {
        if (relay != null) {
            relay.close();
        }
        server.shutdown().join();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
