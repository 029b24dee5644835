package dev.pushdeck.dispatch;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * For tests and benchmarks that write final delivery rows with SQL against whichever layout
 * the log has: until the queue has its own table (V11), the log also carries the queue's
 * {@code next_attempt_at} (not null); from V55 it is partitioned by week on {@code active_at}
 * (not null), and a week's partition is made before rows of that week are loaded in bulk.
 */
public final class LogRows {

    private LogRows() {
    }

    /** To append to an insert's column list: {@code , next_attempt_at} while the log has that column, else nothing. */
    public static String queueColumn(JdbcClient jdbc) {
        return column(jdbc, "next_attempt_at");
    }

    /** The value for {@link #queueColumn}: a comma and {@code expression}, or nothing when the column is gone. */
    public static String queueValue(JdbcClient jdbc, String expression) {
        return queueColumn(jdbc).isEmpty() ? "" : ", " + expression;
    }

    /** When a log row was last active, whichever layout the log has. */
    public static String activity() {
        return "coalesce(last_attempt_at, release_at)";
    }

    /** To append to an insert's column list: {@code , active_at} while the log is partitioned by it, else nothing. */
    public static String activityColumn(JdbcClient jdbc) {
        return column(jdbc, "active_at");
    }

    /** A comma and {@code name} while the log has that column, else nothing. */
    private static String column(JdbcClient jdbc, String name) {
        long present = jdbc.sql("""
                        select count(*) from information_schema.columns
                        where table_name = 'deliveries' and column_name = :name""")
                .param("name", name).query(Long.class).single();
        return present > 0 ? ", " + name : "";
    }

    /** The value for {@link #activityColumn}: a comma and {@code expression}, or nothing without the column. */
    public static String activityValue(JdbcClient jdbc, String expression) {
        return activityColumn(jdbc).isEmpty() ? "" : ", " + expression;
    }

    /** Makes the log's partition for the week holding {@code day} when the log is partitioned. */
    public static void prepareWeek(JdbcClient jdbc, Instant day) {
        if (!activityColumn(jdbc).isEmpty()) {
            jdbc.sql("select deliveries_add_week(:day)").param("day", Timestamp.from(day)).query(Boolean.class)
                    .single();
        }
    }

    /**
     * Drops every index of the log except its primary key, for a bulk load; returns the
     * statements that build them again (on a partitioned log, for every partition).
     */
    public static List<String> dropSecondaryIndexes(JdbcClient jdbc) {
        List<String> definitions = jdbc.sql("""
                        select indexdef from pg_indexes
                        where tablename = 'deliveries' and indexname <> 'deliveries_pkey'""")
                .query(String.class).list().stream().map(definition -> definition.replace(" ON ONLY ", " ON "))
                .toList();
        jdbc.sql("""
                        select indexname from pg_indexes
                        where tablename = 'deliveries' and indexname <> 'deliveries_pkey'""")
                .query(String.class).list()
                .forEach(name -> jdbc.sql("drop index " + name).update());
        return definitions;
    }
}
