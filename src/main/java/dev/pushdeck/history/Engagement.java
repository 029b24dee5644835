package dev.pushdeck.history;

/**
 * How many of a run's deliveries apps reported received and opened, each counted once per
 * delivery. Rates are read against the deliveries APNs accepted, which is not delivered.
 */
public record Engagement(long received, long opened) {

    public static final Engagement NONE = new Engagement(0, 0);

    /** {@code count} as a share of {@code accepted}, 0..1; 0 when nothing was accepted. */
    public static double rate(long count, long accepted) {
        return accepted == 0 ? 0 : Math.min(1.0, (double) count / accepted);
    }
}
