package dev.pushdeck.campaign.internal;

import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.ContentVariant;
import dev.pushdeck.campaign.LocaleMatch;
import dev.pushdeck.campaign.Payload;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.error.ValidationException.FieldError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The campaign rules of content variants per locale, part of {@link CampaignRules}
 * (docs/decisions/055-content-per-language.md). Only a composed alert to devices has them: a raw
 * payload has no fields to reword, a Live Activity's content is its state, and a broadcast is one
 * request for every device. Each variant's tag is a well-formed BCP 47 tag, distinct from the
 * others once compared as {@link LocaleMatch} compares them, and each variant's payload is checked
 * against Apple's limit as the default's is. Pure apart from the "now" it is given; thread-safe.
 */
public final class VariantRules {

    /** More variants than any app has languages (iOS offers about 40) would only be a mistake. */
    public static final int MAX_VARIANTS = 50;
    /** The longest locale a device can store ({@code devices.locale}): a longer tag would never match. */
    public static final int MAX_LOCALE = 35;

    private VariantRules() {
    }

    /** Whether a campaign of this kind may have variants at all. */
    public static boolean allowed(CampaignDraft draft) {
        return draft.pushType() == PushType.ALERT && !draft.expert() && !draft.audience().broadcast();
    }

    /**
     * Adds every problem of the draft's variants to {@code errors}, named by the API's paths
     * ({@code variants[1].locale}).
     *
     * @return the variants with their tags trimmed and {@code _} written as {@code -}
     */
    static List<ContentVariant> check(CampaignDraft draft, Instant now, List<FieldError> errors) {
        List<ContentVariant> given = draft.variants();
        if (given.isEmpty()) {
            return given;
        }
        if (!allowed(draft)) {
            errors.add(new FieldError("variants", draft.expert() ? "campaign.variants.raw"
                    : draft.audience().broadcast() ? "campaign.variants.broadcast" : "campaign.variants.alert-only"));
            return given;
        }
        if (given.size() > MAX_VARIANTS) {
            errors.add(new FieldError("variants", "campaign.variants.too-many", MAX_VARIANTS));
        }
        List<ContentVariant> clean = new ArrayList<>(given.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            ContentVariant variant = given.get(i);
            String path = "variants[" + i + "]";
            String locale = checkLocale(path + ".locale", variant.locale(), seen, errors);
            ContentVariant cleaned = new ContentVariant(locale, variant.title(), variant.subtitle(), variant.body());
            if (blank(variant.title()) && blank(variant.subtitle()) && blank(variant.body())) {
                errors.add(new FieldError(path, "campaign.variant.empty"));
            } else {
                checkSize(draft.asVariant(cleaned), now, path, errors);
            }
            clean.add(cleaned);
        }
        return List.copyOf(clean);
    }

    private static String checkLocale(String path, @Nullable String given, Set<String> seen, List<FieldError> errors) {
        String locale = given == null ? "" : given.strip().replace('_', '-');
        if (locale.isEmpty()) {
            errors.add(new FieldError(path, "campaign.variant.locale.required"));
        } else if (locale.length() > MAX_LOCALE) {
            errors.add(new FieldError(path, "error.too-long", MAX_LOCALE));
        } else if (!LocaleMatch.wellFormed(locale)) {
            errors.add(new FieldError(path, "campaign.variant.locale.invalid"));
        } else if (!seen.add(LocaleMatch.normalize(locale))) {
            errors.add(new FieldError(path, "campaign.variant.locale.duplicate", locale));
        }
        return locale;
    }

    private static void checkSize(CampaignDraft variant, Instant now, String path, List<FieldError> errors) {
        Payload payload = payload(variant, now);
        if (payload != null && payload.overLimit()) {
            errors.add(new FieldError(path, "campaign.payload.too-large", payload.bytes(), payload.limit()));
        }
    }

    /**
     * Each variant's payload as it would be sent (before launch, as the default's preview is), in
     * the variants' order; null where the shared content cannot be built (its own field says why). Empty
     * for a campaign that may not have variants.
     */
    public static List<@Nullable Payload> payloads(CampaignDraft draft, Instant now) {
        if (!allowed(draft)) {
            return List.of();
        }
        List<@Nullable Payload> payloads = new ArrayList<>(draft.variants().size());
        draft.variants().forEach(variant -> payloads.add(payload(draft.asVariant(variant), now)));
        return Collections.unmodifiableList(payloads);
    }

    /** The draft's payload as it would be sent, or null where its content cannot be built (its own field says why). */
    static @Nullable Payload payload(CampaignDraft variant, Instant now) {
        try {
            return PayloadBuilder.build(variant, now);
        } catch (ValidationException e) {
            return null;
        }
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
