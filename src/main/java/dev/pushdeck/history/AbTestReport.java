package dev.pushdeck.history;

import dev.pushdeck.campaign.AbTest;
import dev.pushdeck.campaign.AbVerdict;
import dev.pushdeck.dispatch.SplitTestState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A launched campaign's A/B test side by side (docs/decisions/058-ab-tests.md): each version's
 * tested deliveries with the counts behind its open rate, the verdict on them, and what the
 * decision sent to the rest.
 *
 * @param versions   each version's tested deliveries, A first; {@code variant} is the version's number and
 *                   {@code label} its letter
 * @param verdict    which version leads and whether the lead is large enough to call
 * @param winner     the version the rest gets, or null while undecided
 * @param pickedBy   who picked the winner, or null when it was decided by open rate (or is undecided)
 * @param held       how many deliveries the launch held for the winner
 * @param rest       the rest's deliveries so far (all of them to the winner); zero counts before the release
 * @param byLanguage the run's outcomes per language summed over the versions, as
 *                   {@link DeliveryHistory#byVariant} reads them; read with the test so a report
 *                   that shows both reads the log once
 */
public record AbTestReport(int testPercent, Instant decideAt, List<VariantOutcome> versions, AbVerdict verdict,
                           @Nullable Integer winner, @Nullable Instant decidedAt, @Nullable String pickedBy,
                           long held, @Nullable Instant releasedAt, VariantOutcome rest,
                           List<VariantOutcome> byLanguage) {

    /** Sums a run's outcomes per variant into its test's versions and its rest. */
    static AbTestReport of(SplitTestState test, List<VariantOutcome> variants) {
        List<VariantOutcome> versions = new ArrayList<>();
        for (int version = 0; version < test.versions(); version++) {
            versions.add(new VariantOutcome(version, AbTest.letter(version), 0, 0, 0, 0));
        }
        VariantOutcome rest = new VariantOutcome(test.restBase(), null, 0, 0, 0, 0);
        for (VariantOutcome variant : variants) {
            if (test.tested(variant.variant())) {
                int version = test.versionOf(variant.variant());
                versions.set(version, versions.get(version).plus(variant));
            } else {
                rest = rest.plus(variant);
            }
        }
        AbVerdict verdict = AbVerdict.of(versions.stream()
                .map(version -> new AbVerdict.Counts(version.accepted(), version.opened())).toList());
        return new AbTestReport(test.testPercent(), test.decideAt(), List.copyOf(versions), verdict, test.winner(),
                test.decidedAt(), test.pickedBy(), test.held(), test.releasedAt(), rest,
                VariantOutcome.byLanguage(variants));
    }
}
