package dev.pushdeck.history;

import dev.pushdeck.dispatch.RunProgress;
import dev.pushdeck.dispatch.RunSnapshot;
import dev.pushdeck.dispatch.reports.RunReports;
import dev.pushdeck.history.internal.DeliveryLog;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.Role;
import dev.pushdeck.shared.error.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Send history for the views and the REST API: a campaign's progress, charts and deliveries,
 * an app's and a device's delivery log, the team's statistics. Every call asks again who is asking: the team comes from
 * the current principal and a person's role is read again from the database
 * ({@link CurrentActor#recheck}), so a member who was removed, or switched team in another
 * tab, gets nothing more from a page they opened before
 * (docs/decisions/028-every-read-rechecks-who-asks.md).
 *
 * <p>Failures: {@link AccessDeniedException} when the asker may no longer read the team's
 * history; {@link NotFoundException} for a campaign that is not the current team's. Another
 * team's app or device simply has no deliveries. Thread-safe; blocking database reads.
 */
@Service
public class DeliveryHistory {

    private final RunReports runs;
    private final DeliveryLog log;
    private final CurrentActor actor;

    DeliveryHistory(RunReports runs, DeliveryLog log, CurrentActor actor) {
        this.runs = runs;
        this.log = log;
        this.actor = actor;
    }

    /** The campaign's progress, empty before it was launched. */
    @PreAuthorize("hasRole('VIEWER')")
    public Optional<RunProgress> progress(UUID campaignId) {
        UUID team = team();
        return runs.exists(team, campaignId) ? Optional.of(runs.progress(team, campaignId)) : Optional.empty();
    }

    /** What a launched campaign sent, fixed at launch. */
    @PreAuthorize("hasRole('VIEWER')")
    public RunSnapshot snapshot(UUID campaignId) {
        return runs.snapshot(team(), campaignId);
    }

    /** A launched campaign's outcomes over time ({@link DeliveryLog#throughput}). */
    @PreAuthorize("hasRole('VIEWER')")
    public List<OutcomeBucket> throughput(UUID campaignId) {
        return log.throughput(team(), campaignId);
    }

    /** How many of a launched campaign's deliveries the app reported received and opened ({@link DeliveryLog#engagement}). */
    @PreAuthorize("hasRole('VIEWER')")
    public Engagement engagement(UUID campaignId) {
        return log.engagement(team(), campaignId);
    }

    /**
     * A launched campaign's outcomes and opens per language ({@link DeliveryLog#byVariant}): per
     * content variant, summed over the versions of an A/B test. Empty for a campaign in one language.
     */
    @PreAuthorize("hasRole('VIEWER')")
    public List<VariantOutcome> byVariant(UUID campaignId) {
        UUID team = team();
        List<VariantOutcome> variants = log.byVariant(team, campaignId);
        return runs.splitTest(team, campaignId).isPresent() ? VariantOutcome.byLanguage(variants) : variants;
    }

    /** A launched campaign's A/B test side by side, or empty for a campaign without one (docs/decisions/058-ab-tests.md). */
    @PreAuthorize("hasRole('VIEWER')")
    public Optional<AbTestReport> abTest(UUID campaignId) {
        UUID team = team();
        return runs.splitTest(team, campaignId).map(test -> AbTestReport.of(test, log.byVariant(team, campaignId)));
    }

    /** A launched campaign's receipts and opens over time ({@link DeliveryLog#engagementOverTime}). */
    @PreAuthorize("hasRole('VIEWER')")
    public List<EngagementBucket> engagementOverTime(UUID campaignId) {
        return log.engagementOverTime(team(), campaignId);
    }

    /** A page of a launched campaign's deliveries in queue order ({@link DeliveryLog#ofRun}). */
    @PreAuthorize("hasRole('VIEWER')")
    public List<DeliveryEntry> ofCampaign(UUID campaignId, @Nullable DeliveryFilter filter, long afterId, int limit) {
        return log.ofRun(team(), campaignId, filter, afterId, limit);
    }

    /** A page of an app's final outcomes, newest first ({@link DeliveryLog#ofApp}). */
    @PreAuthorize("hasRole('VIEWER')")
    public List<DeliveryEntry> ofApp(UUID appId, @Nullable DeliveryFilter filter, long beforeId, int limit) {
        return log.ofApp(team(), appId, filter, beforeId, limit);
    }

    /** The team's outcomes since {@code since}, by the hour ({@link DeliveryLog#stats}). */
    @PreAuthorize("hasRole('VIEWER')")
    public TeamStats teamStats(Instant since) {
        return log.stats(team(), since);
    }

    /** A page of a device's final outcomes, newest first ({@link DeliveryLog#ofDevice}). */
    @PreAuthorize("hasRole('VIEWER')")
    public List<DeliveryEntry> ofDevice(UUID deviceId, long beforeId, int limit) {
        return log.ofDevice(team(), deviceId, beforeId, limit);
    }

    private UUID team() {
        return Objects.requireNonNull(actor.recheck(Role.VIEWER).teamId(), "a recheck passes only in a team");
    }
}
