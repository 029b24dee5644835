package dev.pushdeck.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushdeck.app.ApnsEndpoint;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Apple's broadcast APIs, imitated on loopback over HTTP/2 and TLS: channel management
 * ({@code POST}, {@code GET} and {@code DELETE /1/apps/<bundle id>/channels} with the
 * {@code apns-channel-id} header, {@code GET /1/apps/<bundle id>/all-channels}) and broadcast
 * sends ({@code POST /4/broadcasts/apps/<bundle id>}), as "Sending channel management requests
 * to APNs" and "Sending broadcast push notification requests to APNs" describe them: the same
 * headers, bodies, status codes and reasons (MissingProviderToken, ExpiredProviderToken,
 * MissingChannelId, ChannelNotRegistered, CannotCreateChannelConfig, MissingPushType,
 * InvalidPushType, BadExpirationDate, BadPriority, PayloadEmpty, PayloadTooLarge, BadPath,
 * MethodNotAllowed), an {@code apns-request-id} on every answer and an {@code apns-unique-id}
 * on every broadcast accepted. Each instance keeps its own channels (one instance is one
 * environment) up to a cap, Apple's 10,000 by default.
 *
 * <p>The demo's simulator ({@link SimulatorApns}) runs one per environment and accepts any token
 * signature, as Pushy's mock server does; tests give it the public keys to check signatures
 * against, read what it received ({@link #requests()}) and make it answer an error
 * ({@link #answerNext}). Thread-safe.
 */
final class BroadcastSimulator implements AutoCloseable {

    /** Apple's cap on channels per app and environment. */
    static final int APPLE_CHANNEL_LIMIT = 10_000;
    /** Broadcast payloads of Live Activities: at most 5 KB. */
    static final int MAX_PAYLOAD = 5120;
    private static final String HOST = "127.0.0.1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One request as it arrived: method, path, headers (lower-case names) and body. */
    record Request(String method, String path, Map<String, String> headers, String body) {

        @Nullable String header(String name) {
            return headers.get(name);
        }
    }

    /** Checks a provider token's ES256 signature over its first two parts, by Key ID. */
    interface Signatures {
        boolean valid(String keyId, byte[] signedPart, byte[] signature);
    }

    private record Reply(HttpResponseStatus status, @Nullable String body, Map<String, String> headers) {

        static Reply reason(HttpResponseStatus status, String reason) {
            return new Reply(status, "{\"reason\":\"" + reason + "\"}", Map.of());
        }
    }

    private record Forced(int status, String reason) {
    }

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final Channel server;
    private final X509Certificate certificate;
    private final int channelLimit;
    private final @Nullable Signatures signatures;
    private final Duration delay;
    private final Map<String, Map<String, Integer>> channels = new ConcurrentHashMap<>();
    private final Map<String, Integer> broadcasts = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicReference<Forced> next = new AtomicReference<>();

    /**
     * @param channelLimit channels per app (Apple: {@link #APPLE_CHANNEL_LIMIT})
     * @param signatures   checks token signatures; null accepts any signature
     * @param delay        how long each answer takes
     */
    BroadcastSimulator(X509Certificate certificate, PrivateKey key, int channelLimit, @Nullable Signatures signatures,
                       Duration delay) throws Exception {
        this.certificate = certificate;
        this.channelLimit = channelLimit;
        this.signatures = signatures;
        this.delay = delay;
        SslContext tls = SslContextBuilder.forServer(key, certificate).sslProvider(SslProvider.JDK)
                .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2))
                .build();
        this.server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(tls.newHandler(channel.alloc()), new Http2Only());
                    }
                })
                .bind(HOST, 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** This server, trusted by its certificate, for the broadcast client. */
    ApnsEndpoint endpoint() {
        return new ApnsEndpoint(HOST, port(), List.of(certificate));
    }

    /** Every request received, oldest first. */
    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The next request (past the provider token check) is answered {@code status} with {@code reason}. */
    void answerNext(int status, String reason) {
        next.set(new Forced(status, reason));
    }

    /** The channels an app has here. */
    Set<String> channels(String bundleId) {
        return Set.copyOf(channels.getOrDefault(bundleId, Map.of()).keySet());
    }

    /** How many broadcasts a channel was sent. */
    int broadcasts(String channelId) {
        return broadcasts.getOrDefault(channelId, 0);
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Speaks HTTP/2 only, as APNs does; a client that cannot is hung up on. */
    private final class Http2Only extends ApplicationProtocolNegotiationHandler {

        Http2Only() {
            super("none");
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext context, String protocol) {
            if (!ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                context.close();
                return;
            }
            context.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(),
                    new Http2MultiplexHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel stream) {
                            stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true),
                                    new HttpObjectAggregator(64 * 1024), new Answering());
                        }
                    }));
        }
    }

    /** Answers one stream's request. */
    private final class Answering extends SimpleChannelInboundHandler<FullHttpRequest> {

        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpRequest http) {
            Map<String, String> headers = new LinkedHashMap<>();
            http.headers().forEach(header -> headers.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue()));
            Request request = new Request(http.method().name(), http.uri(), headers,
                    http.content().toString(StandardCharsets.UTF_8));
            requests.add(request);
            Reply reply = answer(request);
            if (!delay.isZero()) {
                context.executor().schedule(() -> write(context, request, reply), delay.toMillis(),
                        java.util.concurrent.TimeUnit.MILLISECONDS);
            } else {
                write(context, request, reply);
            }
        }

        private void write(ChannelHandlerContext context, Request request, Reply reply) {
            byte[] body = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, reply.status(),
                    Unpooled.wrappedBuffer(body));
            String requestId = request.header("apns-request-id");
            response.headers().set("apns-request-id", requestId == null ? UUID.randomUUID().toString() : requestId);
            reply.headers().forEach(response.headers()::set);
            if (body.length > 0) {
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            }
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }

    private Reply answer(Request request) {
        Reply refused = checkToken(request.header("authorization"));
        if (refused != null) {
            return refused;
        }
        Forced forced = next.getAndSet(null);
        if (forced != null) {
            return Reply.reason(HttpResponseStatus.valueOf(forced.status()), forced.reason());
        }
        String[] path = request.path().split("/");
        if (path.length == 5 && "1".equals(path[1]) && "apps".equals(path[2]) && "channels".equals(path[4])) {
            return channel(request, path[3]);
        }
        if (path.length == 5 && "1".equals(path[1]) && "apps".equals(path[2]) && "all-channels".equals(path[4])) {
            return "GET".equals(request.method()) ? allChannels(path[3])
                    : Reply.reason(HttpResponseStatus.METHOD_NOT_ALLOWED, "MethodNotAllowed");
        }
        if (path.length == 5 && "4".equals(path[1]) && "broadcasts".equals(path[2]) && "apps".equals(path[3])) {
            return "POST".equals(request.method()) ? broadcast(request, path[4])
                    : Reply.reason(HttpResponseStatus.METHOD_NOT_ALLOWED, "MethodNotAllowed");
        }
        return Reply.reason(HttpResponseStatus.NOT_FOUND, "BadPath");
    }

    /** A provider token as APNs reads it: bearer, three parts, ES256 with a Key ID, an issuer, at most an hour old. */
    private @Nullable Reply checkToken(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "bearer ", 0, 7)) {
            return Reply.reason(HttpResponseStatus.FORBIDDEN, "MissingProviderToken");
        }
        String[] parts = authorization.substring(7).trim().split("\\.");
        if (parts.length != 3) {
            return Reply.reason(HttpResponseStatus.FORBIDDEN, "InvalidProviderToken");
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (!"ES256".equals(header.path("alg").asText()) || !header.path("kid").isTextual()
                    || !claims.path("iss").isTextual() || !claims.path("iat").isNumber()) {
                return Reply.reason(HttpResponseStatus.FORBIDDEN, "InvalidProviderToken");
            }
            if (signatures != null && !signatures.valid(header.get("kid").asText(),
                    (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
                    Base64.getUrlDecoder().decode(parts[2]))) {
                return Reply.reason(HttpResponseStatus.FORBIDDEN, "InvalidProviderToken");
            }
            if (Instant.ofEpochSecond(claims.get("iat").asLong()).isBefore(Instant.now().minus(Duration.ofHours(1)))) {
                return Reply.reason(HttpResponseStatus.FORBIDDEN, "ExpiredProviderToken");
            }
            return null;
        } catch (RuntimeException | java.io.IOException e) {
            return Reply.reason(HttpResponseStatus.FORBIDDEN, "InvalidProviderToken");
        }
    }

    private Reply channel(Request request, String bundleId) {
        Map<String, Integer> own = channels.computeIfAbsent(bundleId, id -> new ConcurrentHashMap<>());
        if ("POST".equals(request.method())) {
            return create(request, own);
        }
        String channelId = request.header("apns-channel-id");
        if (!"GET".equals(request.method()) && !"DELETE".equals(request.method())) {
            return Reply.reason(HttpResponseStatus.METHOD_NOT_ALLOWED, "MethodNotAllowed");
        }
        if (channelId == null || channelId.isBlank()) {
            return Reply.reason(HttpResponseStatus.BAD_REQUEST, "MissingChannelId");
        }
        Integer policy = "GET".equals(request.method()) ? own.get(channelId) : own.remove(channelId);
        if (policy == null) {
            return Reply.reason(HttpResponseStatus.BAD_REQUEST, "ChannelNotRegistered");
        }
        return "GET".equals(request.method())
                ? new Reply(HttpResponseStatus.OK, "{\"message-storage-policy\":" + policy
                        + ",\"push-type\":\"LiveActivity\"}", Map.of())
                : new Reply(HttpResponseStatus.NO_CONTENT, null, Map.of());
    }

    private Reply create(Request request, Map<String, Integer> own) {
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (java.io.IOException e) {
            return Reply.reason(HttpResponseStatus.BAD_REQUEST, "BadRequest");
        }
        if (body == null || !"LiveActivity".equals(body.path("push-type").asText())) {
            return Reply.reason(HttpResponseStatus.BAD_REQUEST, "InvalidPushType");
        }
        int policy = body.path("message-storage-policy").asInt(-1);
        if (policy != 0 && policy != 1) {
            return Reply.reason(HttpResponseStatus.BAD_REQUEST, "BadRequest");
        }
        synchronized (own) {
            if (own.size() >= channelLimit) {
                return Reply.reason(HttpResponseStatus.BAD_REQUEST, "CannotCreateChannelConfig");
            }
            byte[] id = new byte[16];
            RANDOM.nextBytes(id);
            String channelId = Base64.getEncoder().encodeToString(id);
            own.put(channelId, policy);
            return new Reply(HttpResponseStatus.CREATED, null, Map.of("apns-channel-id", channelId));
        }
    }

    private Reply allChannels(String bundleId) {
        List<String> ids = new ArrayList<>(channels.getOrDefault(bundleId, Map.of()).keySet());
        StringBuilder body = new StringBuilder("{\"channels\":[");
        for (int i = 0; i < ids.size(); i++) {
            body.append(i == 0 ? "" : ",").append('"').append(ids.get(i)).append('"');
        }
        return new Reply(HttpResponseStatus.OK, body.append("]}").toString(), Map.of());
    }

    private Reply broadcast(Request request, String bundleId) {
        String channelId = request.header("apns-channel-id");
        if (channelId == null || channelId.isBlank()) {
            return Reply.reason(HttpResponseStatus.BAD_REQUEST, "MissingChannelId");
        }
        String pushType = request.header("apns-push-type");
        if (pushType == null) {
            return Reply.reason(HttpResponseStatus.BAD_REQUEST, "MissingPushType");
        }
        if (!"liveactivity".equals(pushType)) {
            return Reply.reason(HttpResponseStatus.BAD_REQUEST, "InvalidPushType");
        }
        if (request.header("apns-expiration") == null || !request.header("apns-expiration").matches("\\d+")) {
            return Reply.reason(HttpResponseStatus.BAD_REQUEST, "BadExpirationDate");
        }
        if (!Set.of("1", "5", "10").contains(String.valueOf(request.header("apns-priority")))) {
            return Reply.reason(HttpResponseStatus.BAD_REQUEST, "BadPriority");
        }
        if (!channels.getOrDefault(bundleId, Map.of()).containsKey(channelId)) {
            return Reply.reason(HttpResponseStatus.BAD_REQUEST, "ChannelNotRegistered");
        }
        if (request.body().isBlank()) {
            return Reply.reason(HttpResponseStatus.BAD_REQUEST, "PayloadEmpty");
        }
        if (request.body().getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD) {
            return Reply.reason(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "PayloadTooLarge");
        }
        broadcasts.merge(channelId, 1, Integer::sum);
        return new Reply(HttpResponseStatus.OK, null, Map.of("apns-unique-id", UUID.randomUUID().toString()));
    }
}
