package dev.pushdeck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The application's clock in tests: the system's time plus an offset a test may move, so a
 * test of a time-to-live moves time instead of waiting it out. It moves only what reads the
 * {@link Clock} bean; PostgreSQL's {@code now()} keeps real time, so a test moves it only across
 * logic decided in Java. Tests run one after another in the one context, and each test that
 * moves time puts it back ({@link #reset()}) when it ends.
 */
public final class TestClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    /** Moves the application's time forward by {@code by}. */
    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    /** Back to the system's time. */
    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset);
    }

    /** Puts the settable clock in front of the application's system clock. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Configuration {

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }
}
