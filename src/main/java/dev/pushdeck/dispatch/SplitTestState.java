package dev.pushdeck.dispatch;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A launched run's A/B test (docs/decisions/058-ab-tests.md): how it split, when it is decided
 * and what was decided.
 *
 * @param stride     the variants one version spans (its default wording and one per language): a delivery's
 *                   variant {@code v} below {@link #restBase()} is version {@code v / stride}'s
 * @param decideAt   when the test is decided by open rate unless a person picks first
 * @param winner     the version the rest gets (0 is A), or null while undecided
 * @param pickedBy   who picked the winner (a person's or an API token's name), or null when it was decided by open rate (or is undecided)
 * @param held       how many deliveries the launch held for the winner
 * @param releasedAt when every held delivery was released to the winner, or null
 * @param quietFrom  the campaign's quiet hours, which the release places held deliveries by; null for none
 */
public record SplitTestState(UUID runId, int testPercent, int versions, int stride, Instant decideAt,
                             @Nullable Integer winner, @Nullable Instant decidedAt, @Nullable String pickedBy,
                             long held, @Nullable Instant releasedAt, @Nullable LocalTime quietFrom,
                             @Nullable LocalTime quietTo, @Nullable ZoneId fallbackZone) {

    /** The first variant of the held rest; tested deliveries are numbered below it. */
    public int restBase() {
        return versions * stride;
    }

    public boolean decided() {
        return winner != null;
    }

    /** The version a delivery of variant {@code variant} belongs to, tested or (from the rest's numbers) not. */
    public int versionOf(int variant) {
        return (variant % restBase()) / stride;
    }

    /** Whether a delivery of variant {@code variant} was one of the test's, not of the rest. */
    public boolean tested(int variant) {
        return variant < restBase();
    }
}
