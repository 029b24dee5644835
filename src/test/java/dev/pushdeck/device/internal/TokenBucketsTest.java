package dev.pushdeck.device.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-12-01T09:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aBurstIsGrantedThenRequestsWaitForTheRefill() {
        MovableClock clock = new MovableClock();
        TokenBuckets buckets = new TokenBuckets(clock);

        assertThat(buckets.take("a", 2, 3)).isZero();
        assertThat(buckets.take("a", 2, 3)).isZero();
        assertThat(buckets.take("a", 2, 3)).isZero();
        assertThat(buckets.take("a", 2, 3)).isEqualTo(Duration.ofMillis(500));
        assertThat(buckets.take("b", 2, 3)).as("another key has its own bucket").isZero();

        clock.now = clock.now.plusMillis(500);
        assertThat(buckets.take("a", 2, 3)).isZero();
        assertThat(buckets.take("a", 2, 3)).isPositive();
    }

    @Test
    void aChangedRateAppliesFromTheNextTake() {
        MovableClock clock = new MovableClock();
        TokenBuckets buckets = new TokenBuckets(clock);
        assertThat(buckets.take("a", 1000, 2000)).isZero();

        assertThat(buckets.take("a", 1, 1)).as("the burst shrinks to the new limit").isZero();
        assertThat(buckets.take("a", 1, 1)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void idleBucketsAreForgottenSoTheMapCannotGrowForever() {
        MovableClock clock = new MovableClock();
        TokenBuckets buckets = new TokenBuckets(clock);
        for (int i = 0; i < 100; i++) {
            buckets.take("address-" + i, 1, 1);
        }
        clock.now = clock.now.plusSeconds(2);
        buckets.forgetIdle();

        assertThat(buckets.size()).isZero();
    }
}
