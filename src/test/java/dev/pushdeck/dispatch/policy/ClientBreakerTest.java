package dev.pushdeck.dispatch.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.dispatch.policy.ClientBreaker.Change;
import dev.pushdeck.dispatch.policy.ClientBreaker.Permit;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ClientBreakerTest {

    private static final Instant WALL = Instant.parse("2026-12-06T14:02:00Z");
    private final ClientBreaker breaker = new ClientBreaker(ClientBreaker.Settings.DEFAULT);

    private static long seconds(double s) {
        return (long) (s * TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void aClosedBreakerAllowsClaimsAndScatteredTroubleKeepsItClosed() {
        for (int i = 0; i < 200; i++) {
            if (i % 10 == 0) {
                assertThat(breaker.trouble(seconds(i), WALL, "InternalServerError", false, false)).isEqualTo(Change.NONE);
            } else {
                breaker.answered(seconds(i));
            }
        }
        assertThat(breaker.permit(seconds(200))).isEqualTo(Permit.ALLOW);
        assertThat(breaker.isOpen()).isFalse();
    }

    @Test
    void fiveTroublesInARowOpenItWithTheTimeItBegan() {
        for (int i = 0; i < 4; i++) {
            assertThat(breaker.trouble(seconds(0), WALL, "ServiceUnavailable", false, false)).isEqualTo(Change.NONE);
        }
        assertThat(breaker.trouble(seconds(0), WALL, "ServiceUnavailable", false, false)).isEqualTo(Change.OPENED);
        assertThat(breaker.since()).isEqualTo(WALL);
        assertThat(breaker.lastTrouble()).isEqualTo("ServiceUnavailable");
        assertThat(breaker.permit(seconds(0.5))).isEqualTo(Permit.WAIT);
    }

    @Test
    void halfOfTheLastTwentyInTroubleOpenItToo() {
        Change last = Change.NONE;
        for (int i = 0; i < 20 && last == Change.NONE; i++) {
            last = i % 2 == 0 ? breaker.trouble(0, WALL, "ConnectException", false, false) : breaker.answered(0);
        }
        assertThat(last).isEqualTo(Change.OPENED);
    }

    @Test
    void oneFailureWithoutAnyConnectionOpensItAtOnce() {
        assertThat(breaker.trouble(0, WALL, "SslHandshakeTimeoutException", false, true)).isEqualTo(Change.OPENED);
        assertThat(breaker.permit(seconds(0.1))).isEqualTo(Permit.WAIT);
    }

    @Test
    void anOpenBreakerProbesOnceAtGrowingIntervalsUpToTheMaximum() {
        open();
        long at = 0;
        double[] intervals = {1, 2, 4, 8, 15, 15};
        for (double interval : intervals) {
            assertThat(breaker.permit(at + seconds(interval) - 1)).isEqualTo(Permit.WAIT);
            at += seconds(interval);
            assertThat(breaker.permit(at)).as("probe after " + interval + " s").isEqualTo(Permit.PROBE);
            assertThat(breaker.permit(at)).as("one probe at a time").isEqualTo(Permit.WAIT);
            breaker.trouble(at, WALL, "ServiceUnavailable", true, false);
        }
        assertThat(breaker.since()).as("the outage's start stays").isEqualTo(WALL);
    }

    @Test
    void anAnsweredProbeClosesTheBreaker() {
        open();
        assertThat(breaker.permit(seconds(1))).isEqualTo(Permit.PROBE);
        assertThat(breaker.answered(seconds(1))).isEqualTo(Change.CLOSED);
        assertThat(breaker.permit(seconds(1))).isEqualTo(Permit.ALLOW);
        assertThat(breaker.since()).isNull();
    }

    @Test
    void lateTroubleFromBeforeTheOutageDoesNotPushTheProbeBack() {
        open();
        assertThat(breaker.permit(seconds(1))).isEqualTo(Permit.PROBE);
        breaker.trouble(seconds(1.1), WALL, "ServiceUnavailable", false, false);
        assertThat(breaker.permit(seconds(1.2))).as("still waiting for the probe").isEqualTo(Permit.WAIT);
        assertThat(breaker.answered(seconds(1))).isEqualTo(Change.CLOSED);
    }

    @Test
    void aLateAnswerToANotificationSentBeforeTheOutageBeganLeavesItOpen() {
        open(seconds(10));
        assertThat(breaker.answered(seconds(9.9))).as("sent before the outage").isEqualTo(Change.NONE);
        assertThat(breaker.isOpen()).isTrue();
        assertThat(breaker.permit(seconds(10.5))).isEqualTo(Permit.WAIT);
        assertThat(breaker.permit(seconds(11))).isEqualTo(Permit.PROBE);
        assertThat(breaker.answered(seconds(11))).as("the probe, sent during it").isEqualTo(Change.CLOSED);
    }

    @Test
    void aProbeNeverAnsweredCountsAsTroubleAfterTheProbeTimeout() {
        open();
        assertThat(breaker.permit(seconds(1))).isEqualTo(Permit.PROBE);
        assertThat(breaker.permit(seconds(60))).isEqualTo(Permit.WAIT);
        assertThat(breaker.permit(seconds(61))).as("timed out: reopened").isEqualTo(Permit.WAIT);
        assertThat(breaker.permit(seconds(63))).as("next interval, 2 s").isEqualTo(Permit.PROBE);
    }

    @Test
    void aProbeThatFoundNothingToSendIsTriedAgainAtOnce() {
        open();
        assertThat(breaker.permit(seconds(1))).isEqualTo(Permit.PROBE);
        breaker.probeNotSent(seconds(1));
        assertThat(breaker.permit(seconds(1.1))).isEqualTo(Permit.PROBE);
    }

    private void open() {
        open(0);
    }

    private void open(long nanos) {
        for (int i = 0; i < 5; i++) {
            breaker.trouble(nanos, WALL, "ServiceUnavailable", false, false);
        }
        assertThat(breaker.isOpen()).isTrue();
    }
}
