package dev.pushdeck.history.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.pushdeck.campaign.api.CampaignJson;
import dev.pushdeck.dispatch.DeliveryStatus;
import dev.pushdeck.dispatch.RunProgress;
import dev.pushdeck.history.Engagement;
import dev.pushdeck.history.VariantOutcome;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A campaign as the campaign module shows it, plus its delivery counts from the
 * dispatcher's stored counters. A campaign never launched (draft, scheduled) has no counts
 * at all rather than invented zeros.
 *
 * @param rejectedByReason deliveries not accepted, by reason: Apple's (or the dispatcher's) for REJECTED and FAILED,
 *                         {@code QuietHours} or {@code FrequencyCap} for SKIPPED
 * @param engagement       what the app reported: receipts and opens, with rates over the accepted deliveries
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CampaignReportJson(@JsonUnwrapped CampaignJson campaign, @Nullable Counts counts,
                          @Nullable Map<String, Long> rejectedByReason, @Nullable EngagementJson engagement,
                          @Schema(description = "per content variant, the default (locale absent) first: deliveries "
                                  + "with an outcome so far, accepted, received, opened and the open rate over "
                                  + "accepted; absent without variants or before the launch")
                          @Nullable List<VariantReportJson> byLanguage) {

    /** One content of a campaign with content per language, read from its delivery log. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VariantReportJson(@Nullable String locale, long finished, long accepted, long received, long opened,
                             double openedRate) {

        static VariantReportJson of(VariantOutcome v) {
            return new VariantReportJson(v.label(), v.finished(), v.accepted(), v.received(), v.opened(),
                    EngagementJson.round(v.openedRate()));
        }
    }

    /**
     * Deliveries the app reported received (its Notification Service Extension ran) and opened (tapped),
     * each once, and each count over {@code counts.accepted}: accepted by APNs, which is not delivered.
     */
    @Schema(name = "CampaignEngagement")
    record EngagementJson(long received, long opened, double receivedRate, double openedRate) {

        static EngagementJson of(Engagement e, long accepted) {
            return new EngagementJson(e.received(), e.opened(), round(Engagement.rate(e.received(), accepted)),
                    round(Engagement.rate(e.opened(), accepted)));
        }

        static double round(double rate) {
            return Math.round(rate * 10_000) / 10_000.0;
        }
    }

    record Counts(long targeted, long pending, long inFlight, long accepted, long rejected, long failed, long expired,
                  long cancelled, @Schema(description = "not sent, by the campaign's choice (quiet hours); not "
                          + "a failure") long skipped) {

        static Counts of(RunProgress p) {
            return new Counts(p.total(), p.count(DeliveryStatus.PENDING), p.count(DeliveryStatus.IN_FLIGHT),
                    p.count(DeliveryStatus.ACCEPTED), p.count(DeliveryStatus.REJECTED),
                    p.count(DeliveryStatus.FAILED), p.count(DeliveryStatus.EXPIRED),
                    p.count(DeliveryStatus.CANCELLED), p.count(DeliveryStatus.SKIPPED));
        }
    }

    static CampaignReportJson of(CampaignJson campaign, @Nullable RunProgress progress,
                                 @Nullable Engagement engagement, List<VariantOutcome> byVariant) {
        return progress == null || engagement == null ? new CampaignReportJson(campaign, null, null, null, null)
                : new CampaignReportJson(campaign, Counts.of(progress), progress.byReason(),
                EngagementJson.of(engagement, progress.count(DeliveryStatus.ACCEPTED)),
                byVariant.isEmpty() ? null : byVariant.stream().map(VariantReportJson::of).toList());
    }
}
