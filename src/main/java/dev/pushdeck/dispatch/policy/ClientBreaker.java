package dev.pushdeck.dispatch.policy;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Waits out an APNs outage for one client (credential, environment, endpoint) instead of
 * spending deliveries on it. While Apple answers, the breaker is closed and claims flow.
 * When server errors or transport failures dominate ({@code consecutive} in a row, or
 * {@code windowTrouble} of the last {@code window} replies), or a failure comes while the
 * client has no connection at all (the endpoint is unreachable), it opens: nothing is claimed for
 * the client except one probe notification at growing intervals ({@code firstProbe},
 * doubled up to {@code maxProbe}). An answer from Apple to a notification sent after the
 * outage began closes it again; an answer to one sent before says nothing about now (on
 * several connections, replies from before the outage can arrive after it opened), so it is
 * ignored. A probe in trouble (or unanswered for {@code probeTimeout}) reopens it with the
 * next interval.
 *
 * <p>Times are {@link System#nanoTime()} values passed in, so the machine is testable
 * without waiting; {@code since} is the wall-clock start of the outage, for people. Every
 * method is synchronized: the claimer asks, event-loop threads report replies.
 */
public final class ClientBreaker {

    /** What the claimer may do for this client now. */
    public enum Permit {
        /** Claim as usual. */
        ALLOW,
        /** Claim exactly one delivery: the probe. */
        PROBE,
        /** Claim nothing. */
        WAIT
    }

    /** A change people should hear of. */
    public enum Change {
        NONE, OPENED, CLOSED
    }

    /** The breaker's knobs. */
    public record Settings(int consecutive, int window, int windowTrouble, Duration firstProbe, Duration maxProbe,
                           Duration probeTimeout) {

        public static final Settings DEFAULT = new Settings(5, 20, 10, Duration.ofSeconds(1), Duration.ofSeconds(15),
                Duration.ofSeconds(60));
    }

    private enum State {
        CLOSED, OPEN, PROBING
    }

    private final Settings settings;
    private final boolean[] recent;
    private int recentAt;
    private int troubleInRecent;
    private int consecutive;
    private State state = State.CLOSED;
    private @Nullable Instant since;
    private @Nullable String lastTrouble;
    private long openedAt;
    private long interval;
    private long nextProbeAt;
    private long probeStartedAt;

    public ClientBreaker(Settings settings) {
        this.settings = settings;
        this.recent = new boolean[settings.window()];
    }

    /**
     * Apple answered (anything but a server error) a notification sent at {@code sentAt}: the
     * service is reachable, unless it was sent before the open outage began.
     */
    public synchronized Change answered(long sentAt) {
        if (state != State.CLOSED && sentAt - openedAt < 0) {
            return Change.NONE;
        }
        consecutive = 0;
        remember(false);
        if (state == State.CLOSED) {
            return Change.NONE;
        }
        state = State.CLOSED;
        since = null;
        return Change.CLOSED;
    }

    /**
     * A server error or no answer at {@code nanos} ({@code wallClock} for people).
     *
     * @param probe       whether this reply answers the probe
     * @param unreachable whether the client had no connection to APNs when it failed: one
     *                    such failure is enough to open the breaker
     */
    public synchronized Change trouble(long nanos, Instant wallClock, String reason, boolean probe,
                                       boolean unreachable) {
        consecutive++;
        remember(true);
        lastTrouble = reason;
        if (state == State.CLOSED) {
            if (!unreachable && consecutive < settings.consecutive() && troubleInRecent < settings.windowTrouble()) {
                return Change.NONE;
            }
            state = State.OPEN;
            since = wallClock;
            openedAt = nanos;
            interval = settings.firstProbe().toNanos();
            nextProbeAt = nanos + interval;
            return Change.OPENED;
        }
        if (state == State.PROBING && probe) {
            reopen(nanos);
        }
        return Change.NONE;
    }

    /** What the claimer may do at {@code nanos}. {@link Permit#PROBE} moves the breaker to probing. */
    public synchronized Permit permit(long nanos) {
        switch (state) {
            case CLOSED:
                return Permit.ALLOW;
            case PROBING:
                if (nanos - probeStartedAt < settings.probeTimeout().toNanos()) {
                    return Permit.WAIT;
                }
                reopen(nanos);
                return Permit.WAIT;
            default:
                if (nanos - nextProbeAt < 0) {
                    return Permit.WAIT;
                }
                state = State.PROBING;
                probeStartedAt = nanos;
                return Permit.PROBE;
        }
    }

    /** The probe {@link #permit} allowed was not sent after all (nothing was due): probe again at the next chance. */
    public synchronized void probeNotSent(long nanos) {
        if (state == State.PROBING) {
            state = State.OPEN;
            nextProbeAt = nanos;
        }
    }

    public synchronized boolean isOpen() {
        return state != State.CLOSED;
    }

    /** When the outage began (wall clock), or null while closed. */
    public synchronized @Nullable Instant since() {
        return since;
    }

    /** The last trouble's reason (e.g. ServiceUnavailable), or null. */
    public synchronized @Nullable String lastTrouble() {
        return lastTrouble;
    }

    /** Nanoseconds until the next probe may go (0 when it may go now or the breaker is closed). */
    public synchronized long nanosToProbe(long nanos) {
        return state == State.OPEN ? Math.max(0, nextProbeAt - nanos) : 0;
    }

    private void reopen(long nanos) {
        state = State.OPEN;
        interval = Math.min(interval * 2, settings.maxProbe().toNanos());
        nextProbeAt = nanos + interval;
    }

    private void remember(boolean trouble) {
        if (recent[recentAt]) {
            troubleInRecent--;
        }
        recent[recentAt] = trouble;
        if (trouble) {
            troubleInRecent++;
        }
        recentAt = (recentAt + 1) % recent.length;
    }
}
