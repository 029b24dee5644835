package dev.pushdeck.history.internal;

import dev.pushdeck.TestTeams;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.bench.Probe;
import dev.pushdeck.dispatch.LogRows;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What retention costs at a large delivery log: seeds {@code rows} final deliveries of
 * {@value #APPS} apps, one run per app and day over {@value #DAYS} days (set-based, with the
 * log's secondary indexes dropped during the load and rebuilt after it, then VACUUM ANALYZE),
 * then runs the product's retention ({@link DeliveryRetention#purge}) with a
 * {@value #RETENTION_DAYS}-day window and no pause between batches, and then the VACUUM that
 * the removal leaves to do. Reports rows removed and kept, wall time, PostgreSQL's CPU and the
 * log's size on disk before and after, with the machine's load. Written against whatever
 * schema the log has, so the same part measures it before and after a change of layout.
 * Figures only.
 */
public final class RetentionBenchmark {

    static final int DAYS = 120;
    static final int RETENTION_DAYS = 90;
    static final int APPS = 4;

    private final ApplicationContext context;
    private final JdbcClient jdbc;
    private final List<String[]> table = new ArrayList<>();

    public RetentionBenchmark(ApplicationContext context) {
        this.context = context;
        this.jdbc = context.getBean(JdbcClient.class);
    }

    /** Rows (measure, result, details) for the printed table, after {@link #run}. */
    public List<String[]> table() {
        return table;
    }

    /** Seeds about {@code rows} deliveries, then times one retention pass over them. */
    public Map<String, Object> run(long rows) throws InterruptedException {
        Map<String, Object> results = new LinkedHashMap<>();
        Instant now = Instant.now();
        results.put("seeding", seed(rows, now));
        Instant cutoff = now.minus(Duration.ofDays(RETENTION_DAYS));
        long before = count("true");
        long old = count(LogRows.activity() + " < :cutoff", cutoff);
        long bytesBefore = bytes();
        double load = Probe.loadAverage();
        Probe probe = Probe.start(jdbc);
        long start = System.nanoTime();
        context.getBean(DeliveryRetention.class).purge(cutoff, DeliveryRetention.BATCH, Duration.ZERO);
        double purgeSeconds = seconds(start);
        Map<String, Object> purgeCpu = probe.stop();
        long vacuumStart = System.nanoTime();
        jdbc.sql("vacuum deliveries").update();
        double vacuumSeconds = seconds(vacuumStart);
        long after = count("true");
        long oldLeft = count(LogRows.activity() + " < :cutoff", cutoff);
        results.put("loadAverage", load);
        results.put("loadAverageAfter", Probe.loadAverage());
        results.put("rowsBefore", before);
        results.put("rowsOlderThanWindow", old);
        results.put("rowsRemoved", before - after);
        results.put("rowsOlderThanWindowKept", oldLeft);
        results.put("purgeSeconds", Probe.round(purgeSeconds));
        results.put("purgeDatabaseCpuSeconds", purgeCpu.get("databaseCpuSeconds"));
        results.put("vacuumSeconds", Probe.round(vacuumSeconds));
        results.put("megabytesBefore", bytesBefore / (1024 * 1024));
        results.put("megabytesAfter", bytes() / (1024 * 1024));
        table.add(new String[] {"retention: " + RETENTION_DAYS + "-day window at " + before + " rows",
                Probe.round(purgeSeconds) + " s", (before - after) + " of " + old + " old rows removed ("
                + oldLeft + " kept), PostgreSQL CPU " + purgeCpu.get("databaseCpuSeconds") + " s, then VACUUM "
                + Probe.round(vacuumSeconds) + " s; " + (bytesBefore / (1024 * 1024)) + " MB before, "
                + (bytes() / (1024 * 1024)) + " MB after; load " + load + " at start"});
        return results;
    }

    /** One completed run per app and day from {@value #DAYS} days ago, answered evenly over the day. */
    private Map<String, Object> seed(long rows, Instant now) {
        TestTeams.Fixture team = context.getBean(TestTeams.class).create("bench-retention");
        List<UUID> apps = new ArrayList<>();
        for (int i = 0; i < APPS; i++) {
            apps.add(app(team, "retention" + i).id());
        }
        int perRun = (int) Math.max(1, rows / ((long) DAYS * APPS));
        Instant firstDay = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(DAYS));
        long start = System.nanoTime();
        List<String> indexes = LogRows.dropSecondaryIndexes(jdbc);
        for (int day = 0; day < DAYS; day++) {
            Instant launch = firstDay.plus(Duration.ofDays(day));
            LogRows.prepareWeek(jdbc, launch);
            for (UUID app : apps) {
                insertRun(team.teamId(), app, launch, perRun);
            }
        }
        long loaded = System.nanoTime();
        indexes.forEach(definition -> jdbc.sql(definition).update());
        long indexed = System.nanoTime();
        jdbc.sql("vacuum analyze deliveries").update();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("rows", (long) perRun * DAYS * APPS);
        figures.put("loadSeconds", Probe.round((loaded - start) / 1e9));
        figures.put("indexSeconds", Probe.round((indexed - loaded) / 1e9));
        figures.put("seconds", seconds(start));
        table.add(new String[] {"retention: seeding", figures.get("seconds") + " s", "load "
                + figures.get("loadSeconds") + " s, indexes " + figures.get("indexSeconds") + " s; "
                + figures.get("rows") + " rows over " + DAYS + " days"});
        return figures;
    }

    private PushApp app(TestTeams.Fixture team, String label) {
        String bundle = "com.example.bench" + label + UUID.randomUUID().toString().substring(0, 8);
        return TestSecurity.as(team.as(Role.ADMIN),
                () -> context.getBean(AppService.class).create("Bench " + bundle, bundle));
    }

    /** A completed run of {@code n} deliveries, 99 % accepted, answered evenly over the day from {@code launch}. */
    private void insertRun(UUID tenant, UUID app, Instant launch, int n) {
        UUID run = UUID.randomUUID();
        Timestamp at = Timestamp.from(launch);
        jdbc.sql("""
                        insert into dispatch_runs (id, tenant_id, app_id, environment, topic, payload, payload_bytes,
                            push_type, priority, status, deliveries_total, launched_at, completed_at)
                        values (:id, :tenant, :app, 'production', 'com.example.bench', '{"aps":{}}', 10, 'alert',
                            10, 'COMPLETED', :total, :launch, cast(:launch as timestamptz) + interval '1 day')""")
                .param("id", run).param("tenant", tenant).param("app", app).param("total", n).param("launch", at)
                .update();
        jdbc.sql("""
                        insert into deliveries (tenant_id, app_id, run_id, device_id, token, status, attempts,
                            status_code, reason, release_at, last_attempt_at, accepted_at %s)
                        select :tenant, :app, :run, gen_random_uuid(), md5(g::text) || md5(:salt || g), o.status, 1,
                               o.code, o.reason, :launch, o.at, case when o.status = 'ACCEPTED' then o.at end %s
                        from generate_series(1, :n) g
                        cross join lateral (select
                            cast(:launch as timestamptz) + make_interval(secs => g * 86000.0 / :n) as at,
                            case when mod(g, 100) = 0 then 'REJECTED' else 'ACCEPTED' end as status,
                            case when mod(g, 100) = 0 then 410 else 200 end as code,
                            case when mod(g, 100) = 0 then 'Unregistered' end as reason) o"""
                        .formatted(LogRows.activityColumn(jdbc), LogRows.activityValue(jdbc, "o.at")))
                .param("tenant", tenant).param("app", app).param("run", run).param("salt", run.toString()).param("launch", at)
                .param("n", n).update();
    }

    private long count(String condition) {
        return jdbc.sql("select count(*) from deliveries where " + condition).query(Long.class).single();
    }

    private long count(String condition, Instant cutoff) {
        return jdbc.sql("select count(*) from deliveries where " + condition)
                .param("cutoff", Timestamp.from(cutoff)).query(Long.class).single();
    }

    /** The log's size on disk with its indexes, over every partition when it has them. */
    private long bytes() {
        return jdbc.sql("""
                        select coalesce(sum(pg_total_relation_size(relid)), pg_total_relation_size('deliveries'))
                        from pg_partition_tree('deliveries')""")
                .query(Long.class).single();
    }

    private static double seconds(long start) {
        return Probe.round((System.nanoTime() - start) / 1e9);
    }
}
