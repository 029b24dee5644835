package dev.pushdeck.history;

import org.jspecify.annotations.Nullable;

/**
 * One content of a run with variants (docs/decisions/055-content-per-language.md): how many of
 * its deliveries have an outcome so far, how many APNs accepted, and how many the app reported
 * received and opened.
 *
 * @param variant 0 for the default content, else the variant's number
 * @param label   whom the variant was for (a locale tag), or null for the default
 */
public record VariantOutcome(int variant, @Nullable String label, long finished, long accepted, long received,
                             long opened) {

    /** Opens as a share of the accepted deliveries, as the run's own rate is read. */
    public double openedRate() {
        return Engagement.rate(opened, accepted);
    }
}
