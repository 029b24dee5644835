package dev.pushdeck.history.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.PushdeckTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The delivery log's week partitions: made ahead, filled from the default partition, dropped by retention. */
@PushdeckTest
class PartitionedDeliveryLogTest {

    @Autowired
    DeliveryLogRepository history;
    @Autowired
    DeliveryLogWeeks weeks;
    @Autowired
    DeliveryRetention retention;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void thisWeekAndTheNextTwoHaveTheirPartitionsAndPreparingAgainMakesNone() {
        weeks.prepare();

        assertThat(weeks.prepare()).isZero();
        LocalDate monday = LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
        assertThat(history.weeks()).extracting(DeliveryLogRepository.Week::name).contains(
                "deliveries_w" + monday.toString().replace("-", ""),
                "deliveries_w" + monday.plusWeeks(1).toString().replace("-", ""),
                "deliveries_w" + monday.plusWeeks(2).toString().replace("-", ""));
    }

    @Test
    void aRowOfAWeekWithoutAPartitionLandsInTheDefaultAndMovesIntoTheWeekWhenItIsMade() {
        Instant later = Instant.now().plus(Duration.ofDays(7 * 30));
        long id = insertRow(later);
        assertThat(partitionOf(id)).isEqualTo("deliveries_default");

        assertThat(history.addWeek(later)).isTrue();

        assertThat(history.addWeek(later)).isFalse();
        DeliveryLogRepository.Week week = history.weeks().stream().filter(w -> w.name().equals(partitionOf(id)))
                .findFirst().orElseThrow();
        assertThat(week.start()).isBeforeOrEqualTo(later);
        assertThat(week.end()).isAfter(later);
        history.dropWeek(week);
        assertThat(jdbc.sql("select count(*) from deliveries where id = :id").param("id", id).query(Long.class)
                .single()).isZero();
    }

    @Test
    void aWeekWhoseDropCannotGetItsLockInTimeIsLeftForTheNextPass() throws Exception {
        Instant old = Instant.parse("1990-03-07T12:00:00Z");
        history.addWeek(old);
        insertRow(old);
        Instant cutoff = Instant.parse("1991-01-01T00:00:00Z");
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            Future<?> export = reader.submit(() -> transactions.executeWithoutResult(tx -> {
                jdbc.sql("select count(*) from deliveries where id = -1").query(Long.class).single();
                reading.countDown();
                awaitQuietly(done);
            }));
            assertThat(reading.await(30, TimeUnit.SECONDS)).isTrue();

            assertThat(retention.purge(cutoff, DeliveryRetention.BATCH, Duration.ZERO).weeksDropped()).isZero();
            assertThat(history.weeks()).extracting(DeliveryLogRepository.Week::name).contains("deliveries_w19900305");

            done.countDown();
            export.get(30, TimeUnit.SECONDS);
            assertThat(retention.purge(cutoff, DeliveryRetention.BATCH, Duration.ZERO).weeksDropped()).isEqualTo(1);
            assertThat(history.weeks()).extracting(DeliveryLogRepository.Week::name)
                    .doesNotContain("deliveries_w19900305");
        } finally {
            done.countDown();
            reader.shutdownNow();
        }
    }

    /** A final row of no real team, last active at {@code at}; answers its id. */
    private long insertRow(Instant at) {
        return jdbc.sql("""
                        insert into deliveries (tenant_id, app_id, run_id, device_id, token, status, attempts, release_at,
                            last_attempt_at, active_at)
                        values (:random, :random, :random, :random, 'partition-test', 'ACCEPTED', 1, :at, :at, :at)
                        returning id""")
                .param("random", UUID.randomUUID()).param("at", Timestamp.from(at)).query(Long.class).single();
    }

    private String partitionOf(long id) {
        return jdbc.sql("select tableoid::regclass::text from deliveries where id = :id").param("id", id)
                .query(String.class).single();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
