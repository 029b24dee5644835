package dev.pushdeck.dispatch;

import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import dev.pushdeck.app.ApnsEndpoint;
import dev.pushdeck.app.TestCredentials;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
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
    private final Channel relay;
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
            relay = relay(serverPort, roundTrip.toNanos() / 2);
            port = ((InetSocketAddress) relay.localAddress()).getPort();
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
            relay.close().syncUninterruptibly();
        }
        server.shutdown().join();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private Channel relay(int targetPort, long oneWayNanos) throws InterruptedException {
        return new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false).childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel inbound) {
                        connect(inbound, targetPort, oneWayNanos);
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    /** Connects the accepted client to the mock and starts relaying both ways once connected. */
    private static void connect(SocketChannel inbound, int targetPort, long oneWayNanos) {
        new Bootstrap().group(inbound.eventLoop()).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new Delayed(inbound, oneWayNanos))
                .connect("127.0.0.1", targetPort).addListener((ChannelFutureListener) connected -> {
                    if (!connected.isSuccess()) {
                        inbound.close();
                        return;
                    }
                    inbound.pipeline().addLast(new Delayed(connected.channel(), oneWayNanos));
                    inbound.config().setAutoRead(true);
                });
    }

    /** Forwards what it reads to the peer after the delay; same delay, same loop, so order is kept. */
    private static final class Delayed extends ChannelInboundHandlerAdapter {
        private final Channel peer;
        private final long delayNanos;

        Delayed(Channel peer, long delayNanos) {
            this.peer = peer;
            this.delayNanos = delayNanos;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            ctx.executor().schedule(() -> peer.writeAndFlush(message), delayNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            ctx.executor().schedule(() -> peer.close(), delayNanos, TimeUnit.NANOSECONDS);
        }
    }
}
