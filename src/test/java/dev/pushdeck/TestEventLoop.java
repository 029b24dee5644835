package dev.pushdeck;

import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * One Netty event loop for every mock APNs server the tests start in a JVM. A server with a
 * loop of its own shuts it down gracefully and so waits out Netty's two-second quiet period,
 * which added two seconds to every test that closed a mock; this loop lives as long as the JVM
 * (daemon threads), so closing a mock only closes its channels.
 */
public final class TestEventLoop {

    public static final NioEventLoopGroup SHARED = new NioEventLoopGroup(2, new DefaultThreadFactory("mock-apns", true));

    private TestEventLoop() {
    }
}
