package dev.pushdeck.device.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory token buckets keyed by a string (an app key, a client address): each holds
 * up to {@code burst} permits and refills at {@code perSecond}, both given with every
 * take, so that each key can have its own limit and a changed limit applies at once. Each
 * node keeps its own buckets, so a cluster of N nodes allows up to N times the rate (see
 * docs/decisions/004-device-registry.md). Thread-safe; idle buckets are dropped by
 * {@link #forgetIdle()}, so the map cannot grow without bound between sweeps.
 */
public final class TokenBuckets {

    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TokenBuckets(Clock clock) {
        this.clock = clock;
    }

    /**
     * Takes one permit for {@code key}.
     *
     * @return {@link Duration#ZERO} when granted, else how long until a permit is free
     */
    public Duration take(String key, double perSecond, double burst) {
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, clock.millis()));
        synchronized (bucket) {
            bucket.perSecond = perSecond;
            bucket.burst = burst;
            bucket.refill(clock.millis());
            if (bucket.permits >= 1) {
                bucket.permits -= 1;
                return Duration.ZERO;
            }
            return Duration.ofMillis((long) Math.ceil((1 - bucket.permits) * 1000 / perSecond));
        }
    }

    /** Drops buckets that have refilled completely: they behave exactly like new ones. */
    public void forgetIdle() {
        long now = clock.millis();
        buckets.values().removeIf(bucket -> {
            synchronized (bucket) {
                bucket.refill(now);
                return bucket.permits >= bucket.burst;
            }
        });
    }

    int size() {
        return buckets.size();
    }

    private static final class Bucket {
        double permits;
        long updatedAt;
        double perSecond;
        double burst;

        Bucket(double permits, long updatedAt) {
            this.permits = permits;
            this.updatedAt = updatedAt;
        }

        void refill(long now) {
            if (now > updatedAt) {
                permits = Math.min(burst, permits + (now - updatedAt) * perSecond / 1000.0);
                updatedAt = now;
            }
            permits = Math.min(burst, permits);
        }
    }
}
