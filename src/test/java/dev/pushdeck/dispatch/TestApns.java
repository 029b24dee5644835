package dev.pushdeck.dispatch;

import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import java.util.function.Supplier;
import org.springframework.context.ApplicationContext;

/**
 * For tests that send for real: starts a {@link MockApns} and points the shared dispatcher at
 * it until {@link #close()}, which restores the configured endpoints. Every notification is
 * accepted unless a test sets another {@link #answer}; {@link #received} counts
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

    /** Answers {@code token} with this rejection {@code times} times (0 = always), then accepts. */
    public void answer(String token, int times, Supplier<RejectedNotificationException> rejection) {
        apns.answer(token, times, rejection::get);
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
