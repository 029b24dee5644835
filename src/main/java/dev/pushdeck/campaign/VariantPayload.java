package dev.pushdeck.campaign;

import org.jspecify.annotations.Nullable;

/**
 * One variant of a launched campaign's content, as the dispatcher sends it: the devices it is for
 * and its exact JSON (the tracking key last, as in the default payload).
 *
 * @param version the A/B test version it words (0, A, the campaign's own content, for every campaign without a
 *                test; docs/decisions/058-ab-tests.md)
 * @param locale  the language tag whose devices get it ({@link LocaleMatch}); null for a version's default wording
 */
public record VariantPayload(int version, @Nullable String locale, String payload) {

    /** A variant of the campaign's own content for one locale. */
    public VariantPayload(String locale, String payload) {
        this(0, locale, payload);
    }
}
