package dev.pushdeck.dispatch.policy;

import dev.pushdeck.shared.i18n.StoredReasons;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Tells a misconfigured run from a run that reached some bad tokens. APNs answers
 * BadDeviceToken or DeviceTokenNotForTopic for <em>every</em> device when the bundle id,
 * the environment (sandbox or production) or the push type is wrong; marking each device
 * invalid then would wipe out a device list for a setting. So:
 *
 * <ul>
 *   <li>a run stops (and marks no device) when its first {@code minRefusals} answers are
 *       refusals with no acceptance, or when refusals make up more than {@code stopShare}
 *       of at least {@code shareAfter} answers;</li>
 *   <li>when a run ends, the devices it saw refused are marked invalid only if it had
 *       acceptances and refusals were at most half of its answers (see {@link #mayMarkDevices}).</li>
 * </ul>
 *
 * Refusals are the {@link ReplyClass#isRefusal() refusing} kinds; 410 Unregistered is not one
 * (it is about one device, with Apple's timestamp). Judged on the run's stored counters, so
 * every node sees the same tally. Pure and immutable.
 */
public record RunGuard(long minRefusals, long shareAfter, double stopShare) {

    /** The defaults: 50 refusals with no acceptance, or over 95 % of 1,000 answers or more. */
    public static final RunGuard DEFAULT = new RunGuard(50, 1_000, 0.95);

    /**
     * A run's answers so far.
     *
     * @param accepted  how many APNs accepted
     * @param refusals  how many were refused, per Apple reason
     */
    public record Tally(long accepted, Map<String, Long> refusals) {

        public long refused() {
            return refusals.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The reason given most often, or null without refusals. */
        @Nullable String mostRefused() {
            return refusals.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        }
    }

    /** Why the run must stop now, as a stored message, or null when it may go on. */
    public @Nullable String stopReason(Tally tally) {
        long refused = tally.refused();
        boolean noneAccepted = tally.accepted() == 0 && refused >= minRefusals;
        long answers = tally.accepted() + refused;
        boolean mostlyRefused = answers >= shareAfter && refused > stopShare * answers;
        if (!noneAccepted && !mostlyRefused) {
            return null;
        }
        return StoredReasons.of("dispatch.stop.misconfigured", tally.mostRefused(), refused, answers);
    }

    /** Whether an ended run's refused devices may be marked invalid. */
    public boolean mayMarkDevices(Tally tally) {
        return tally.accepted() > 0 && tally.refused() <= tally.accepted();
    }
}
