package dev.pushdeck.dispatch;

import dev.pushdeck.dispatch.internal.HistoryRepository;
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

/**
 * Deletes delivery rows whose last activity (last attempt, or release when never attempted)
 * is older than {@code pushdeck.history.retention-days} (default 90), only rows in a final
 * state. Works app by app through the (app, last activity) index, a small batch per
 * transaction with a pause between, so the dispatcher's writes are never held up for long.
 * Counters and buckets stay, so reports and statistics keep their numbers. Every node may run
 * it; it is idempotent.
 */
@Component
class DeliveryRetention {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRetention.class);
    static final int BATCH = 5_000;
    private static final Duration PAUSE = Duration.ofMillis(200);

    private final HistoryRepository history;
    private final Clock clock;
    private final int retentionDays;
    private final boolean schedulerEnabled;

    DeliveryRetention(HistoryRepository history, Clock clock,
                      @Value("${pushdeck.history.retention-days:90}") int retentionDays,
                      @Value("${pushdeck.scheduler.enabled:true}") boolean schedulerEnabled) {
        this.history = history;
        this.clock = clock;
        this.retentionDays = retentionDays;
        this.schedulerEnabled = schedulerEnabled;
    }

    @Scheduled(fixedDelayString = "${pushdeck.history.retention-interval:PT1H}", initialDelayString = "PT5M")
    void purgeOld() {
        if (!schedulerEnabled || retentionDays <= 0) {
            return;
        }
        try {
            long deleted = purge(clock.instant().minus(Duration.ofDays(retentionDays)), BATCH, PAUSE);
            if (deleted > 0) {
                log.info("Retention deleted {} deliveries older than {} days", deleted, retentionDays);
            }
        } catch (DataAccessException e) {
            log.warn("Retention skipped: database unreachable ({})", e.getMessage());
        }
    }

    /**
     * Deletes final deliveries last active before {@code cutoff}, at most {@code batch} per
     * transaction (each statement is its own), pausing between batches.
     *
     * @return how many were deleted
     */
    long purge(Instant cutoff, int batch, Duration pause) {
        long deleted = 0;
        for (UUID app : history.appsWithRuns()) {
            int step;
            do {
                step = history.purge(app, cutoff, batch);
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
