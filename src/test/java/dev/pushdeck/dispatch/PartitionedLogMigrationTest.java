package dev.pushdeck.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V55 on a database that already has a delivery log: on its own embedded PostgreSQL (not the
 * shared test context's, whose log is empty when it migrates), migrated up to V45 (where the
 * last release left installations), given log rows, then migrated to the end.
 */
class PartitionedLogMigrationTest {

    @Test
    void existingLogRowsMoveIntoTheirWeeksWithTheirIdsAndTheSequenceCarriesOn() throws Exception {
        try (EmbeddedPostgres database = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start()) {
            DataSource dataSource = database.getPostgresDatabase();
            JdbcClient jdbc = JdbcClient.create(dataSource);
            migrate(dataSource, "45");
            Instant now = Instant.now();
            long recent = insertOldRow(jdbc, now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(3)));
            long old = insertOldRow(jdbc, now.minus(Duration.ofDays(200)), now.minus(Duration.ofDays(200)));
            long neverAttempted = insertOldRow(jdbc, null, now.minus(Duration.ofDays(40)));

            migrate(dataSource, null);

            List<Map<String, Object>> rows = jdbc.sql("""
                            select id, tableoid::regclass::text as week,
                                   active_at = coalesce(last_attempt_at, release_at) as active_is_last_activity
                            from deliveries order by id""").query().listOfRows();
            assertThat(rows).extracting(row -> row.get("id")).containsExactly(recent, old, neverAttempted);
            assertThat(rows).allMatch(row -> Boolean.TRUE.equals(row.get("active_is_last_activity")))
                    .allMatch(row -> row.get("week").toString().matches("deliveries_w\\d{8}"));
            assertThat(jdbc.sql("select count(distinct tableoid) from deliveries").query(Long.class).single())
                    .isEqualTo(3);
            assertThat(jdbc.sql("select nextval('deliveries_id_seq')").query(Long.class).single())
                    .isGreaterThan(neverAttempted);
            assertThat(jdbc.sql("""
                            select column_default from information_schema.columns
                            where table_name = 'delivery_queue' and column_name = 'id'""").query(String.class)
                    .single()).contains("deliveries_id_seq");
            assertThat(jdbc.sql("""
                            select count(*) from information_schema.columns
                            where table_name = 'deliveries' and column_name = 'apns_unique_id'""")
                    .query(Long.class).single()).as("later migrations still change the log").isEqualTo(1);
        }
    }

    private static void migrate(DataSource dataSource, String target) {
        var configuration = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
        if (target != null) {
            configuration.target(target);
        }
        configuration.load().migrate();
    }

    /** A final row as the log held it before V55, drawing its id from the log's identity. */
    private static long insertOldRow(JdbcClient jdbc, Instant lastAttempt, Instant release) {
        return jdbc.sql("""
                        insert into deliveries (tenant_id, app_id, run_id, device_id, token, status, attempts, release_at,
                            last_attempt_at)
                        values (:random, :random, :random, :random, 'migration-test', 'ACCEPTED', 1, :release, :last)
                        returning id""")
                .param("random", UUID.randomUUID()).param("release", Timestamp.from(release))
                .param("last", lastAttempt == null ? null : Timestamp.from(lastAttempt)).query(Long.class).single();
    }
}
