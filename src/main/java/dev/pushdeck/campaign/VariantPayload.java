package dev.pushdeck.campaign;

/**
 * One variant of a launched campaign's content, as the dispatcher sends it: the devices it is for
 * and its exact JSON (the tracking key last, as in the default payload).
 *
 * @param locale the language tag whose devices get it ({@link LocaleMatch})
 */
public record VariantPayload(String locale, String payload) {
}
