package dev.pushdeck.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.AppKeyService;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.device.DeviceFilter;
import dev.pushdeck.device.DeviceImportService;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.device.DeviceStatus;
import dev.pushdeck.device.Environment;
import dev.pushdeck.device.ImportReport;
import dev.pushdeck.device.internal.DeviceRepository;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The device benchmark: (a) CSV import of generated rows, (b) device-grid pages at that
 * size, (c) registration API throughput and latency over loopback. Every loop is bounded
 * in count and time; only 127.0.0.1 is contacted. Prints a table and writes JSON. Used at
 * full size by {@code DeviceBench} ({@code ./mvnw -Pbench verify}) and at a tiny size by
 * a smoke test that only checks the code runs.
 */
public final class DeviceBenchmark {

    /** What to run; every figure is a bound. */
    public record Settings(int importRows, int pageRepeats, Duration registrationWarmup, Duration registrationTime,
                           int registrationThreads, int maxRegistrations, Path output) {
    }

    private static final String[] TAGS = {"vip", "beta", "de", "fr", "us", "cn", "ios17", "ios18", "newsletter",
            "sports", "news", "promo", "trial", "paid", "churn-risk", "dark-mode", "ipad", "iphone", "watch", "tv"};
    private static final String[] LOCALES = {"en-US", "de-DE", "fr-FR", "zh-Hans-CN", "ja-JP", "es-ES"};
    private static final String[] ZONES = {"Europe/Berlin", "America/New_York", "Asia/Shanghai", "Asia/Tokyo",
            "Europe/Paris", "UTC"};

    private final ApplicationContext context;
    private final int port;
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final List<String[]> table = new ArrayList<>();

    public DeviceBenchmark(ApplicationContext context, int port) {
        this.context = context;
        this.port = port;
    }

    /** Runs all three parts and returns the figures (also written to {@code settings.output()}). */
    public Map<String, Object> run(Settings settings) throws Exception {
        TestTeams teams = context.getBean(TestTeams.class);
        TestTeams.Fixture team = teams.create("bench");
        PushApp app = TestSecurity.as(team.as(Role.ADMIN), () -> context.getBean(AppService.class)
                .create("Bench " + UUID.randomUUID().toString().substring(0, 8), "com.example.bench"));
        String key = TestSecurity.as(team.as(Role.ADMIN), () -> context.getBean(AppKeyService.class)
                .create(app.id(), "bench").key());
        results.put("importRows", settings.importRows());
        results.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        results.put("cpus", Runtime.getRuntime().availableProcessors());
        importPart(team, app, settings);
        gridPart(team, app, settings);
        registrationPart(key, settings);
        print();
        Files.createDirectories(settings.output().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(settings.output().toFile(), results);
        return results;
    }

    private void importPart(TestTeams.Fixture team, PushApp app, Settings settings) throws Exception {
        Path csv = Files.createTempFile("device-bench", ".csv");
        try {
            generate(csv, settings.importRows());
            long bytes = Files.size(csv);
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            System.gc();
            long baseline = memory.getHeapMemoryUsage().getUsed();
            AtomicLong peak = new AtomicLong(baseline);
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    sleep(20);
                }
            }, "bench-heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
            Cpu cpuBefore = cpu();
            long start = System.nanoTime();
            ImportReport report;
            TestSecurity.signIn(team.as(Role.EDITOR));
            try (InputStream in = Files.newInputStream(csv)) {
                report = context.getBean(DeviceImportService.class).importCsv(app.id(), in, Locale.ENGLISH, null);
            } finally {
                TestSecurity.signOut();
                sampling.set(false);
                sampler.join(1000);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Cpu used = cpu().minus(cpuBefore);
            results.put("importJvmCpuSeconds", round(used.jvmMs() / 1000));
            results.put("importDatabaseCpuSeconds", round(used.databaseMs() / 1000));
            results.put("importSeconds", round(seconds));
            results.put("importRowsPerSecond", Math.round(settings.importRows() / seconds));
            results.put("importFileMb", round(bytes / 1048576.0));
            results.put("importImported", report.imported());
            results.put("importRejected", report.rejected());
            results.put("importHeapBaselineMb", baseline / 1048576);
            results.put("importHeapPeakMb", peak.get() / 1048576);
            row("import " + settings.importRows() + " rows", round(seconds) + " s",
                    Math.round(settings.importRows() / seconds) + " rows/s, heap peak " + peak.get() / 1048576
                            + " MB of " + Runtime.getRuntime().maxMemory() / 1048576 + " MB max; CPU: JVM "
                            + round(used.jvmMs() / 1000) + " s, PostgreSQL " + round(used.databaseMs() / 1000) + " s");
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    /** Rows with random tokens, 1 in 10 sandbox, 0-3 tags, an alias, a locale and a zone. */
    private static void generate(Path csv, int rows) throws IOException {
        Random random = new Random(42);
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("token,environment,tags,alias,locale,timezone\n");
            StringBuilder line = new StringBuilder(200);
            for (int i = 0; i < rows; i++) {
                line.setLength(0);
                for (int d = 0; d < 64; d++) {
                    line.append(Character.forDigit(random.nextInt(16), 16));
                }
                line.append(random.nextInt(10) == 0 ? ",sandbox," : ",production,");
                int tags = random.nextInt(4);
                for (int t = 0; t < tags; t++) {
                    line.append(t == 0 ? "" : ";").append(TAGS[random.nextInt(TAGS.length)]);
                }
                line.append(",user-").append(i).append(',').append(LOCALES[random.nextInt(LOCALES.length)])
                        .append(',').append(ZONES[random.nextInt(ZONES.length)]).append('\n');
                out.append(line);
            }
        }
    }

    private void gridPart(TestTeams.Fixture team, PushApp app, Settings settings) {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        jdbc.sql("analyze devices").update();
        DeviceService devices = context.getBean(DeviceService.class);
        Map<String, DeviceFilter> pages = new LinkedHashMap<>();
        pages.put("first page (token order)", DeviceFilter.ALL);
        pages.put("newest first", new DeviceFilter(null, null, null, null, DeviceFilter.Order.LAST_REGISTERED, false));
        pages.put("sandbox + tag vip", new DeviceFilter(Environment.SANDBOX, null, "vip", null,
                DeviceFilter.Order.TOKEN, false));
        pages.put("status UNREGISTERED", new DeviceFilter(null, DeviceStatus.UNREGISTERED, null, null,
                DeviceFilter.Order.TOKEN, false));
        pages.put("search token prefix 'abc'", new DeviceFilter(null, null, null, "abc", DeviceFilter.Order.TOKEN,
                false));
        pages.put("search alias 'user-4242'", new DeviceFilter(null, null, null, "user-4242",
                DeviceFilter.Order.TOKEN, false));
        pages.put("sort by alias", new DeviceFilter(null, null, null, null, DeviceFilter.Order.ALIAS, false));
        Map<String, Object> figures = new LinkedHashMap<>();
        TestSecurity.signIn(team.as(Role.VIEWER));
        try {
            for (Map.Entry<String, DeviceFilter> page : pages.entrySet()) {
                long[] nanos = new long[settings.pageRepeats()];
                for (int i = 0; i < nanos.length; i++) {
                    long start = System.nanoTime();
                    devices.list(app.id(), page.getValue(), 0, 50);
                    nanos[i] = System.nanoTime() - start;
                }
                Arrays.sort(nanos);
                double median = nanos[nanos.length / 2] / 1e6;
                DeviceRepository.Statement sql = DeviceRepository.listStatement(team.teamId(), app.id(),
                        page.getValue(), 0, 50);
                double executionMs = jdbc.sql("explain (analyze, format json) " + sql.sql()).params(sql.params())
                        .query((rs, n) -> executionTime(rs.getString(1))).single();
                figures.put(page.getKey(), Map.of("serviceMedianMs", round(median), "sqlExecutionMs",
                        round(executionMs)));
                row("grid: " + page.getKey(), round(median) + " ms", "SQL execution " + round(executionMs) + " ms");
            }
        } finally {
            TestSecurity.signOut();
        }
        results.put("gridPages", figures);
    }

    private static double executionTime(String explainJson) {
        try {
            return new ObjectMapper().readTree(explainJson).get(0).get("Execution Time").asDouble();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void registrationPart(String key, Settings settings) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String body = "{\"environment\":\"production\",\"tags\":[\"bench\"],\"locale\":\"en-US\","
                + "\"timezone\":\"Europe/Berlin\"}";
        send(client, key, body, settings.registrationThreads(), settings.registrationWarmup(),
                settings.maxRegistrations());
        Cpu cpuBefore = cpu();
        long start = System.nanoTime();
        List<long[]> latencies = send(client, key, body, settings.registrationThreads(),
                settings.registrationTime(), settings.maxRegistrations());
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).filter(n -> n > 0).sorted().toArray();
        long failures = latencies.stream().flatMapToLong(Arrays::stream).filter(n -> n < 0).count();
        double perSecond = all.length / seconds;
        Cpu used = cpu().minus(cpuBefore);
        double jvmPerRequest = all.length == 0 ? 0 : used.jvmMs() / all.length;
        double databasePerRequest = all.length == 0 ? 0 : used.databaseMs() / all.length;
        results.put("registrationJvmCpuMsPerRequest", round(jvmPerRequest));
        results.put("registrationDatabaseCpuMsPerRequest", round(databasePerRequest));
        double p50 = all.length == 0 ? 0 : all[all.length / 2] / 1e6;
        double p99 = all.length == 0 ? 0 : all[Math.min(all.length - 1, (int) (all.length * 0.99))] / 1e6;
        results.put("registrationRequests", all.length);
        results.put("registrationFailures", failures);
        results.put("registrationThreads", settings.registrationThreads());
        results.put("registrationPerSecond", Math.round(perSecond));
        results.put("registrationP50Ms", round(p50));
        results.put("registrationP99Ms", round(p99));
        row("registration API (" + settings.registrationThreads() + " threads)", Math.round(perSecond) + " req/s",
                "p50 " + round(p50) + " ms, p99 " + round(p99) + " ms, " + all.length + " requests, " + failures
                        + " failed; CPU per request: JVM (server + client) " + round(jvmPerRequest)
                        + " ms, PostgreSQL " + round(databasePerRequest) + " ms");
    }

    /** Each thread sends PUTs with fresh tokens until the time or the count runs out; latency in ns, negative on failure. */
    private List<long[]> send(HttpClient client, String key, String body, int threads, Duration time, int max)
            throws Exception {
        long deadline = System.nanoTime() + time.toNanos();
        AtomicLong budget = new AtomicLong(max);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = t * 7919L + System.nanoTime();
                futures.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    long[] latencies = new long[max / threads + 1];
                    int n = 0;
                    while (n < latencies.length && System.nanoTime() < deadline && budget.decrementAndGet() >= 0) {
                        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                        + "/api/v1/device-registrations/" + token(random)))
                                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
                        long started = System.nanoTime();
                        int status;
                        try {
                            status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        } catch (IOException e) {
                            status = -1;
                        }
                        long took = Math.max(1, System.nanoTime() - started);
                        latencies[n++] = status == 200 || status == 201 ? took : -took;
                    }
                    return Arrays.copyOf(latencies, n);
                }));
            }
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> future : futures) {
                all.add(future.get(time.toSeconds() + 60, java.util.concurrent.TimeUnit.SECONDS));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String token(Random random) {
        StringBuilder hex = new StringBuilder(64);
        for (int i = 0; i < 64; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }

    /** CPU time used so far by this JVM (server and benchmark client) and by the database's backends, in ms. */
    private record Cpu(double jvmMs, double databaseMs) {
        Cpu minus(Cpu earlier) {
            return new Cpu(jvmMs - earlier.jvmMs, databaseMs - earlier.databaseMs);
        }
    }

    private Cpu cpu() {
        double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e6;
        List<Integer> pids = context.getBean(JdbcClient.class).sql("select pid from pg_stat_activity")
                .query(Integer.class).list();
        double database = 0;
        long ticksPerSecond = 100; // USER_HZ on Linux
        for (int pid : pids) {
            try {
                String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ", 2)[1].split(" ");
                database += (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) * 1000.0 / ticksPerSecond;
            } catch (IOException | RuntimeException e) {
                // Not on Linux, or the backend is gone: leave it out.
            }
        }
        return new Cpu(jvm, database);
    }

    private void row(String what, String figure, String notes) {
        table.add(new String[] {what, figure, notes});
    }

    private void print() {
        StringBuilder out = new StringBuilder("\nDevice benchmark\n");
        out.append(String.format("%-44s %-14s %s%n", "measure", "result", "details"));
        for (String[] row : table) {
            out.append(String.format("%-44s %-14s %s%n", row[0], row[1], row[2]));
        }
        System.out.println(out);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
