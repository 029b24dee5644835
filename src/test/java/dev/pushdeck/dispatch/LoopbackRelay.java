package dev.pushdeck.dispatch;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on loopback in front of a mock APNs that holds every chunk of bytes for a
 * delay in each direction, without blocking the mock's event loop (TLS runs end to end
 * through it). The delays may change while connections are open; a delay that only grows
 * keeps the bytes in order.
 */
final class LoopbackRelay implements AutoCloseable {

    private final Channel server;
    private final AtomicLong toTargetNanos;
    private final AtomicLong toClientNanos;

    /** Relays to {@code targetPort} with the given one-way delays. */
    LoopbackRelay(EventLoopGroup group, int targetPort, Duration toTarget, Duration toClient)
            throws InterruptedException {
        this.toTargetNanos = new AtomicLong(toTarget.toNanos());
        this.toClientNanos = new AtomicLong(toClient.toNanos());
        this.server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false).childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel inbound) {
                        connect(inbound, targetPort);
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** From now on, every answer (and every other byte towards the client) waits this long. */
    void delayAnswers(Duration delay) {
        toClientNanos.set(delay.toNanos());
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
    }

    /** Connects the accepted client to the target and starts relaying both ways once connected. */
    private void connect(SocketChannel inbound, int targetPort) {
        new Bootstrap().group(inbound.eventLoop()).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new Delayed(inbound, toClientNanos))
                .connect("127.0.0.1", targetPort).addListener((ChannelFutureListener) connected -> {
                    if (!connected.isSuccess()) {
                        inbound.close();
                        return;
                    }
                    inbound.pipeline().addLast(new Delayed(connected.channel(), toTargetNanos));
                    inbound.config().setAutoRead(true);
                });
    }

    /** Forwards what it reads to the peer after the delay; one loop per connection, so order is kept. */
    private static final class Delayed extends ChannelInboundHandlerAdapter {
        private final Channel peer;
        private final AtomicLong delayNanos;

        Delayed(Channel peer, AtomicLong delayNanos) {
            this.peer = peer;
            this.delayNanos = delayNanos;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            ctx.executor().schedule(() -> peer.writeAndFlush(message), delayNanos.get(), TimeUnit.NANOSECONDS);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            ctx.executor().schedule(() -> peer.close(), delayNanos.get(), TimeUnit.NANOSECONDS);
        }
    }
}
