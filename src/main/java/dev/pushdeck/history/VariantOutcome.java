package dev.pushdeck.history;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** This outcome with another's counts added, under this one's number and label. */
    VariantOutcome plus(VariantOutcome other) {
        return new VariantOutcome(variant, label, finished + other.finished, accepted + other.accepted,
                received + other.received, opened + other.opened);
    }

    /**
     * The outcomes per language of a run whose variants also word A/B versions (each language is
     * numbered once per version, and again for the rest): summed by label, in the order each label
     * first appears. Empty when the run is worded in one language only.
     */
    static List<VariantOutcome> byLanguage(List<VariantOutcome> variants) {
        Map<Optional<String>, VariantOutcome> merged = new LinkedHashMap<>();
        for (VariantOutcome variant : variants) {
            merged.merge(Optional.ofNullable(variant.label()), variant, VariantOutcome::plus);
        }
        return merged.size() < 2 ? List.of() : List.copyOf(merged.values());
    }
}
