package dev.pushdeck.history.api;

import dev.pushdeck.history.DeliveryEntry;
import dev.pushdeck.history.SentWording;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One delivery in the API. {@code id} is the cursor for {@code after}/{@code before};
 * {@code campaignId} says which send it belongs to (the run id is the campaign id);
 * {@code apnsUniqueId} is Apple's id of a sandbox send or broadcast in its Push Notifications Console;
 * {@code receivedAt} and {@code openedAt} are when the app reported it received and opened (absent when it did not);
 * {@code version}, {@code language} and {@code abTestGroup} name the wording it got (null for a campaign in one
 * language without an A/B test; docs/decisions/060-the-delivery-log-names-each-wording.md).
 */
record DeliveryJson(long id, UUID campaignId, String token, String status, int attempts, @Nullable UUID apnsId,
                    @Nullable Integer statusCode, @Nullable String reason, @Nullable Instant lastAttemptAt,
                    @Nullable Instant acceptedAt, @Nullable Instant appleTimestamp, @Nullable UUID apnsUniqueId,
                    @Nullable Instant receivedAt, @Nullable Instant openedAt,
                    @Schema(description = "the A/B test version's letter; the winner's for the rest, null while "
                            + "undecided or without a test") @Nullable String version,
                    @Schema(description = "the locale tag of the wording; null for the default wording")
                    @Nullable String language,
                    @Schema(description = "which part of an A/B test's audience; null without a test",
                            allowableValues = {"test", "rest"}) @Nullable String abTestGroup) {

    static DeliveryJson of(DeliveryEntry d) {
        SentWording wording = d.wording();
        return new DeliveryJson(d.id(), d.runId(), d.token(), d.status().name(), d.attempts(), d.apnsId(),
                d.statusCode(), d.reason(), d.lastAttemptAt(), d.acceptedAt(), d.appleTimestamp(), d.apnsUniqueId(),
                d.receivedAt(), d.openedAt(), wording == null ? null : wording.letter(),
                wording == null ? null : wording.language(), wording == null ? null : wording.abTestGroup());
    }
}
