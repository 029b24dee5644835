package dev.pushdeck.history.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.pushdeck.campaign.AbTest;
import dev.pushdeck.campaign.api.CampaignJson;
import dev.pushdeck.dispatch.DeliveryStatus;
import dev.pushdeck.dispatch.RunProgress;
import dev.pushdeck.history.AbTestReport;
import dev.pushdeck.history.Engagement;
import dev.pushdeck.history.VariantOutcome;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
                          @Nullable List<VariantReportJson> byLanguage,
                          @Schema(description = "the A/B test side by side (docs/decisions/058-ab-tests.md); absent "
                                  + "for a campaign without a test or before the launch")
                          @Nullable AbTestJson abTest) {

    /**
     * A campaign's A/B test: its versions' tested deliveries with the counts behind each open rate,
     * the verdict on them, and the decision with what the rest got.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CampaignAbTest")
    record AbTestJson(
            @Schema(description = "the share of the audience tested, split evenly between the versions") int testPercent,
            @Schema(description = "when the test is decided by open rate unless a version is picked first")
            Instant decideAt,
            @Schema(description = "the version the rest gets (\"A\" is the campaign's own content); absent while "
                    + "undecided") @Nullable String winner,
            @Nullable Instant decidedAt,
            @Schema(description = "who picked the winner (a person's or an API token's name); absent when the test "
                    + "was decided by open rate or is undecided") @Nullable String pickedBy,
            @Schema(description = "how the winner was chosen: openRate or person; absent while undecided",
                    allowableValues = {"openRate", "person"}) @Nullable String decidedBy,
            @Schema(description = "deliveries the launch held for the winner") long held,
            @Schema(description = "when the held deliveries were released to the winner") @Nullable Instant releasedAt,
            @Schema(description = "the version with the best open rate over accepted (a tie goes to the earlier "
                    + "version)") String leader,
            @Schema(description = "whether the leader's lead over the runner-up is large enough to call (95 %); "
                    + "false means too small to call") boolean callable,
            @Schema(description = "each version's tested deliveries, A first") List<AbVersionJson> versions,
            @Schema(description = "the rest's deliveries so far, all with the winner; zeros before the release")
            AbOutcomeJson rest) {

        static AbTestJson of(AbTestReport test) {
            Integer winner = test.winner();
            return new AbTestJson(test.testPercent(), test.decideAt(), winner == null ? null : AbTest.letter(winner),
                    test.decidedAt(), test.pickedBy(),
                    winner == null ? null : test.pickedBy() == null ? "openRate" : "person", test.held(),
                    test.releasedAt(), AbTest.letter(test.verdict().leader()), test.verdict().callable(),
                    test.versions().stream().map(AbVersionJson::of).toList(), AbOutcomeJson.of(test.rest()));
        }
    }

    /** One version's tested deliveries: finished (with an outcome so far), accepted, received, opened, opens over accepted. */
    @Schema(name = "CampaignAbVersion")
    record AbVersionJson(String version, long finished, long accepted, long received, long opened, double openRate) {

        static AbVersionJson of(VariantOutcome v) {
            return new AbVersionJson(Objects.requireNonNull(v.label(), "a version has its letter"), v.finished(),
                    v.accepted(), v.received(), v.opened(), EngagementJson.round(v.openedRate()));
        }
    }

    /** Deliveries with an outcome so far, accepted, received, opened, and opens over accepted. */
    @Schema(name = "CampaignAbOutcome")
    record AbOutcomeJson(long finished, long accepted, long received, long opened, double openRate) {

        static AbOutcomeJson of(VariantOutcome v) {
            return new AbOutcomeJson(v.finished(), v.accepted(), v.received(), v.opened(),
                    EngagementJson.round(v.openedRate()));
        }
    }

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
                                 @Nullable Engagement engagement, List<VariantOutcome> byVariant,
                                 @Nullable AbTestReport abTest) {
        return progress == null || engagement == null ? new CampaignReportJson(campaign, null, null, null, null, null)
                : new CampaignReportJson(campaign, Counts.of(progress), progress.byReason(),
                EngagementJson.of(engagement, progress.count(DeliveryStatus.ACCEPTED)),
                byVariant.isEmpty() ? null : byVariant.stream().map(VariantReportJson::of).toList(),
                abTest == null ? null : AbTestJson.of(abTest));
    }
}
