package dev.pushdeck.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where PostgreSQL's time goes during one stretch of a benchmark, statement by statement,
 * from {@code pg_stat_statements}. Only available when the embedded PostgreSQL preloads it
 * ({@code -Dpushdeck.embedded.preload-libraries=pg_stat_statements}); otherwise every
 * method does nothing and {@link #stop} answers an empty list. Execution time is wall time
 * inside PostgreSQL (lock waits included), so it shows shares, not CPU.
 */
public final class Statements {

    private static final int TOP = 8;

    private final JdbcClient jdbc;
    private final boolean available;

    private Statements(JdbcClient jdbc, boolean available) {
        this.jdbc = jdbc;
        this.available = available;
    }

    /** Clears the statistics (when available) so that {@link #stop} sees this stretch only. */
    public static Statements start(JdbcClient jdbc) {
        boolean available;
        try {
            jdbc.sql("create extension if not exists pg_stat_statements").update();
            // Planning counts too: a statement planned at every call pays it per batch, not once.
            jdbc.sql("alter system set pg_stat_statements.track_planning = on").update();
            jdbc.sql("select pg_reload_conf()").query(Object.class).list();
            jdbc.sql("select pg_stat_statements_reset()").query(Object.class).list();
            available = true;
        } catch (DataAccessException e) {
            available = false;
        }
        return new Statements(jdbc, available);
    }

    /**
     * The statements that took most of PostgreSQL's execution time since {@link #start},
     * with their time per unit of work ({@code units}, e.g. deliveries); empty when unavailable.
     */
    public List<Map<String, Object>> stop(long units) {
        if (!available) {
            return List.of();
        }
        List<Map<String, Object>> top = new ArrayList<>();
        jdbc.sql("""
                        select calls, total_exec_time, total_plan_time, rows, regexp_replace(query, '\\s+', ' ', 'g') as query
                        from pg_stat_statements
                        where query not like '%pg_stat_statements%'
                        order by total_exec_time desc limit :top""")
                .param("top", TOP)
                .query((rs, row) -> {
                    Map<String, Object> statement = new LinkedHashMap<>();
                    statement.put("calls", rs.getLong("calls"));
                    statement.put("totalMs", Probe.round(rs.getDouble("total_exec_time")));
                    statement.put("microsPerUnit", Probe.round(rs.getDouble("total_exec_time") * 1000
                            / Math.max(1, units)));
                    statement.put("planMicrosPerUnit", Probe.round(rs.getDouble("total_plan_time") * 1000
                            / Math.max(1, units)));
                    statement.put("rows", rs.getLong("rows"));
                    statement.put("query", rs.getString("query"));
                    return top.add(statement);
                })
                .list();
        return top;
    }

    /** The statements as rows of the printed table (measure, result, details). */
    public static List<String[]> rows(String name, List<Map<String, Object>> statements) {
        List<String[]> rows = new ArrayList<>();
        for (Map<String, Object> statement : statements) {
            String query = (String) statement.get("query");
            rows.add(new String[] {"  SQL (" + name + ")", statement.get("microsPerUnit") + " µs",
                    "planning " + statement.get("planMicrosPerUnit") + " µs; " + statement.get("calls") + " calls, "
                            + statement.get("rows") + " rows: "
                            + query.substring(0, Math.min(110, query.length()))});
        }
        return rows;
    }
}
