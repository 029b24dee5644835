package dev.pushdeck.campaign.internal;

import dev.pushdeck.campaign.AbTest;
import dev.pushdeck.campaign.CampaignCheck;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.ContentVersion;
import dev.pushdeck.campaign.LocaleMatch;
import dev.pushdeck.campaign.Payload;
import dev.pushdeck.shared.error.ValidationException.FieldError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The campaign rules of an A/B test, part of {@link CampaignRules} (docs/decisions/058-ab-tests.md).
 * Only a composed alert to devices has one, as for content per language, and not with a
 * device-local time: a test compares versions sent together, and a local time spreads them over a
 * day. The test share is 1 to {@value AbTest#MAX_TEST_PERCENT} %, the wait up to a week, and there
 * are one to three versions beside the campaign's own; each has some text, words every language
 * the campaign has and no other, and fits Apple's limit. Pure apart from the "now" it is given;
 * thread-safe.
 */
public final class AbTestRules {

    private AbTestRules() {
    }

    /**
     * Adds every problem of the draft's test to {@code errors}, named by the API's paths
     * ({@code abTest.versions[0].variants[1].locale}).
     *
     * @return the test with each version's tags cleaned as the campaign's are, or null without one
     */
    static @Nullable AbTest check(CampaignDraft draft, Instant now, List<FieldError> errors) {
        AbTest test = draft.abTest();
        if (test == null) {
            return null;
        }
        if (!VariantRules.allowed(draft)) {
            errors.add(new FieldError("abTest", "campaign.abTest.alert-only"));
            return test;
        }
        if (draft.schedule() != null && draft.schedule().deviceLocalTime()) {
            errors.add(new FieldError("abTest", "campaign.abTest.local-time"));
        }
        if (test.testPercent() < 1 || test.testPercent() > AbTest.MAX_TEST_PERCENT) {
            errors.add(new FieldError("abTest.testPercent", "campaign.abTest.test-percent", AbTest.MAX_TEST_PERCENT));
        }
        if (test.waitMinutes() < 1 || test.waitMinutes() > AbTest.MAX_WAIT_MINUTES) {
            errors.add(new FieldError("abTest.waitMinutes", "campaign.abTest.wait", AbTest.MAX_WAIT_MINUTES));
        }
        if (test.versions().isEmpty() || test.versionCount() > AbTest.MAX_VERSIONS) {
            errors.add(new FieldError("abTest.versions", "campaign.abTest.versions", AbTest.MAX_VERSIONS - 1));
            return test;
        }
        List<ContentVersion> clean = new ArrayList<>();
        for (int i = 0; i < test.versions().size(); i++) {
            clean.add(checkVersion(draft.withAbTest(test), i, now, errors));
        }
        return new AbTest(test.testPercent(), test.waitMinutes(), clean);
    }

    private static ContentVersion checkVersion(CampaignDraft draft, int index, Instant now, List<FieldError> errors) {
        String path = "abTest.versions[" + index + "]";
        ContentVersion version = draft.abTest().versions().get(index);
        CampaignDraft worded = draft.asVersion(index + 1);
        if (blank(version.title()) && blank(version.subtitle()) && blank(version.body())) {
            errors.add(new FieldError(path, "campaign.abTest.version.empty"));
        } else {
            Payload payload = VariantRules.payload(worded.withVariants(List.of()), now);
            if (payload != null && payload.overLimit()) {
                errors.add(new FieldError(path, "campaign.payload.too-large", payload.bytes(), payload.limit()));
            }
        }
        List<FieldError> own = new ArrayList<>();
        CampaignDraft cleaned = worded.withVariants(VariantRules.check(worded, now, own));
        own.forEach(error -> errors.add(new FieldError(path + "." + error.field(), error.key(), error.args())));
        if (own.isEmpty() && !locales(cleaned).equals(locales(draft))) {
            errors.add(draft.variants().isEmpty() ? new FieldError(path + ".variants", "campaign.abTest.locales.none")
                    : new FieldError(path + ".variants", "campaign.abTest.locales",
                    String.join(", ", draft.variantLocales())));
        }
        return new ContentVersion(version.title(), version.subtitle(), version.body(), cleaned.variants());
    }

    /**
     * Each further version's payloads as the composer's check shows them, built whatever the rules say of
     * them: its default wording's and one per locale of the version; empty without a test or where a
     * campaign cannot have one.
     */
    public static List<CampaignCheck.VersionPayloads> payloads(CampaignDraft draft, Instant now) {
        if (draft.abTest() == null || !VariantRules.allowed(draft)) {
            return List.of();
        }
        List<CampaignCheck.VersionPayloads> payloads = new ArrayList<>();
        for (int version = 1; version < draft.abTest().versionCount(); version++) {
            CampaignDraft worded = draft.asVersion(version);
            payloads.add(new CampaignCheck.VersionPayloads(VariantRules.payload(worded.withVariants(List.of()), now),
                    VariantRules.payloads(worded, now)));
        }
        return List.copyOf(payloads);
    }

    private static Set<String> locales(CampaignDraft draft) {
        return draft.variantLocales().stream().map(LocaleMatch::normalize).collect(Collectors.toSet());
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
