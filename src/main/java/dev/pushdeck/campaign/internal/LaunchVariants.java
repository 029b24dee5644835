package dev.pushdeck.campaign.internal;

import dev.pushdeck.campaign.AbTest;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.ContentVariant;
import dev.pushdeck.campaign.LocaleMatch;
import dev.pushdeck.campaign.SplitTest;
import dev.pushdeck.campaign.TrackingKey;
import dev.pushdeck.campaign.VariantPayload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The payloads a launched campaign's run keeps beside its default one, numbered as the dispatcher
 * numbers variants (docs/decisions/055-content-per-language.md, 058-ab-tests.md): first the
 * campaign's own wording per locale (1..L), then for each further A/B version its default wording
 * and its wording per locale in the campaign's locale order, so version {@code v}'s wording for
 * locale {@code l} (0 for the default) is variant {@code v * (L + 1) + l}. Each is built as the
 * default was when it was stored: the same builder, the same rules, the tracking key last. Pure.
 */
final class LaunchVariants {

    private LaunchVariants() {
    }

    static List<VariantPayload> of(CampaignDraft draft, Instant launchedAt, UUID campaignId) {
        List<VariantPayload> payloads = new ArrayList<>();
        int versions = draft.abTest() == null ? 1 : draft.abTest().versionCount();
        for (int version = 0; version < versions; version++) {
            CampaignDraft worded = draft.asVersion(version);
            if (version > 0) {
                payloads.add(new VariantPayload(version, null, built(worded, launchedAt, campaignId)));
            }
            for (String locale : draft.variantLocales()) {
                ContentVariant variant = inLocale(worded, locale);
                payloads.add(new VariantPayload(version, locale,
                        built(worded.asVariant(variant), launchedAt, campaignId)));
            }
        }
        return List.copyOf(payloads);
    }

    /** How the dispatcher splits the audience for the campaign's A/B test, or null without one. */
    static @Nullable SplitTest split(CampaignDraft draft) {
        AbTest test = draft.abTest();
        return test == null ? null : new SplitTest(test.testPercent(), test.versionCount(), test.waitDuration());
    }

    /** A version's wording for a locale of the campaign; the rules make every version word each one. */
    private static ContentVariant inLocale(CampaignDraft worded, String locale) {
        return worded.variants().stream()
                .filter(variant -> LocaleMatch.normalize(variant.locale()).equals(LocaleMatch.normalize(locale)))
                .findFirst().orElseThrow(() -> new IllegalStateException("a checked version words every locale"));
    }

    private static String built(CampaignDraft worded, Instant launchedAt, UUID campaignId) {
        return TrackingKey.launched(PayloadBuilder.build(worded, launchedAt).json(), campaignId);
    }
}
