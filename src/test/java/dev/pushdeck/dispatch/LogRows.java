package dev.pushdeck.dispatch;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * For tests and benchmarks that write final delivery rows with SQL: until the queue has its
 * own table (V11), the log also carries the queue's {@code next_attempt_at} (not null), and
 * such inserts must fill it.
 */
public final class LogRows {

    private LogRows() {
    }

    /** To append to an insert's column list: {@code , next_attempt_at} while the log has that column, else nothing. */
    public static String queueColumn(JdbcClient jdbc) {
        long present = jdbc.sql("""
                        select count(*) from information_schema.columns
                        where table_name = 'deliveries' and column_name = 'next_attempt_at'""")
                .query(Long.class).single();
        return present > 0 ? ", next_attempt_at" : "";
    }

    /** The value for {@link #queueColumn}: a comma and {@code expression}, or nothing when the column is gone. */
    public static String queueValue(JdbcClient jdbc, String expression) {
        return queueColumn(jdbc).isEmpty() ? "" : ", " + expression;
    }
}
