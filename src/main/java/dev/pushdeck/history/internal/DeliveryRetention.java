package dev.pushdeck.history.internal;

import dev.pushdeck.history.internal.DeliveryLogRepository.Week;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * Removes deliveries whose last activity (last attempt, or release when never attempted) is
 * older than {@code pushdeck.history.retention-days} (default 90). The log is partitioned by
 * week of that activity (docs/decisions/037-partitioned-delivery-log.md): a week whose end is
 * past the window is dropped whole, in an instant, so a row stays at least the window and at
 * most a week longer. Rows that landed in the default partition (their week had none yet) are
 * deleted app by app, a small batch per transaction with a pause between, so the dispatcher's
 * writes are never held up for long. Counters and buckets stay, so reports and statistics keep
 * their numbers. Every node may run it; it is idempotent, and a drop that cannot get its lock
 * within a second is left to the next pass.
 */
@Component
public class DeliveryRetention {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRetention.class);
    public static final int BATCH = 5_000;
    private static final Duration PAUSE = Duration.ofMillis(200);

    private final DeliveryLogRepository history;
    private final Clock clock;
    private final int retentionDays;
    private final boolean schedulerEnabled;

    DeliveryRetention(DeliveryLogRepository history, Clock clock,
                      @Value("${pushdeck.history.retention-days:90}") int retentionDays,
                      @Value("${pushdeck.scheduler.enabled:true}") boolean schedulerEnabled) {
        this.history = history;
        this.clock = clock;
        this.retentionDays = retentionDays;
        this.schedulerEnabled = schedulerEnabled;
    }

    /** What one pass removed: whole weeks dropped, and rows deleted from the default partition. */
    public record Purged(int weeksDropped, long rowsDeleted) {
    }

    @Scheduled(fixedDelayString = "${pushdeck.history.retention-interval:PT1H}", initialDelayString = "PT5M")
    void purgeOld() {
        if (!schedulerEnabled || retentionDays <= 0) {
            return;
        }
        try {
            Purged purged = purge(clock.instant().minus(Duration.ofDays(retentionDays)), BATCH, PAUSE);
            if (purged.weeksDropped() > 0 || purged.rowsDeleted() > 0) {
                log.info("Retention dropped {} weeks of deliveries and deleted {} more, older than {} days",
                        purged.weeksDropped(), purged.rowsDeleted(), retentionDays);
            }
        } catch (DataAccessException | TransactionException e) {
            log.warn("Retention skipped: database unreachable ({})", e.getMessage());
        }
    }

    /**
     * Drops every week that ended before {@code cutoff}, then deletes the default partition's
     * deliveries last active before it, at most {@code batch} per transaction (each statement is
     * its own), pausing between batches. A week whose drop times out waiting for its lock stays
     * for the next pass.
     */
    public Purged purge(Instant cutoff, int batch, Duration pause) {
        int dropped = 0;
        for (Week week : history.weeks()) {
            if (week.end().isAfter(cutoff)) {
                break;
            }
            try {
                history.dropWeek(week);
                dropped++;
            } catch (DataAccessException | TransactionException e) {
                log.info("Retention left {} for the next pass: {}", week.name(), e.getMessage());
            }
        }
        return new Purged(dropped, deleteUnpartitioned(cutoff, batch, pause));
    }

    private long deleteUnpartitioned(Instant cutoff, int batch, Duration pause) {
        long deleted = 0;
        for (UUID app : history.appsWithRuns()) {
            int step;
            do {
                step = history.purgeUnpartitioned(app, cutoff, batch);
                deleted += step;
                if (step == batch && !rest(pause)) {
                    return deleted;
                }
            } while (step == batch);
        }
        return deleted;
    }

    /** False when interrupted (shutdown): the next run carries on where this one stopped. */
    private static boolean rest(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
