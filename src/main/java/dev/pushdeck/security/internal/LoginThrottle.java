package dev.pushdeck.security.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per account and per client address in a sliding window and
 * refuses further attempts once either passes the limit, until the window has moved on.
 *
 * <p>Kept in memory: each node throttles on its own, which bounds guessing to
 * (nodes × limit) per window; see docs/decisions/002-login-throttle-in-memory.md.
 * Thread-safe.
 */
@Component
public class LoginThrottle {

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    LoginThrottle(@Value("${pushdeck.login.max-failures:10}") int maxFailures,
                  @Value("${pushdeck.login.window:15m}") Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** True when the account or the address has failed too often recently. */
    public boolean isBlocked(String account, @Nullable String address) {
        return recentFailures(accountKey(account)) >= maxFailures || recentFailures(addressKey(address)) >= maxFailures;
    }

    public void failed(String account, @Nullable String address) {
        add(accountKey(account));
        add(addressKey(address));
    }

    /** A successful sign-in clears the account's count, not the address's. */
    public void succeeded(String account) {
        failures.remove(accountKey(account));
    }

    @Scheduled(fixedDelayString = "PT5M")
    void forgetOldFailures() {
        failures.keySet().forEach(key -> recentFailures(key));
        failures.values().removeIf(Deque::isEmpty);
    }

    private int recentFailures(String key) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            Instant cutoff = clock.instant().minus(window);
            while (!times.isEmpty() && times.peekFirst().isBefore(cutoff)) {
                times.pollFirst();
            }
            return times.size();
        }
    }

    private void add(String key) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(clock.instant());
            // Never keep more than needed to decide; a flood cannot grow memory.
            while (times.size() > maxFailures) {
                times.pollFirst();
            }
        }
    }

    private static String accountKey(String account) {
        return "a:" + (account == null ? "" : account.trim().toLowerCase());
    }

    private static String addressKey(@Nullable String address) {
        return "ip:" + address;
    }
}
