package dev.pushdeck.campaign.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.Expiration;
import dev.pushdeck.campaign.Notification;
import dev.pushdeck.campaign.Payload;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.campaign.TrackingKey;
import dev.pushdeck.shared.error.ValidationException;
import org.junit.jupiter.api.Test;

class PayloadBuilderTest {

    /** A draft without the tracking key: these tests are about Apple's keys. */
    static CampaignDraft draft(PushType type, Notification notification) {
        return tracked(type, notification).withTrackOpens(false);
    }

    static CampaignDraft tracked(PushType type, Notification notification) {
        return new CampaignDraft("c", ApnsEnvironment.SANDBOX, notification, null, type, 10, Expiration.NONE, null, null,
                null, null);
    }

    static Notification alert(String title, String subtitle, String body) {
        return new Notification(title, subtitle, body, null, null, null, null, false, false, null, null, null);
    }

    static String json(PushType type, Notification notification) {
        return PayloadBuilder.build(draft(type, notification)).json();
    }

    @Test
    void anAlertHasTitleSubtitleAndBodyInsideApsAlertAsCompactJson() {
        assertThat(json(PushType.ALERT, alert("Dinner", "Tonight", "Is ready")))
                .isEqualTo("{\"aps\":{\"alert\":{\"title\":\"Dinner\",\"subtitle\":\"Tonight\",\"body\":\"Is ready\"}}}");
    }

    @Test
    void everyApsKeyUsesApplesDocumentedNameAndType() {
        Notification all = new Notification("T", null, "B", "default", 3, "REPLY", "chat-7", true, true,
                "time-sensitive", 0.75, null);
        assertThat(json(PushType.ALERT, all)).isEqualTo("{\"aps\":{\"alert\":{\"title\":\"T\",\"body\":\"B\"},"
                + "\"badge\":3,\"sound\":\"default\",\"thread-id\":\"chat-7\",\"category\":\"REPLY\","
                + "\"content-available\":1,\"mutable-content\":1,\"interruption-level\":\"time-sensitive\","
                + "\"relevance-score\":0.75}}");
    }

    @Test
    void aBadgeOfZeroClearsTheBadgeAndNoBadgeLeavesItUnchanged() {
        Notification zero = new Notification("T", null, null, null, 0, null, null, false, false, null, null, null);
        assertThat(json(PushType.ALERT, zero)).contains("\"badge\":0");
        assertThat(json(PushType.ALERT, alert("T", null, null))).doesNotContain("badge");
    }

    @Test
    void soundNoneOrBlankIsSilentAndACustomNameIsSentAsIs() {
        Notification none = new Notification("T", null, null, "none", null, null, null, false, false, null, null,
                null);
        Notification custom = new Notification("T", null, null, "chime.caf", null, null, null, false, false, null,
                null, null);
        assertThat(json(PushType.ALERT, none)).doesNotContain("sound");
        assertThat(json(PushType.ALERT, custom)).contains("\"sound\":\"chime.caf\"");
    }

    @Test
    void customDataGoesAtTheTopLevelBesideApsInTheOrderWritten() {
        Notification data = new Notification("T", null, null, null, null, null, null, false, false, null, null,
                "{\"z\":1,\"a\":{\"deep\":[1,2]},\"url\":\"https://x.test/?a=<b>\"}");
        assertThat(json(PushType.ALERT, data)).isEqualTo(
                "{\"aps\":{\"alert\":{\"title\":\"T\"}},\"z\":1,\"a\":{\"deep\":[1,2]},\"url\":\"https://x.test/?a=<b>\"}");
    }

    @Test
    void aBackgroundPushHasContentAvailableAndNoAlertSoundOrBadge() {
        Notification content = new Notification("T", null, "B", "default", 1, null, null, false, false, null, null,
                "{\"sync\":true}");
        assertThat(json(PushType.BACKGROUND, content)).isEqualTo("{\"aps\":{\"content-available\":1},\"sync\":true}");
        assertThat(PushType.BACKGROUND.effectivePriority(10)).isEqualTo(5);
    }

    @Test
    void voipPayloadsMayHave5120BytesAndOthers4096() {
        assertThat(PayloadBuilder.build(draft(PushType.VOIP, alert("T", null, null))).limit()).isEqualTo(5120);
        assertThat(PayloadBuilder.build(draft(PushType.ALERT, alert("T", null, null))).limit()).isEqualTo(4096);
    }

    @Test
    void theSizeIsCountedInUtf8BytesNotCharacters() {
        Payload chinese = PayloadBuilder.build(draft(PushType.ALERT, alert(null, null, "中文")));
        Payload emoji = PayloadBuilder.build(draft(PushType.ALERT, alert(null, null, "😀")));
        Payload ascii = PayloadBuilder.build(draft(PushType.ALERT, alert(null, null, "ab")));
        assertThat(chinese.bytes() - ascii.bytes()).isEqualTo(6 - 2);
        assertThat(emoji.bytes() - ascii.bytes()).isEqualTo(4 - 2);
    }

    @Test
    void theTrackingKeyEndsThePayloadAndItsSizeCountsTheWidestDeliveryId() {
        Payload tracked = PayloadBuilder.build(tracked(PushType.ALERT, alert("T", null, null)));
        String expected = "{\"aps\":{\"alert\":{\"title\":\"T\"}},\"pd\":{\"c\":\"" + TrackingKey.NOT_LAUNCHED + "\"}}";

        assertThat(tracked.json()).isEqualTo(expected);
        assertThat(tracked.bytes()).isEqualTo(expected.length() + ",\"d\":\"9223372036854775807\"".length());
        assertThat(TrackingKey.carriedBy(tracked.json())).isTrue();
    }

    @Test
    void aLaunchNamesTheCampaignInTheKeyAndLeavesAPayloadWithoutOneAlone() {
        java.util.UUID campaign = java.util.UUID.randomUUID();
        String stored = PayloadBuilder.build(tracked(PushType.BACKGROUND, alert("T", null, null))).json();

        assertThat(TrackingKey.launched(stored, campaign))
                .isEqualTo("{\"aps\":{\"content-available\":1},\"pd\":{\"c\":\"" + campaign + "\"}}");
        assertThat(TrackingKey.launched("{\"aps\":{}}", campaign)).isEqualTo("{\"aps\":{}}");
    }

    @Test
    void pushTypesWhoseAppNeverReadsThePayloadGetNoKey() {
        for (PushType type : new PushType[] {PushType.FILEPROVIDER, PushType.LIVEACTIVITY}) {
            assertThat(PayloadBuilder.build(tracked(type, alert("T", null, null))).json()).doesNotContain("pd");
        }
        CampaignDraft mdm = new CampaignDraft("c", ApnsEnvironment.SANDBOX, null, "{\"mdm\":\"m-1\"}", PushType.MDM, 10,
                null, null, null, null, null);
        assertThat(PayloadBuilder.build(mdm).json()).isEqualTo("{\"mdm\":\"m-1\"}");
    }

    @Test
    void contentThatAlreadyHasAPdKeyIsRefusedWhileTrackingIsOn() {
        Notification data = new Notification("T", null, null, null, null, null, null, false, false, null, null,
                "{\"pd\":1}");
        CampaignDraft raw = new CampaignDraft("c", ApnsEnvironment.SANDBOX, null, "{\"aps\":{},\"pd\":1}", PushType.ALERT,
                10, null, null, null, null, null);

        assertThatThrownBy(() -> PayloadBuilder.build(tracked(PushType.ALERT, data)))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.errors().get(0).field()).isEqualTo("notification.data");
                    assertThat(e.messageKey()).isEqualTo("campaign.tracking-key.taken");
                });
        assertThatThrownBy(() -> PayloadBuilder.build(raw)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors().get(0).field()).isEqualTo("rawPayload"));
        assertThat(PayloadBuilder.build(raw.withTrackOpens(false)).json()).isEqualTo("{\"aps\":{},\"pd\":1}");
    }

    @Test
    void htmlInTextStaysLiteralInThePayload() {
        assertThat(json(PushType.ALERT, alert("<script>alert(1)</script>", null, null)))
                .contains("\"title\":\"<script>alert(1)</script>\"");
    }

    @Test
    void aRawPayloadIsSentCompactlyWithItsKeysInOrder() {
        CampaignDraft raw = new CampaignDraft("c", ApnsEnvironment.SANDBOX, null,
                "{ \"aps\" : { \"alert\" : \"Hi\" },\n \"x\" : [ 1 , 2 ] }", PushType.ALERT, 10, null, null, null,
                null, null).withTrackOpens(false);
        assertThat(PayloadBuilder.build(raw).json()).isEqualTo("{\"aps\":{\"alert\":\"Hi\"},\"x\":[1,2]}");
    }

    @Test
    void customDataThatIsNotAnObjectOrTouchesApsOrRepeatsAKeyOrNestsTooDeeplyIsRefused() {
        assertDataRefused("[1,2]", "campaign.data.not-object");
        assertDataRefused("{\"aps\":{}}", "campaign.data.aps");
        assertDataRefused("{\"a\":1,\"a\":2}", "campaign.json.duplicate-key");
        assertDataRefused("{\"a\":{\"b\":1,\"b\":2}}", "campaign.json.duplicate-key");
        assertDataRefused("{nope", "campaign.json.invalid");
        assertDataRefused("{\"a\":1} trailing", "campaign.json.invalid");
        assertDataRefused("{\"a\":" + "[".repeat(32) + "]".repeat(32) + "}", "campaign.json.too-deep");
        assertThat(PayloadBuilder.customData("{\"a\":" + "[".repeat(31) + "]".repeat(31) + "}")).isNotNull();
    }

    @Test
    void aRawPayloadMustBeAJsonObjectWithAnApsObject() {
        assertRawRefused("not json", "campaign.json.invalid");
        assertRawRefused("[]", "campaign.raw.not-object");
        assertRawRefused("{\"alert\":\"x\"}", "campaign.raw.no-aps");
        assertRawRefused("{\"aps\":\"x\"}", "campaign.raw.no-aps");
    }

    @Test
    void eachPushTypeHasApplesTopicSuffix() {
        assertThat(PushType.ALERT.topic("com.example.app")).isEqualTo("com.example.app");
        assertThat(PushType.VOIP.topic("com.example.app")).isEqualTo("com.example.app.voip");
        assertThat(PushType.COMPLICATION.topic("com.example.app")).isEqualTo("com.example.app.complication");
        assertThat(PushType.LIVEACTIVITY.topic("com.example.app")).isEqualTo("com.example.app.push-type.liveactivity");
        assertThat(PushType.PUSHTOTALK.topic("com.example.app")).isEqualTo("com.example.app.voip-ptt");
    }

    private static void assertDataRefused(String data, String key) {
        assertThatThrownBy(() -> PayloadBuilder.customData(data)).isInstanceOfSatisfying(ValidationException.class,
                e -> {
                    assertThat(e.errors().get(0).field()).isEqualTo("notification.data");
                    assertThat(e.messageKey()).isEqualTo(key);
                });
    }

    private static void assertRawRefused(String raw, String key) {
        CampaignDraft draft = new CampaignDraft("c", ApnsEnvironment.SANDBOX, null, raw, PushType.ALERT, 10, null, null,
                null, null, null);
        assertThatThrownBy(() -> PayloadBuilder.build(draft)).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.errors().get(0).field()).isEqualTo("rawPayload");
            assertThat(e.messageKey()).isEqualTo(key);
        });
    }
}
