package dev.pushdeck.history.internal;

import dev.pushdeck.dispatch.DeliveryStatus;
import dev.pushdeck.history.DeliveryFilter;
import dev.pushdeck.history.internal.DeliveryLogRepository.RunBounds;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * What the delivery log ({@link DeliveryLogRepository}) and the queue ({@link QueueRepository})
 * share when they list or stream deliveries: the streaming template, a run's parameters and
 * the filter conditions that read the same on both tables. What differs stays with each
 * table: how the status is known and how a token prefix or an alias is matched (the log has
 * indexes for them; a run's queue is walked in id order).
 */
final class DeliveryReads {

    private DeliveryReads() {
    }

    /**
     * A template whose queries fetch {@value DeliveryLogRepository#EXPORT_FETCH_SIZE} rows per round
     * trip; inside a transaction the driver then uses a cursor, so a result is never held in memory.
     */
    static NamedParameterJdbcTemplate streaming(DataSource dataSource) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(DeliveryLogRepository.EXPORT_FETCH_SIZE);
        return new NamedParameterJdbcTemplate(template);
    }

    /** {@code tenant}, {@code app}, {@code run} and the run's id range {@code first}..{@code last}. */
    static Map<String, Object> runParams(UUID tenantId, RunBounds run) {
        Map<String, Object> params = appParams(tenantId, run.appId());
        params.put("run", run.runId());
        params.put("first", run.firstId());
        params.put("last", run.lastId());
        return params;
    }

    static Map<String, Object> appParams(UUID tenantId, UUID appId) {
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", tenantId);
        params.put("app", appId);
        return params;
    }

    /** The filter's status (on {@code statusExpression}) and reason conditions, empty when it sets neither. */
    static String statusAndReason(String table, String statusExpression, DeliveryFilter filter,
                                  Map<String, Object> params) {
        StringBuilder sql = new StringBuilder();
        DeliveryStatus status = filter.status();
        if (status != null) {
            sql.append(" and ").append(statusExpression).append(" = :status");
            params.put("status", status.name());
        }
        String reason = trimmed(filter.reason());
        if (reason != null) {
            sql.append(" and ").append(table).append(".reason = :reason");
            params.put("reason", reason);
        }
        return sql.toString();
    }

    /**
     * When a queued row of {@code table} was last active: its last attempt, or its release when
     * never attempted. The log stores the same as {@code active_at} (its partition key, V55).
     */
    static String activity(String table) {
        return "coalesce(" + table + ".last_attempt_at, " + table + ".release_at)";
    }

    /** The filter's time range on {@code activity}, a row's time of last activity (empty when none). */
    static String timeRange(String activity, DeliveryFilter filter, Map<String, Object> params) {
        StringBuilder sql = new StringBuilder();
        if (filter.from() != null) {
            sql.append(" and ").append(activity).append(" >= :from");
            params.put("from", Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" and ").append(activity).append(" < :to");
            params.put("to", Timestamp.from(filter.to()));
        }
        return sql.toString();
    }

    /** The value without surrounding blanks, or null when it is null or blank (no condition). */
    static @Nullable String trimmed(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
