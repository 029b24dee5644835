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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The benchmark's APNs on loopback: a Pushy mock that accepts every notification and only
 * counts them (so it costs as little CPU as a mock can), optionally behind a TCP relay that
 * holds every chunk of bytes for half the round trip in each direction, which models the
 * network distance to Apple without blocking the mock's event loop. TLS runs end to end
 * through the relay.
 */
final class BenchApns implements AutoCloseable {

    private final NioEventLoopGroup group = new NioEventLoopGroup(2);
    private final MockApnsServer server;
    private final LongAdder received = new LongAdder();
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
                .setHandlerFactory(session -> (headers, payload) -> received.increment())
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

    long received() {
        return received.sum();
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
