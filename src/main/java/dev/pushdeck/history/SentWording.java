package dev.pushdeck.history;

import dev.pushdeck.campaign.AbTest;
import org.jspecify.annotations.Nullable;

/**
 * Which wording a delivery of a run with content variants was, or will be, sent in: its A/B test
 * version and its language, told from the variant it carries (docs/decisions/055-content-per-language.md,
 * 058-ab-tests.md, 060-the-delivery-log-names-each-wording.md). A delivery of a run without
 * variants has none.
 *
 * @param version  the A/B test's version (0 is A): the tested version, or for a delivery of the rest the
 *                 winner's; null for a run without a test, and for the rest while the test is undecided
 * @param language the locale tag of the wording, or null for the default wording
 * @param rest     whether the delivery is one of the rest, held for the test's winner, rather than one of the test
 */
public record SentWording(@Nullable Integer version, @Nullable String language, boolean rest) {

    /** The version's letter (A, B, ...), or null when there is none (yet). */
    public @Nullable String letter() {
        return version == null ? null : AbTest.letter(version);
    }

    /** {@code test} or {@code rest} for a run with an A/B test, else null: which part of the audience it was. */
    public @Nullable String abTestGroup() {
        if (rest) {
            return "rest";
        }
        return version == null ? null : "test";
    }
}
