package dev.pushdeck.campaign;

import java.util.List;

/**
 * Which version of an {@link AbTest} leads, and whether the lead is large enough to call
 * (docs/decisions/058-ab-tests.md). Pure and thread-safe; the report and the automatic decision
 * read the same verdict.
 *
 * <p>The leader is the version with the highest open rate (opens per accepted delivery); a tie
 * goes to the earlier version, so a test without any open keeps the campaign's own content (A).
 * The lead is called when the leader's rate is above the runner-up's by a two-proportion z-test
 * at 95 % (|z| ≥ 1.96), and only when both have at least {@value #MIN_EACH} opens and
 * {@value #MIN_EACH} unopened deliveries, below which that test's normal approximation does not
 * hold. Otherwise the difference is "too small to call": the leader still wins an automatic
 * decision (the rest has to get something), and the report says the call is weak.
 *
 * @param leader   the leading version, 0 for A
 * @param callable whether the lead over the runner-up is large enough to call
 */
public record AbVerdict(int leader, boolean callable) {

    /** Opens and non-opens each version needs before a difference is judged at all. */
    public static final int MIN_EACH = 5;
    private static final double Z_95 = 1.96;

    /** What one version's test deliveries did. */
    public record Counts(long accepted, long opened) {

        public double rate() {
            return accepted == 0 ? 0 : (double) opened / accepted;
        }

        boolean judgeable() {
            return opened >= MIN_EACH && accepted - opened >= MIN_EACH;
        }
    }

    /**
     * @param versions each version's counts, A first; at least one
     * @throws IllegalArgumentException for no versions
     */
    public static AbVerdict of(List<Counts> versions) {
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("a verdict needs at least one version");
        }
        int leader = 0;
        for (int i = 1; i < versions.size(); i++) {
            if (versions.get(i).rate() > versions.get(leader).rate()) {
                leader = i;
            }
        }
        int runnerUp = -1;
        for (int i = 0; i < versions.size(); i++) {
            if (i != leader && (runnerUp < 0 || versions.get(i).rate() > versions.get(runnerUp).rate())) {
                runnerUp = i;
            }
        }
        return new AbVerdict(leader, runnerUp >= 0 && significant(versions.get(leader), versions.get(runnerUp)));
    }

    private static boolean significant(Counts leader, Counts runnerUp) {
        if (!leader.judgeable() || !runnerUp.judgeable()) {
            return false;
        }
        double pooled = (double) (leader.opened() + runnerUp.opened()) / (leader.accepted() + runnerUp.accepted());
        double error = Math.sqrt(pooled * (1 - pooled) * (1.0 / leader.accepted() + 1.0 / runnerUp.accepted()));
        return error > 0 && (leader.rate() - runnerUp.rate()) / error >= Z_95;
    }
}
