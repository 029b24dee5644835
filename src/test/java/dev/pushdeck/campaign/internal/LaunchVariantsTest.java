package dev.pushdeck.campaign.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.campaign.AbTest;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.ContentVariant;
import dev.pushdeck.campaign.ContentVersion;
import dev.pushdeck.campaign.Expiration;
import dev.pushdeck.campaign.Notification;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.campaign.SplitTest;
import dev.pushdeck.campaign.VariantPayload;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How a launch numbers the payloads of languages and A/B versions (decisions 055 and 058). */
class LaunchVariantsTest {

    private static final Instant LAUNCH = Instant.parse("2026-12-06T12:00:00Z");
    private static final UUID CAMPAIGN = UUID.fromString("6f1c2d3e-4b5a-4c6d-8e7f-901234567890");
    private static final String KEY_LAST = ",\"pd\":{\"c\":\"" + CAMPAIGN + "\"}}";

    @Test
    void twoLanguagesAndVersionsAAndBGiveFivePayloadsAfterTheDefaultInTheDecisionsOrder() {
        CampaignDraft draft = draft(List.of(variant("zh-CN", "你好"), variant("en", "Hi")),
                new AbTest(20, 120, List.of(version("Sale", variant("zh-CN", "促销"), variant("en", "Sale!")))));

        List<VariantPayload> payloads = LaunchVariants.of(draft, LAUNCH, CAMPAIGN);

        assertThat(payloads).extracting(VariantPayload::version, VariantPayload::locale).containsExactly(
                tuple(0, "zh-CN"), tuple(0, "en"), tuple(1, null), tuple(1, "zh-CN"), tuple(1, "en"));
        assertThat(payloads).extracting(payload -> title(payload.payload()))
                .containsExactly("你好", "Hi", "Sale", "促销", "Sale!");
        assertThat(payloads).allSatisfy(payload -> assertThat(payload.payload()).endsWith(KEY_LAST)
                .contains("\"sound\":\"default\""));
    }

    @Test
    void aVersionWordingTheLocalesInAnotherOrderIsPutInTheCampaignsOrder() {
        CampaignDraft draft = draft(List.of(variant("zh-CN", "你好"), variant("en", "Hi"), variant("ja", "こんにちは")),
                new AbTest(20, 120, List.of(version("Sale", variant("JA", "セール"), variant("en", "Sale!"),
                        variant("zh_cn", "促销")))));

        List<VariantPayload> payloads = LaunchVariants.of(draft, LAUNCH, CAMPAIGN);

        assertThat(payloads.subList(3, 7)).extracting(VariantPayload::locale)
                .containsExactly(null, "zh-CN", "en", "ja");
        assertThat(payloads.subList(3, 7)).extracting(payload -> title(payload.payload()))
                .containsExactly("Sale", "促销", "Sale!", "セール");
    }

    @Test
    void versionVWordingLocaleLIsVariantVTimesTheStrideAddedToL() {
        CampaignDraft draft = draft(List.of(variant("en", "Hi")), new AbTest(30, 60, List.of(
                version("B", variant("en", "B en")), version("C", variant("en", "C en")),
                version("D", variant("en", "D en")))));

        List<VariantPayload> payloads = LaunchVariants.of(draft, LAUNCH, CAMPAIGN);

        int stride = 2;
        assertThat(payloads).hasSize(4 * stride - 1);
        assertThat(title(payloads.get(2 * stride + 1 - 1).payload())).as("C in English").isEqualTo("C en");
        assertThat(title(payloads.get(3 * stride - 1).payload())).as("D's default").isEqualTo("D");
    }

    @Test
    void aTestWithoutLanguagesHasOnePayloadPerFurtherVersion() {
        CampaignDraft draft = draft(List.of(), new AbTest(20, 120, List.of(version("B"), version("C"))));

        assertThat(LaunchVariants.of(draft, LAUNCH, CAMPAIGN)).extracting(VariantPayload::version,
                payload -> title(payload.payload())).containsExactly(tuple(1, "B"), tuple(2, "C"));
    }

    @Test
    void aCampaignWithoutLanguagesOrTestHasNoPayloadBesideTheDefault() {
        assertThat(LaunchVariants.of(draft(List.of(), null), LAUNCH, CAMPAIGN)).isEmpty();
        assertThat(LaunchVariants.split(draft(List.of(), null))).isNull();
    }

    @Test
    void theSplitCountsVersionAAmongTheTestedOnes() {
        CampaignDraft draft = draft(List.of(), new AbTest(25, 90, List.of(version("B"), version("C"))));

        assertThat(LaunchVariants.split(draft)).isEqualTo(new SplitTest(25, 3, Duration.ofMinutes(90)));
    }

    private static CampaignDraft draft(List<ContentVariant> variants, AbTest test) {
        Notification hello = new Notification("Hello", null, "Welcome", "default", null, null, null, false, false,
                null, null, null);
        return new CampaignDraft("c", ApnsEnvironment.SANDBOX, hello, null, PushType.ALERT, 10, Expiration.DEFAULT,
                null, null, null, null, null, true, null, variants, test);
    }

    private static ContentVersion version(String title, ContentVariant... variants) {
        return new ContentVersion(title, null, null, Arrays.asList(variants));
    }

    private static ContentVariant variant(String locale, String title) {
        return new ContentVariant(locale, title, null, null);
    }

    private static String title(String payload) {
        return StrictJson.parse(payload, "payload").at("/aps/alert/title").asText();
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
