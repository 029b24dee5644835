package dev.pushdeck.history.internal;

import static dev.pushdeck.shared.jdbc.RecordRows.instant;
import static dev.pushdeck.shared.jdbc.RecordRows.requiredInstant;

import dev.pushdeck.dispatch.DeliveryStatus;
import dev.pushdeck.history.DeliveryEntry;
import dev.pushdeck.history.DeliveryFilter;
import dev.pushdeck.history.OutcomeBucket;
import dev.pushdeck.shared.jdbc.RecordRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads of the delivery log the dispatcher writes: keyset pages (index-backed, never a
 * count), outcome buckets from the stored counters, streamed exports; and the log's storage:
 * its week partitions and the retention purge. Everything team-facing
 * is scoped by tenant. Index choices are in V7__delivery_history.sql; the log is partitioned by
 * week on {@code active_at} (V55, docs/decisions/037-partitioned-delivery-log.md).
 */
@Repository
public class DeliveryLogRepository {

    /** Rows the export driver fetches per round trip; the result is never held in memory. */
    public static final int EXPORT_FETCH_SIZE = 1000;
    private static final String COLUMNS = """
            d.id, d.run_id, d.device_id, d.token, d.apns_id, d.status, d.attempts, d.status_code, d.reason,
            d.apple_timestamp, d.release_at, d.last_attempt_at, d.accepted_at, d.apns_unique_id, d.variant""";
    /** The token index covers the first characters only; see V7__delivery_history.sql. */
    private static final int TOKEN_INDEX_CHARS = 8;
    /** From this length on a token prefix is selective enough to go through the token index. */
    private static final int SELECTIVE_PREFIX = 3;
    /** Up to this many of an app's rows in a time range are found through the activity index and sorted by id. */
    public static final int NARROW_RANGE_ROWS = 5_000;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate streaming;

    DeliveryLogRepository(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.streaming = DeliveryReads.streaming(dataSource);
    }

    /** Where a run's deliveries are: its app and the id range its fan-out took (null when it queued none). */
    public record RunBounds(UUID runId, UUID appId, @Nullable Long firstId, @Nullable Long lastId) {
    }

    /** Where the team's run put its deliveries; empty when the run is not the team's. */
    public Optional<RunBounds> bounds(UUID tenantId, UUID runId) {
        return jdbc.sql("""
                        select id as run_id, app_id, first_delivery_id as first_id, last_delivery_id as last_id
                        from dispatch_runs where tenant_id = :tenant and id = :run""")
                .param("tenant", tenantId).param("run", runId).query(RecordRows.of(RunBounds.class)).optional();
    }

    // --- The log ---------------------------------------------------------------------

    /** A page of a run's deliveries in id order after {@code afterId}. */
    public List<DeliveryEntry> ofRun(UUID tenantId, RunBounds run, DeliveryFilter filter, long afterId, int limit) {
        if (run.firstId() == null) {
            return List.of();
        }
        Map<String, Object> params = DeliveryReads.runParams(tenantId, run);
        params.put("after", afterId);
        params.put("limit", limit);
        String sql = select(runScope() + " and d.id > :after" + where(filter, params), "d.id", filter, params)
                + " limit :limit";
        return jdbc.sql(sql).params(params).query(DeliveryLogRepository::delivery).list();
    }

    /** A page of an app's deliveries across runs, newest first, before {@code beforeId}. */
    public List<DeliveryEntry> ofApp(UUID tenantId, UUID appId, DeliveryFilter filter, long beforeId, int limit) {
        Map<String, Object> params = DeliveryReads.appParams(tenantId, appId);
        params.put("before", beforeId);
        params.put("limit", limit);
        String sql = select(appScope() + " and d.id < :before" + where(filter, params), "d.id desc", filter, params)
                + " limit :limit";
        return jdbc.sql(sql).params(params).query(DeliveryLogRepository::delivery).list();
    }

    /** A device's deliveries across runs, newest first, before {@code beforeId}. */
    public List<DeliveryEntry> ofDevice(UUID tenantId, UUID deviceId, long beforeId, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                         from deliveries d where d.tenant_id = :tenant and d.device_id = :device and d.id < :before
                        order by d.id desc limit :limit""")
                .param("tenant", tenantId).param("device", deviceId).param("before", beforeId).param("limit", limit)
                .query(DeliveryLogRepository::delivery).list();
    }

    /**
     * Streams a run's deliveries in id order to {@code sink}, fetched {@value #EXPORT_FETCH_SIZE}
     * at a time; must run inside a (read-only) transaction so the driver uses a cursor.
     */
    public void streamRun(UUID tenantId, RunBounds run, DeliveryFilter filter, RowCallbackHandler sink) {
        if (run.firstId() == null) {
            return;
        }
        Map<String, Object> params = DeliveryReads.runParams(tenantId, run);
        streaming.query(select(runScope() + where(filter, params), "d.id", filter, params), params, sink);
    }

    /** Streams an app's deliveries newest first; as {@link #streamRun}. */
    public void streamApp(UUID tenantId, UUID appId, DeliveryFilter filter, RowCallbackHandler sink) {
        Map<String, Object> params = DeliveryReads.appParams(tenantId, appId);
        streaming.query(select(appScope() + where(filter, params), "d.id desc", filter, params), params, sink);
    }

    /** Maps the current row of a delivery query (the columns of the log's pages and exports). */
    public static DeliveryEntry delivery(ResultSet rs, int row) throws SQLException {
        int code = rs.getInt("status_code");
        Integer statusCode = rs.wasNull() ? null : code;
        return new DeliveryEntry(rs.getLong("id"), rs.getObject("run_id", UUID.class),
                rs.getObject("device_id", UUID.class), rs.getString("token"), rs.getObject("apns_id", UUID.class),
                DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), statusCode,
                rs.getString("reason"), instant(rs, "apple_timestamp"), requiredInstant(rs, "release_at"),
                instant(rs, "last_attempt_at"), instant(rs, "accepted_at"), rs.getObject("apns_unique_id", UUID.class),
                rs.getInt("variant"));
    }

    /**
     * The app is repeated so the planner may use the app-wide indexes, bounded by the run's id
     * range; no delivery was active before its run's launch, so weeks before it are not read.
     */
    private static String runScope() {
        return "d.tenant_id = :tenant and d.app_id = :app and d.run_id = :run and d.id between :first and :last"
                + " and d.active_at >= (select r.launched_at from dispatch_runs r where r.id = :run)";
    }

    private static String appScope() {
        return "d.tenant_id = :tenant and d.app_id = :app";
    }

    /** The filter's conditions, each one a column or expression some index of V7 starts with after app_id. */
    private static String where(DeliveryFilter filter, Map<String, Object> params) {
        StringBuilder sql = new StringBuilder(DeliveryReads.statusAndReason("d", "d.status", filter, params));
        String prefix = DeliveryReads.trimmed(filter.tokenPrefix());
        if (prefix != null) {
            tokenPrefix(prefix.toLowerCase(Locale.ROOT), sql, params);
        }
        String alias = DeliveryReads.trimmed(filter.alias());
        if (alias != null) {
            sql.append(" ").append("""
                    and d.device_id in (select v.id from devices v where v.tenant_id = :tenant and v.app_id = :app
                                        and (lower(v.alias) collate "C") = lower(:alias) and v.alias = :alias)""");
            params.put("alias", alias);
        }
        sql.append(DeliveryReads.timeRange("d.active_at", filter, params)); // deliveries_app_activity_idx, and weeks
        if (filter.to() != null) {
            // No delivery's time is before its run's launch, so rows before :to belong to runs
            // launched before it: newer ids need not be read (decision 016).
            sql.append(" and d.id <= (select coalesce(max(r.last_delivery_id), 0) from dispatch_runs r"
                    + " where r.app_id = :app and r.launched_at < :to)");
        }
        return sql.toString();
    }

    /**
     * The delivery rows matching {@code conditions} in {@code order} (without a limit). Two
     * plans give the same rows: walking the id index and checking each row (fast whenever
     * matches are common among the newest or oldest ids), or, for a time range that holds
     * few of the app's deliveries, finding them all through the activity index and sorting
     * them by id. PostgreSQL cannot tell the two apart from its statistics (it walked ten
     * million ids for a five-minute range), so a capped count on the activity index decides
     * (docs/decisions/016-delivery-log-at-ten-million-rows.md). The materialized CTE has no
     * order, so only the activity index can serve it cheaply; it holds the few rows whole.
     */
    private String select(String conditions, String order, DeliveryFilter filter, Map<String, Object> params) {
        if (narrowTimeRange(filter, params)) {
            return "with hits as materialized (select " + COLUMNS + " from deliveries d where " + conditions
                    + ") select * from hits d order by " + order;
        }
        return "select " + COLUMNS + " from deliveries d where " + conditions + " order by " + order;
    }

    /**
     * Whether the filter has a time range holding fewer than {@value #NARROW_RANGE_ROWS} of
     * the app's deliveries: an index-only count, capped, so it costs at most that many index
     * entries. Not scoped by tenant, as it only chooses a plan: the query itself is.
     */
    private boolean narrowTimeRange(DeliveryFilter filter, Map<String, Object> params) {
        if (filter.from() == null && filter.to() == null) {
            return false;
        }
        Map<String, Object> probe = new HashMap<>(params);
        probe.put("cap", NARROW_RANGE_ROWS);
        return jdbc.sql("select count(*) from (select 1 from deliveries d where d.app_id = :app"
                        + DeliveryReads.timeRange("d.active_at", filter, probe) + " limit :cap) r")
                .params(probe).query(Long.class).single() < NARROW_RANGE_ROWS;
    }

    /**
     * Matches on the indexed first characters (equality for a long prefix, a range for a
     * medium one) and then on the whole prefix. A prefix of one or two characters matches
     * every 16th or 256th row: walking the log in id order finds a page sooner than the
     * token index would (measured: 2 s through the index against milliseconds in id order
     * at three million rows), so it only filters.
     */
    private static void tokenPrefix(String prefix, StringBuilder sql, Map<String, Object> params) {
        String head = "left(d.token, " + TOKEN_INDEX_CHARS + ")";
        if (prefix.length() >= TOKEN_INDEX_CHARS) {
            sql.append(" and ").append(head).append(" = :tokenHead");
            params.put("tokenHead", prefix.substring(0, TOKEN_INDEX_CHARS));
        } else if (prefix.length() >= SELECTIVE_PREFIX) {
            char last = prefix.charAt(prefix.length() - 1);
            sql.append(" and ").append(head).append(" >= :tokenHead");
            params.put("tokenHead", prefix);
            if (last < Character.MAX_VALUE) {
                sql.append(" and ").append(head).append(" < :tokenEnd");
                params.put("tokenEnd", prefix.substring(0, prefix.length() - 1) + (char) (last + 1));
            }
        }
        sql.append(" and starts_with(d.token, :token)");
        params.put("token", prefix);
    }

    // --- Buckets ---------------------------------------------------------------------

    /** The run's first and last second with outcomes, or empty when it has none yet. */
    public Optional<Instant[]> span(UUID runId) {
        return jdbc.sql("select min(at) as first, max(at) as last from run_outcome_seconds where run_id = :run")
                .param("run", runId)
                .query((rs, row) -> rs.getTimestamp("first") == null ? null
                        : new Instant[] {instant(rs, "first"), instant(rs, "last")})
                .optional();
    }

    /** A run's outcomes summed into buckets of {@code seconds}, oldest first. */
    public List<OutcomeBucket> runBuckets(UUID runId, int seconds) {
        return jdbc.sql("""
                        select date_bin(make_interval(secs => :width), at, timestamptz 'epoch') as start,
                               sum(accepted) as accepted, sum(rejected) as rejected, sum(failed) as failed,
                               sum(expired) as expired
                        from run_outcome_seconds where run_id = :run group by 1 order by 1""")
                .param("width", seconds).param("run", runId)
                .query((rs, row) -> bucket(rs, seconds)).list();
    }

    /** A team's outcomes per hour from the hour holding {@code since}, oldest first. */
    public List<OutcomeBucket> teamHours(UUID tenantId, Instant since) {
        return jdbc.sql("""
                        select hour as start, sum(accepted) as accepted, sum(rejected) as rejected,
                               sum(failed) as failed, sum(expired) as expired
                        from app_outcome_hours
                        where tenant_id = :tenant and hour >= date_bin('1 hour', :since, timestamptz 'epoch')
                        group by hour order by hour""")
                .param("tenant", tenantId).param("since", Timestamp.from(since))
                .query((rs, row) -> bucket(rs, 3600)).list();
    }

    private static OutcomeBucket bucket(ResultSet rs, int seconds) throws SQLException {
        return new OutcomeBucket(requiredInstant(rs, "start"), seconds, rs.getLong("accepted"), rs.getLong("rejected"),
                rs.getLong("failed"), rs.getLong("expired"));
    }

    // --- Retention and the log's weeks (all teams) --------------------------------------

    /** How long a drop or an attach may wait for its lock before it gives up until the next pass. */
    static final String LOCK_TIMEOUT = "1s";
    private static final Pattern WEEK_NAME = Pattern.compile("deliveries_w(\\d{8})");

    /** One week's partition of the log: from Monday 00:00 UTC for seven days (V55). */
    public record Week(String name, Instant start) {

        public Instant end() {
            return start.plus(Duration.ofDays(7));
        }
    }

    /** The log's week partitions, oldest first. */
    public List<Week> weeks() {
        return jdbc.sql("""
                        select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
                        where i.inhparent = 'deliveries'::regclass order by c.relname""")
                .query(String.class).list().stream().map(WEEK_NAME::matcher).filter(Matcher::matches)
                .map(week -> new Week(week.group(0), LocalDate.parse(week.group(1), DateTimeFormatter.BASIC_ISO_DATE)
                        .atStartOfDay(ZoneOffset.UTC).toInstant()))
                .toList();
    }

    /**
     * Makes the partition of the week holding {@code day} unless it exists, moving that week's
     * rows out of the default partition; waits at most {@value #LOCK_TIMEOUT} for locks.
     *
     * @return whether it made the partition
     */
    @Transactional
    public boolean addWeek(Instant day) {
        lockTimeout();
        return jdbc.sql("select deliveries_add_week(:day)").param("day", Timestamp.from(day))
                .query(Boolean.class).single();
    }

    /**
     * Drops a week's partition with its rows. Dropping a partition locks the whole log for an
     * instant, so it waits at most {@value #LOCK_TIMEOUT} (a long export holds the log) and
     * otherwise fails, to be tried again on the next pass, rather than hold up the dispatcher.
     */
    @Transactional
    public void dropWeek(Week week) {
        lockTimeout();
        jdbc.sql("drop table " + week.name()).update();
    }

    private void lockTimeout() {
        jdbc.sql("select set_config('lock_timeout', :timeout, true)").param("timeout", LOCK_TIMEOUT)
                .query(String.class).single();
    }

    /** Every app that has ever had a run (retention works app by app). */
    public List<UUID> appsWithRuns() {
        return jdbc.sql("select distinct app_id from dispatch_runs").query(UUID.class).list();
    }

    /**
     * Deletes up to {@code batch} of the app's deliveries last active before {@code cutoff}
     * from the default partition (rows of weeks that had no partition when written), found
     * through its activity index. Weeks are dropped whole instead ({@link #dropWeek}).
     * Counters and buckets are separate tables and stay.
     *
     * @return how many were deleted
     */
    public int purgeUnpartitioned(UUID appId, Instant cutoff, int batch) {
        return jdbc.sql("""
                        with gone as (
                            delete from deliveries_default d
                            where d.ctid = any(array(select ctid from deliveries_default
                                                     where app_id = :app and active_at < :cutoff limit :batch))
                            returning 1)
                        select count(*) from gone""")
                .param("app", appId).param("cutoff", Timestamp.from(cutoff)).param("batch", batch)
                .query(Integer.class).single();
    }
}
