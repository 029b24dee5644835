package dev.pushdeck.history.internal;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * Makes the delivery log's week partitions ahead of time: this week's and the next
 * {@value #WEEKS_AHEAD}, every hour on every node (idempotent; one node makes each). A row of a
 * week without a partition still lands in the default partition, so a node that was down for
 * weeks loses nothing; making the week later moves its rows out of the default
 * (docs/decisions/037-partitioned-delivery-log.md).
 */
@Component
class DeliveryLogWeeks {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLogWeeks.class);
    static final int WEEKS_AHEAD = 2;

    private final DeliveryLogRepository history;
    private final Clock clock;
    private final boolean schedulerEnabled;

    DeliveryLogWeeks(DeliveryLogRepository history, Clock clock,
                     @Value("${pushdeck.scheduler.enabled:true}") boolean schedulerEnabled) {
        this.history = history;
        this.clock = clock;
        this.schedulerEnabled = schedulerEnabled;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10S")
    void prepareAhead() {
        if (!schedulerEnabled) {
            return;
        }
        try {
            prepare();
        } catch (DataAccessException | TransactionException e) {
            log.warn("Delivery log weeks not prepared, trying again in an hour ({})", e.getMessage());
        }
    }

    /** Makes the partitions of this week and the next {@value #WEEKS_AHEAD} that are missing; answers how many. */
    int prepare() {
        int made = 0;
        for (int week = 0; week <= WEEKS_AHEAD; week++) {
            if (history.addWeek(clock.instant().plus(Duration.ofDays(7L * week)))) {
                made++;
            }
        }
        return made;
    }
}
