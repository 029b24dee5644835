package dev.pushdeck.bench;

import dev.pushdeck.dispatch.DeliveryStatus;
import dev.pushdeck.dispatch.LogRows;
import dev.pushdeck.history.DeliveryEntry;
import dev.pushdeck.history.DeliveryFilter;
import dev.pushdeck.history.internal.DeliveryLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Delivery-log pages at a large {@code deliveries} table. Seeding is set-based and timed on
 * its own: one insert per run of completed deliveries to every device of the largest app
 * (mostly accepted; some rejected with Apple's reasons, failed, expired or cancelled), the
 * runs spread over {@value #SPREAD_DAYS} days, each sending at 10,000 per second, with the
 * log's secondary indexes dropped during the load and rebuilt after it, then VACUUM ANALYZE
 * (an insert-only table is vacuumed by autovacuum in steady state). Then it times the pages
 * the product serves through {@link DeliveryLog}: app, run and device logs, each filter, time
 * ranges narrow and wide, recent and old, and keyset next pages. Figures only.
 */
public final class DeliveryLogBenchmark {

    /** The delivery log's target per page (issue 7). */
    static final double TARGET_MS = 100;
    private static final int SPREAD_DAYS = 10;
    private static final int PAGE = 50;

    private final ApplicationContext context;
    private final JdbcClient jdbc;
    private final List<String[]> table = new ArrayList<>();

    public DeliveryLogBenchmark(ApplicationContext context) {
        this.context = context;
        this.jdbc = context.getBean(JdbcClient.class);
    }

    public List<String[]> table() {
        return table;
    }

    /** Fills {@code deliveries} up to {@code rows}, then times each page {@code repeats} times (median, max). */
    public Map<String, Object> run(long rows, int repeats) {
        Map<String, Object> results = new LinkedHashMap<>();
        Target target = largestApp();
        Seeded seeded = new Seeding(jdbc, target).fill(rows, results);
        results.put("rows", jdbc.sql("select count(*) from deliveries").query(Long.class).single());
        results.put("appRows", jdbc.sql("select count(*) from deliveries where app_id = :app")
                .param("app", target.appId()).query(Long.class).single());
        results.put("appDevices", target.devices());
        table.add(new String[] {"delivery log: seeding", results.get("seedSeconds") + " s", "load "
                + results.get("loadSeconds") + " s, indexes " + results.get("indexSeconds") + " s, vacuum analyze "
                + results.get("analyzeSeconds") + " s; " + results.get("rows") + " rows"});
        results.put("pages", pages(target, seeded, repeats));
        return results;
    }

    record Target(UUID tenantId, UUID appId, long devices) {
    }

    /** What the seeding made: its oldest and newest run and when each started sending. */
    record Seeded(UUID firstRun, Instant firstLaunch, UUID lastRun, Instant lastLaunch) {
    }

    /** The app with the most devices (the import part's million at full size). */
    private Target largestApp() {
        return jdbc.sql("""
                        select tenant_id, app_id, count(*) as devices from devices
                        group by tenant_id, app_id order by count(*) desc limit 1""")
                .query(Target.class).single();
    }

    private Map<String, Object> pages(Target target, Seeded seeded, int repeats) {
        DeliveryLog log = context.getBean(DeliveryLog.class);
        UUID tenant = target.tenantId();
        UUID app = target.appId();
        long middle = jdbc.sql("select (min(id) + max(id)) / 2 from deliveries where app_id = :app")
                .param("app", app).query(Long.class).single();
        DeliveryEntry sample = log.ofApp(tenant, app, null, middle, 1).get(0);
        String alias = jdbc.sql("select alias from devices where id = :id").param("id", sample.deviceId())
                .query(String.class).optional().orElse("none");
        long firstPageEnd = last(log.ofApp(tenant, app, null, Long.MAX_VALUE, PAGE));
        Instant lastStart = seeded.lastLaunch();
        Instant firstStart = seeded.firstLaunch();
        DeliveryFilter narrowRecent = narrow(lastStart, target.devices());
        DeliveryFilter narrowOld = narrow(firstStart, target.devices());
        DeliveryFilter wideRecent = range(lastStart.minus(Duration.ofDays(3)), null);
        DeliveryFilter wideOld = range(firstStart, firstStart.plus(Duration.ofDays(SPREAD_DAYS / 2)));
        long wideOldPageEnd = last(log.ofApp(tenant, app, wideOld, Long.MAX_VALUE, PAGE));

        Map<String, Supplier<List<DeliveryEntry>>> pages = new LinkedHashMap<>();
        pages.put("app log, first page", () -> log.ofApp(tenant, app, null, Long.MAX_VALUE, PAGE));
        pages.put("app log, next page", () -> log.ofApp(tenant, app, null, firstPageEnd, PAGE));
        pages.put("app log, page in the middle", () -> log.ofApp(tenant, app, null, middle, PAGE));
        pages.put("app log, status REJECTED", () -> log.ofApp(tenant, app, status(DeliveryStatus.REJECTED),
                Long.MAX_VALUE, PAGE));
        pages.put("app log, status EXPIRED (0.2 %)", () -> log.ofApp(tenant, app, status(DeliveryStatus.EXPIRED),
                Long.MAX_VALUE, PAGE));
        pages.put("app log, status ACCEPTED", () -> log.ofApp(tenant, app, status(DeliveryStatus.ACCEPTED),
                Long.MAX_VALUE, PAGE));
        pages.put("app log, reason Unregistered", () -> log.ofApp(tenant, app, reason("Unregistered"),
                Long.MAX_VALUE, PAGE));
        pages.put("app log, reason DeviceTokenNotForTopic", () -> log.ofApp(tenant, app,
                reason("DeviceTokenNotForTopic"), Long.MAX_VALUE, PAGE));
        pages.put("app log, token prefix (2 chars)", () -> log.ofApp(tenant, app,
                token(sample.token().substring(0, 2)), Long.MAX_VALUE, PAGE));
        pages.put("app log, token prefix (4 chars)", () -> log.ofApp(tenant, app,
                token(sample.token().substring(0, 4)), Long.MAX_VALUE, PAGE));
        pages.put("app log, token prefix (12 chars)", () -> log.ofApp(tenant, app,
                token(sample.token().substring(0, 12)), Long.MAX_VALUE, PAGE));
        pages.put("app log, alias", () -> log.ofApp(tenant, app, new DeliveryFilter(null, null, null, alias, null,
                null), Long.MAX_VALUE, PAGE));
        pages.put("app log, time 0.3 s (3,000 rows), recent", () -> log.ofApp(tenant, app, narrowRecent, Long.MAX_VALUE, PAGE));
        pages.put("app log, time 0.3 s (3,000 rows), oldest", () -> log.ofApp(tenant, app, narrowOld, Long.MAX_VALUE, PAGE));
        pages.put("app log, time last 3 days", () -> log.ofApp(tenant, app, wideRecent, Long.MAX_VALUE, PAGE));
        pages.put("app log, time first 5 days", () -> log.ofApp(tenant, app, wideOld, Long.MAX_VALUE, PAGE));
        pages.put("app log, time first 5 days, next page", () -> log.ofApp(tenant, app, wideOld, wideOldPageEnd,
                PAGE));
        pages.put("app log, time 0.3 s + REJECTED", () -> log.ofApp(tenant, app, new DeliveryFilter(
                DeliveryStatus.REJECTED, null, null, null, narrowOld.from(), narrowOld.to()), Long.MAX_VALUE, PAGE));
        pages.put("run log, first page", () -> log.ofRun(tenant, seeded.lastRun(), null, 0, PAGE));
        pages.put("run log, next page", () -> log.ofRun(tenant, seeded.lastRun(), null, firstRunPageEnd(log,
                tenant, seeded.lastRun()), PAGE));
        pages.put("run log, status REJECTED", () -> log.ofRun(tenant, seeded.lastRun(),
                status(DeliveryStatus.REJECTED), 0, PAGE));
        pages.put("run log, reason Unregistered", () -> log.ofRun(tenant, seeded.firstRun(), reason("Unregistered"),
                0, PAGE));
        pages.put("run log, time 0.3 s", () -> log.ofRun(tenant, seeded.firstRun(), narrowOld, 0, PAGE));
        pages.put("device history", () -> log.ofDevice(tenant, sample.deviceId(), Long.MAX_VALUE, PAGE));
        Map<String, Object> figures = new LinkedHashMap<>();
        pages.forEach((name, page) -> figures.put(name, time(name, page, repeats)));
        return figures;
    }

    /** Median and max of {@code repeats} calls of the service, in ms (JDBC round trips included). */
    private Map<String, Object> time(String name, Supplier<List<DeliveryEntry>> page, int repeats) {
        long[] nanos = new long[repeats];
        int size = 0;
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            size = page.get().size();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        double median = Probe.round(nanos[repeats / 2] / 1e6);
        double max = Probe.round(nanos[repeats - 1] / 1e6);
        table.add(new String[] {"delivery log: " + name, median + " ms", "max " + max + " ms, " + size + " rows; "
                + (median < TARGET_MS ? "under" : "OVER") + " the " + (int) TARGET_MS + " ms target"});
        return Map.of("medianMs", median, "maxMs", max, "rows", size, "underTarget", median < TARGET_MS);
    }

    private static long firstRunPageEnd(DeliveryLog log, UUID tenant, UUID run) {
        List<DeliveryEntry> first = log.ofRun(tenant, run, null, 0, PAGE);
        return first.isEmpty() ? 0 : first.get(first.size() - 1).id();
    }

    private static long last(List<DeliveryEntry> page) {
        return page.isEmpty() ? Long.MAX_VALUE : page.get(page.size() - 1).id();
    }

    private static DeliveryFilter status(DeliveryStatus status) {
        return new DeliveryFilter(status, null, null);
    }

    private static DeliveryFilter reason(String reason) {
        return new DeliveryFilter(null, reason, null);
    }

    private static DeliveryFilter token(String prefix) {
        return new DeliveryFilter(null, null, prefix);
    }

    /** 0.3 s of a run answered at 10,000 per second (3,000 rows), from 40 % into it. */
    private static DeliveryFilter narrow(Instant launch, long devices) {
        Instant from = launch.plusMillis(devices * 4 / 100);
        return range(from, from.plusMillis(300));
    }

    private static DeliveryFilter range(Instant from, Instant to) {
        return new DeliveryFilter(null, null, null, null, from, to);
    }

    /** Fills the table set-based; see the class comment. */
    private static final class Seeding {

        private final JdbcClient jdbc;
        private final Target target;

        Seeding(JdbcClient jdbc, Target target) {
            this.jdbc = jdbc;
            this.target = target;
        }

        /** Adds runs over every device of the app until the table holds {@code rows}; timings go to {@code figures}. */
        Seeded fill(long rows, Map<String, Object> figures) {
            long missing = rows - jdbc.sql("select count(*) from deliveries").query(Long.class).single();
            int runs = (int) Math.max(1, (missing + target.devices() - 1) / target.devices());
            Duration spacing = Duration.ofDays(SPREAD_DAYS).dividedBy(runs);
            Instant firstLaunch = Instant.now().minus(Duration.ofDays(SPREAD_DAYS));
            long start = System.nanoTime();
            List<String> indexes = LogRows.dropSecondaryIndexes(jdbc);
            UUID firstRun = null;
            UUID lastRun = null;
            Instant lastLaunch = firstLaunch;
            for (int i = 0; i < runs; i++) {
                lastLaunch = firstLaunch.plus(spacing.multipliedBy(i));
                LogRows.prepareWeek(jdbc, lastLaunch);
                lastRun = insertRun(lastLaunch);
                firstRun = firstRun == null ? lastRun : firstRun;
            }
            long loaded = System.nanoTime();
            indexes.forEach(definition -> jdbc.sql(definition).update());
            long indexed = System.nanoTime();
            jdbc.sql("vacuum analyze deliveries").update();
            long analyzed = System.nanoTime();
            figures.put("seededRuns", runs);
            figures.put("loadSeconds", seconds(start, loaded));
            figures.put("indexSeconds", seconds(loaded, indexed));
            figures.put("analyzeSeconds", seconds(indexed, analyzed));
            figures.put("seedSeconds", seconds(start, analyzed));
            return new Seeded(firstRun, firstLaunch, lastRun, lastLaunch);
        }

        /** One completed run to every device of the app, answered at 10,000 per second from {@code launch}. */
        private UUID insertRun(Instant launch) {
            UUID run = UUID.randomUUID();
            jdbc.sql("""
                            insert into dispatch_runs (id, tenant_id, app_id, environment, topic, payload, payload_bytes,
                                push_type, priority, status, deliveries_total, launched_at, completed_at)
                            values (:id, :tenant, :app, 'production', 'com.example.bench', '{"aps":{}}', 10, 'alert',
                                10, 'COMPLETED', :total, :launch, cast(:launch as timestamptz) + make_interval(secs => :total / 10000.0))""")
                    .param("id", run).param("tenant", target.tenantId()).param("app", target.appId())
                    .param("total", (int) target.devices()).param("launch", java.sql.Timestamp.from(launch)).update();
            Long[] ids = jdbc.sql("""
                            with added as (
                            insert into deliveries (tenant_id, app_id, run_id, device_id, token, status, attempts,
                                status_code, reason, release_at, last_attempt_at, accepted_at, apple_timestamp %1$s%3$s)
                            select d.tenant_id, d.app_id, :run, d.id, d.token, o.status, o.attempts, o.code, o.reason,
                                   :launch, o.attempted, case when o.status = 'ACCEPTED' then o.attempted end,
                                   case when o.code = 410 then o.attempted end %2$s%4$s
                            from (select id, tenant_id, app_id, token, random() as dice,
                                         cast(:launch as timestamptz) + make_interval(secs => (row_number() over ()) / 10000.0) as at
                                  from devices where tenant_id = :tenant and app_id = :app) d
                            cross join lateral (select
                                case when dice < 0.95 then 'ACCEPTED' when dice < 0.99 then 'REJECTED'
                                     when dice < 0.997 then 'FAILED' when dice < 0.999 then 'EXPIRED'
                                     else 'CANCELLED' end as status,
                                case when dice < 0.95 then 200 when dice < 0.97 then 410 when dice < 0.99 then 400
                                     when dice < 0.997 then 503 end as code,
                                case when dice < 0.95 then null when dice < 0.97 then 'Unregistered'
                                     when dice < 0.985 then 'BadDeviceToken' when dice < 0.99 then 'DeviceTokenNotForTopic'
                                     when dice < 0.997 then 'ServiceUnavailable' end as reason,
                                case when dice < 0.99 then 1 when dice < 0.997 then 3 else 0 end as attempts,
                                case when dice < 0.997 then at end as attempted) o
                            returning id)
                            select min(id) as first, max(id) as last from added""".formatted(LogRows.queueColumn(jdbc),
                            LogRows.queueValue(jdbc, ":launch"), LogRows.activityColumn(jdbc),
                            LogRows.activityValue(jdbc, "coalesce(o.attempted, :launch)")))
                    .param("run", run).param("tenant", target.tenantId()).param("app", target.appId())
                    .param("launch", java.sql.Timestamp.from(launch))
                    .query((rs, row) -> new Long[] {rs.getLong("first"), rs.getLong("last")}).single();
            jdbc.sql("update dispatch_runs set first_delivery_id = :first, last_delivery_id = :last where id = :id")
                    .param("first", ids[0]).param("last", ids[1]).param("id", run).update();
            return run;
        }

        private static double seconds(long from, long to) {
            return Probe.round((to - from) / 1e9);
        }
    }
}
