package dev.pushdeck.campaign.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.campaign.AudienceSpec;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.LiveActivity;
import dev.pushdeck.campaign.LiveActivity.Event;
import dev.pushdeck.campaign.Notification;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.error.ValidationException.FieldError;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The payload of each Live Activity event, key by key as Apple names them, and the rules of each. */
class LiveActivityPayloadTest {

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(3600);

    private static CampaignDraft draft(LiveActivity activity) {
        return draft(activity, AudienceSpec.ALL_DEVICES);
    }

    private static CampaignDraft draft(LiveActivity activity, AudienceSpec audience) {
        return new CampaignDraft("Order 1042", ApnsEnvironment.PRODUCTION, null, null, PushType.LIVEACTIVITY, 10, null,
                null, audience, null, null, activity);
    }

    private static LiveActivity start() {
        return new LiveActivity(Event.START, "DeliveryAttributes", "{\"orderNumber\":1042}",
                "{\"status\":\"preparing\",\"eta\":20}", LATER, null, 75.0, "Order placed", "We are on it",
                "default");
    }

    private static List<String> fields(CampaignDraft draft) {
        return CampaignRules.check(draft, NOW).errors().stream().map(FieldError::field).toList();
    }

    @Test
    void aStartCarriesTheAttributesTheirTypeAnAlertAndAsksForTheActivitysUpdateToken() {
        String json = PayloadBuilder.build(draft(start()), NOW).json();

        assertThat(json).isEqualTo("{\"aps\":{\"timestamp\":1796115600,\"event\":\"start\","
                + "\"content-state\":{\"status\":\"preparing\",\"eta\":20},\"attributes-type\":\"DeliveryAttributes\","
                + "\"attributes\":{\"orderNumber\":1042},\"stale-date\":1796119200,\"relevance-score\":75,"
                + "\"alert\":{\"title\":\"Order placed\",\"body\":\"We are on it\",\"sound\":\"default\"},"
                + "\"input-push-token\":1}}");
        assertThat(fields(draft(start()))).isEmpty();
    }

    @Test
    void anUpdateCarriesTheContentStateAndWhatItWasGivenButNoAttributes() {
        LiveActivity update = new LiveActivity(Event.UPDATE, "DeliveryAttributes", null, "{\"status\":\"on its way\"}",
                LATER, null, 0.5, null, null, null);

        assertThat(PayloadBuilder.build(draft(update), NOW).json()).isEqualTo("{\"aps\":{\"timestamp\":1796115600,"
                + "\"event\":\"update\",\"content-state\":{\"status\":\"on its way\"},\"stale-date\":1796119200,"
                + "\"relevance-score\":0.5}}");
        assertThat(fields(draft(update))).isEmpty();
    }

    @Test
    void anEndCarriesItsFinalStateAndDismissalDate() {
        LiveActivity end = new LiveActivity(Event.END, "DeliveryAttributes", null, "{\"status\":\"delivered\"}", null,
                LATER, null, null, null, null);

        assertThat(PayloadBuilder.build(draft(end), NOW).json()).isEqualTo("{\"aps\":{\"timestamp\":1796115600,"
                + "\"event\":\"end\",\"content-state\":{\"status\":\"delivered\"},\"dismissal-date\":1796119200}}");
        assertThat(fields(draft(end))).isEmpty();
    }

    @Test
    void theLaunchStampsTheTimestampAndKeepsTheSize() {
        String saved = PayloadBuilder.build(draft(start()), NOW).json();
        String launched = LiveActivityPayload.stamp(saved, LATER);

        assertThat(launched).contains("\"timestamp\":1796119200").startsWith("{\"aps\":{\"timestamp\"");
        assertThat(launched).hasSameSizeAs(saved);
    }

    @Test
    void eachEventIsRefusedWhatItDoesNotTake() {
        LiveActivity startWithout = new LiveActivity(Event.START, "DeliveryAttributes", null, null, null, null, null,
                null, null, null);
        assertThat(fields(draft(startWithout))).contains("liveActivity.attributes", "liveActivity.contentState",
                "liveActivity.alert");

        LiveActivity updateWithAll = new LiveActivity(Event.UPDATE, "DeliveryAttributes", "{\"a\":1}", "{}",
                NOW.minusSeconds(1), LATER, -1.0, null, null, null);
        assertThat(fields(draft(updateWithAll))).contains("liveActivity.attributes", "liveActivity.staleDate",
                "liveActivity.dismissalDate", "liveActivity.relevanceScore");

        LiveActivity endWithAlert = new LiveActivity(Event.END, "DeliveryAttributes", null, null, LATER, null, null,
                "Delivered", "Enjoy", null);
        assertThat(fields(draft(endWithAlert))).contains("liveActivity.alert", "liveActivity.staleDate");
    }

    @Test
    void theContentStateMustBeAJsonObjectAndTheTypeASwiftName() {
        LiveActivity bad = new LiveActivity(Event.UPDATE, "Delivery Attributes", null, "[1,2]", null, null, null,
                null, null, null);
        assertThat(fields(draft(bad))).contains("liveActivity.attributesType", "liveActivity.contentState");

        LiveActivity duplicate = LiveActivity.update("DeliveryAttributes", "{\"eta\":1,\"eta\":2}");
        assertThat(CampaignRules.check(draft(duplicate), NOW).errors()).anySatisfy(error -> {
            assertThat(error.field()).isEqualTo("liveActivity.contentState");
            assertThat(error.key()).isEqualTo("campaign.json.duplicate-key");
        });
    }

    @Test
    void aLiveActivityIsComposedNeverRawAndLiveActivityFieldsBelongToItAlone() {
        CampaignDraft raw = new CampaignDraft("Raw", ApnsEnvironment.PRODUCTION, null, "{\"aps\":{\"event\":\"update\"}}",
                PushType.LIVEACTIVITY, 10, null, null, AudienceSpec.ALL_DEVICES, null, null, null);
        assertThat(fields(raw)).contains("rawPayload");

        CampaignDraft alertWithActivity = new CampaignDraft("Alert", ApnsEnvironment.PRODUCTION,
                new Notification("Hi", null, null, null, null, null, null, false, false, null, null, null), null,
                PushType.ALERT, 10, null, null, AudienceSpec.activities(List.of("order-1")), null, null,
                LiveActivity.update("DeliveryAttributes", "{}"));
        assertThat(fields(alertWithActivity)).contains("liveActivity", "audience.type");
    }

    @Test
    void someActivitiesAreNamedByIdAndAStartCannotTargetThem() {
        LiveActivity update = LiveActivity.update("DeliveryAttributes", "{}");
        assertThat(fields(draft(update, AudienceSpec.activities(List.of("order-1", " order-2 "))))).isEmpty();
        assertThat(fields(draft(update, AudienceSpec.activities(List.of()))))
                .contains("audience.activityIds");
        assertThat(fields(draft(start(), AudienceSpec.activities(List.of("order-1"))))).contains("audience.type");
    }

    @Test
    void aPayloadOverAppleLimitIsNamedOnTheLiveActivity() {
        LiveActivity big = LiveActivity.update("DeliveryAttributes", "{\"text\":\"" + "x".repeat(4100) + "\"}");

        assertThat(CampaignRules.check(draft(big), NOW).errors()).anySatisfy(error -> {
            assertThat(error.field()).isEqualTo("liveActivity");
            assertThat(error.key()).isEqualTo("campaign.payload.too-large");
        });
    }

    @Test
    void aBroadcastUpdateIsStampedNowAndNeedsNoAttributesType() {
        String payload = LiveActivityPayload.broadcast(LiveActivity.update(null, "{\"home\":2}"), NOW);

        assertThat(payload).isEqualTo("{\"aps\":{\"timestamp\":" + NOW.getEpochSecond()
                + ",\"event\":\"update\",\"content-state\":{\"home\":2}}}");
    }

    @Test
    void aStartCannotBeBroadcastAndAnOversizedBroadcastIsRefusedWithItsSize() {
        assertThatThrownBy(() -> LiveActivityPayload.broadcast(start(), NOW))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("liveActivity.event"));

        String huge = "{\"text\":\"" + "x".repeat(PushType.LIVEACTIVITY.limit()) + "\"}";
        assertThatThrownBy(() -> LiveActivityPayload.broadcast(
                        LiveActivity.update(null, huge), NOW))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::key).containsExactly("campaign.payload.too-large"));
    }
}
