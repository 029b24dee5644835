package dev.pushdeck.dispatch;

import org.springframework.context.ApplicationContext;

/**
 * For tests that send for real: starts a {@link MockApns} and points the shared dispatcher at
 * it until {@link #close()}, which restores the configured endpoints. Every notification is
 * accepted unless this package's tests set another {@link #answer}; {@link #received} counts
 * per token.
 */
public final class TestApns implements AutoCloseable {

    private final MockApns apns;
    private final ApnsClients clients;

    private TestApns(MockApns apns, ApnsClients clients) {
        this.apns = apns;
        this.clients = clients;
    }

    public static TestApns start(ApplicationContext context) throws Exception {
        ApnsClients clients = context.getBean(ApnsClients.class);
        MockApns apns = new MockApns();
        clients.overrideEndpoint(apns.endpoint());
        return new TestApns(apns, clients);
    }

    public int received(String token) {
        return apns.received(token);
    }

    /** Answers {@code token} this way {@code times} times (0 = always), then accepts. */
    void answer(String token, int times, MockApns.Answer answer) {
        apns.answer(token, times, answer);
    }

    /** The last request {@code token} received, or null. */
    MockApns.Received last(String token) {
        return apns.last(token);
    }

    @Override
    public void close() {
        clients.overrideEndpoint(null);
        apns.close();
    }
}
