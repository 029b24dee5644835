package dev.pushdeck.dispatch;

import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import dev.pushdeck.app.ApnsEndpoint;
import dev.pushdeck.app.TestCredentials;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Pushy mock APNs server on loopback (port 0, certificates from the test CA) that
 * answers per token: accept by default, or whatever {@link #answer} set for the token, or
 * {@link #answerTopic} for every token of a topic (an outage, a misconfiguration).
 * Counts what each token received and keeps the last request's headers and payload.
 */
final class MockApns implements AutoCloseable {

    /** What to answer for one token; {@code times} answers this way, then accepts (0 = always). */
    interface Answer {
        RejectedNotificationException rejection();
    }

    record Received(Map<String, String> headers, String payload) {
    }

    private record Rule(Answer answer, AtomicInteger remaining) {
    }

    private final MockApnsServer server;
    private final int port;
    private final Map<String, Rule> rules = new ConcurrentHashMap<>();
    private final Map<String, Answer> topics = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<String, Received> last = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> byApnsId = new ConcurrentHashMap<>();

    MockApns() throws Exception {
        this(false);
    }

    /** @param uniqueIds whether to answer an apns-unique-id, as Apple's development environment does */
    MockApns(boolean uniqueIds) throws Exception {
        TestCredentials.Issued certificate = TestCredentials.CA.server();
        server = new MockApnsServerBuilder()
                .generateApnsUniqueId(uniqueIds)
                .setServerCredentials(new X509Certificate[] {certificate.certificate()}, certificate.privateKey(), null)
                .setTrustedClientCertificateChain(new ByteArrayInputStream(
                        TestCredentials.CA.caPem().getBytes(StandardCharsets.US_ASCII)))
                .setHandlerFactory(session -> this::handle)
                .setEventLoopGroup(dev.pushdeck.TestEventLoop.SHARED)
                .build();
        port = server.start(0).get();
    }

    ApnsEndpoint endpoint() {
        return new ApnsEndpoint("localhost", port, List.of(TestCredentials.CA.caCertificate()));
    }

    /** Answers {@code token} this way {@code times} times (0 = always), then accepts. */
    void answer(String token, int times, Answer answer) {
        rules.put(token, new Rule(answer, new AtomicInteger(times == 0 ? Integer.MAX_VALUE : times)));
    }

    /** Answers every notification of {@code topic} this way until {@link #clearTopic}. */
    void answerTopic(String topic, Answer answer) {
        topics.put(topic, answer);
    }

    void clearTopic(String topic) {
        topics.remove(topic);
    }

    int received(String token) {
        AtomicInteger count = counts.get(token);
        return count == null ? 0 : count.get();
    }

    Map<String, AtomicInteger> counts() {
        return counts;
    }

    /** How often each apns-id arrived: a delivery keeps its id across attempts, so more than 1 is a resend. */
    Map<String, AtomicInteger> countsByApnsId() {
        return byApnsId;
    }

    Received last(String token) {
        return last.get(token);
    }

    private void handle(Http2Headers headers, io.netty.buffer.ByteBuf payload) throws RejectedNotificationException {
        String path = String.valueOf(headers.path());
        String token = path.substring(path.lastIndexOf('/') + 1);
        counts.computeIfAbsent(token, k -> new AtomicInteger()).incrementAndGet();
        CharSequence apnsId = headers.get("apns-id");
        if (apnsId != null) {
            byApnsId.computeIfAbsent(apnsId.toString(), k -> new AtomicInteger()).incrementAndGet();
        }
        Map<String, String> copy = new ConcurrentHashMap<>();
        headers.forEach(header -> copy.put(header.getKey().toString(), header.getValue().toString()));
        last.put(token, new Received(copy, payload.toString(StandardCharsets.UTF_8)));
        Answer forTopic = topics.get(String.valueOf(headers.get("apns-topic")));
        if (forTopic != null) {
            throw forTopic.rejection();
        }
        Rule rule = rules.get(token);
        if (rule != null && rule.remaining().getAndDecrement() > 0) {
            throw rule.answer().rejection();
        }
    }

    @Override
    public void close() {
        server.shutdown().join();
    }
}
