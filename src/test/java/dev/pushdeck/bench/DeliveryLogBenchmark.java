package dev.pushdeck.bench;

import dev.pushdeck.dispatch.DeliveryFilter;
import dev.pushdeck.dispatch.DeliveryLog;
import dev.pushdeck.dispatch.DeliveryStatus;
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
 * Delivery-log pages at a large {@code deliveries} table: fills it set-based to the asked
 * number of rows (completed runs over the largest app's devices: mostly accepted, some
 * rejected or failed with Apple's reasons), then times the pages the product serves through
 * {@link DeliveryLog}: a run's log, an app's log across runs and a device's history, with
 * and without filters. Figures only.
 */
public final class DeliveryLogBenchmark {

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
        long start = System.nanoTime();
        UUID lastRun = fill(target, rows);
        results.put("fillSeconds", Probe.round((System.nanoTime() - start) / 1e9));
        results.put("rows", jdbc.sql("select count(*) from deliveries").query(Long.class).single());
        results.put("appDevices", target.devices());
        results.put("pages", pages(target.tenantId(), target.appId(), lastRun, repeats));
        return results;
    }

    private record Target(UUID tenantId, UUID appId, long devices) {
    }

    /** The app with the most devices (the import part's million at full size). */
    private Target largestApp() {
        return jdbc.sql("""
                        select tenant_id, app_id, count(*) as devices from devices
                        group by tenant_id, app_id order by count(*) desc limit 1""")
                .query(Target.class).single();
    }

    /**
     * Adds completed runs to every device of the app (at least one run) until the table holds
     * {@code rows} or more; returns the newest run.
     */
    private UUID fill(Target target, long rows) {
        UUID run;
        long missing = rows - jdbc.sql("select count(*) from deliveries").query(Long.class).single();
        do {
            run = UUID.randomUUID();
            jdbc.sql("""
                            insert into dispatch_runs (id, tenant_id, app_id, environment, topic, payload, payload_bytes,
                                push_type, priority, status, deliveries_total, launched_at, completed_at)
                            values (:id, :tenant, :app, 'production', 'com.example.bench', '{"aps":{}}', 10, 'alert',
                                10, 'COMPLETED', :total, now() - interval '1 hour', now())""")
                    .param("id", run).param("tenant", target.tenantId()).param("app", target.appId())
                    .param("total", (int) target.devices()).update();
            missing -= jdbc.sql("""
                            insert into deliveries (tenant_id, app_id, run_id, device_id, token, status, attempts,
                                status_code, reason, release_at, last_attempt_at, accepted_at)
                            select tenant_id, app_id, :run, id, token, o.status, 1, o.code, o.reason,
                                   now() - interval '1 hour', now() - interval '59 minutes',
                                   case when o.status = 'ACCEPTED' then now() - interval '59 minutes' end
                            from (select *, random() as dice from devices where tenant_id = :tenant and app_id = :app) d
                            cross join lateral (select
                                case when dice < 0.95 then 'ACCEPTED' when dice < 0.99 then 'REJECTED' else 'FAILED' end
                                    as status,
                                case when dice < 0.95 then 200 when dice < 0.97 then 400 when dice < 0.99 then 410
                                     else 503 end as code,
                                case when dice < 0.95 then null when dice < 0.97 then 'BadDeviceToken'
                                     when dice < 0.99 then 'Unregistered' else 'ServiceUnavailable' end as reason) o""")
                    .param("run", run).param("tenant", target.tenantId()).param("app", target.appId()).update();
            jdbc.sql("""
                            update dispatch_runs set first_delivery_id = (select min(id) from deliveries where run_id = :id),
                                last_delivery_id = (select max(id) from deliveries where run_id = :id)
                            where id = :id""").param("id", run).update();
        } while (missing > 0);
        jdbc.sql("analyze deliveries").update();
        return run;
    }

    private Map<String, Object> pages(UUID tenantId, UUID appId, UUID runId, int repeats) {
        DeliveryLog log = context.getBean(DeliveryLog.class);
        long middle = jdbc.sql("""
                        select id from deliveries where run_id = :run order by id
                        offset (select count(*) / 2 from deliveries where run_id = :run) limit 1""")
                .param("run", runId).query(Long.class).single();
        UUID device = jdbc.sql("select device_id from deliveries where id = :id").param("id", middle)
                .query(UUID.class).single();
        Map<String, Supplier<List<?>>> pages = new LinkedHashMap<>();
        DeliveryFilter rejected = new DeliveryFilter(DeliveryStatus.REJECTED, null, null);
        DeliveryFilter failed = new DeliveryFilter(DeliveryStatus.FAILED, null, null);
        DeliveryFilter unregistered = new DeliveryFilter(null, "Unregistered", null);
        DeliveryFilter prefix = new DeliveryFilter(null, null, "ab");
        pages.put("run log, first page", () -> log.ofRun(tenantId, runId, null, 0, 50));
        pages.put("run log, page in the middle", () -> log.ofRun(tenantId, runId, null, middle, 50));
        pages.put("run log, status REJECTED", () -> log.ofRun(tenantId, runId, rejected, 0, 50));
        pages.put("run log, status FAILED (1 %)", () -> log.ofRun(tenantId, runId, failed, 0, 50));
        pages.put("run log, reason Unregistered", () -> log.ofRun(tenantId, runId, unregistered, 0, 50));
        pages.put("run log, token prefix 'ab'", () -> log.ofRun(tenantId, runId, prefix, 0, 50));
        pages.put("app log, first page", () -> log.ofApp(tenantId, appId, null, Long.MAX_VALUE, 50));
        pages.put("app log, status FAILED (1 %)", () -> log.ofApp(tenantId, appId, failed, Long.MAX_VALUE, 50));
        pages.put("app log, reason Unregistered", () -> log.ofApp(tenantId, appId, unregistered, Long.MAX_VALUE,
                50));
        pages.put("app log, token prefix 'ab'", () -> log.ofApp(tenantId, appId, prefix, Long.MAX_VALUE, 50));
        pages.put("device history", () -> log.ofDevice(tenantId, device, Long.MAX_VALUE, 50));
        Map<String, Object> figures = new LinkedHashMap<>();
        for (Map.Entry<String, Supplier<List<?>>> page : pages.entrySet()) {
            long[] nanos = new long[repeats];
            int size = 0;
            for (int i = 0; i < repeats; i++) {
                long start = System.nanoTime();
                size = page.getValue().get().size();
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            double median = Probe.round(nanos[repeats / 2] / 1e6);
            double max = Probe.round(nanos[repeats - 1] / 1e6);
            figures.put(page.getKey(), Map.of("medianMs", median, "maxMs", max, "rows", size));
            table.add(new String[] {"delivery log: " + page.getKey(), median + " ms", "max " + max + " ms, " + size
                    + " rows"});
        }
        return figures;
    }
}
