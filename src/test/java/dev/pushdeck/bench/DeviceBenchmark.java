package dev.pushdeck.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.AppKeyService;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.device.DeviceFilter;
import dev.pushdeck.device.DeviceImportService;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.device.DeviceStatus;
import dev.pushdeck.device.ImportReport;
import dev.pushdeck.device.internal.FilteredDevices;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
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

    /** Runs all three parts (import and grid only when {@code importRows > 0}) and returns the figures (also written to {@code settings.output()}). */
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
        if (settings.importRows() > 0) {
            importPart(team, app, settings);
            gridPart(team, app, settings);
        }
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
                report = context.getBean(DeviceImportService.class).importCsv(app.id(), in, null);
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
        pages.put("sandbox + tag vip", new DeviceFilter(ApnsEnvironment.SANDBOX, null, "vip", null,
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
                FilteredDevices.Statement sql = FilteredDevices.listStatement(team.teamId(), app.id(),
                        page.getValue(), null, 0, 50);
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

    /**
     * The load client runs in its own JVM ({@link RegistrationLoad}), so this JVM's CPU time
     * over the measured stretch is the server's alone (plus this idle benchmark thread).
     */
    private void registrationPart(String key, Settings settings) throws Exception {
        Process client = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx128m",
                "-XX:TieredStopAtLevel=1", "-cp", testClasses(), RegistrationLoad.class.getName(),
                String.valueOf(port), key, String.valueOf(settings.registrationThreads()),
                String.valueOf(settings.registrationWarmup().toMillis()),
                String.valueOf(settings.registrationTime().toMillis()), String.valueOf(settings.maxRegistrations()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.UTF_8)); Writer in = new OutputStreamWriter(client.getOutputStream(),
                StandardCharsets.UTF_8)) {
            expect(out, "warm");
            Cpu cpuBefore = cpu();
            in.write("go\n");
            in.flush();
            JsonNode figures = new ObjectMapper().readTree(out.readLine());
            Cpu used = cpu().minus(cpuBefore);
            record(settings, figures, used);
        } finally {
            if (!client.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                client.destroyForcibly();
            }
        }
    }

    private void record(Settings settings, JsonNode figures, Cpu used) {
        long requests = figures.get("requests").asLong();
        long failures = figures.get("failures").asLong();
        double perSecond = requests / figures.get("seconds").asDouble();
        double serverPerRequest = requests == 0 ? 0 : used.jvmMs() / requests;
        double databasePerRequest = requests == 0 ? 0 : used.databaseMs() / requests;
        double clientPerRequest = requests == 0 ? 0 : figures.get("clientCpuMs").asDouble() / requests;
        results.put("registrationRequests", requests);
        results.put("registrationFailures", failures);
        results.put("registrationThreads", settings.registrationThreads());
        results.put("registrationPerSecond", Math.round(perSecond));
        results.put("registrationP50Ms", figures.get("p50Ms").asDouble());
        results.put("registrationP95Ms", figures.get("p95Ms").asDouble());
        results.put("registrationP99Ms", figures.get("p99Ms").asDouble());
        results.put("registrationServerCpuMsPerRequest", round(serverPerRequest));
        results.put("registrationDatabaseCpuMsPerRequest", round(databasePerRequest));
        results.put("registrationClientCpuMsPerRequest", round(clientPerRequest));
        results.put("registrationJitShareOfServerCpu", round(used.jitMs() / used.jvmMs()));
        row("registration API (" + settings.registrationThreads() + " client threads, separate JVM)",
                Math.round(perSecond) + " req/s", "p50 " + figures.get("p50Ms") + " ms, p95 " + figures.get("p95Ms")
                        + " ms, p99 " + figures.get("p99Ms") + " ms, " + requests + " requests, " + failures
                        + " failed; CPU per request: server JVM " + round(serverPerRequest) + " ms, PostgreSQL "
                        + round(databasePerRequest) + " ms, load client " + round(clientPerRequest) + " ms; JIT "
                        + Math.round(100 * used.jitMs() / used.jvmMs()) + "% of server CPU");
    }

    private static void expect(BufferedReader out, String line) throws IOException {
        String read = out.readLine();
        if (!line.equals(read)) {
            throw new IllegalStateException("load client said '" + read + "' instead of '" + line + "'");
        }
    }

    /** Where the load client's class was loaded from; it needs nothing but the JDK. */
    private static String testClasses() throws java.net.URISyntaxException {
        return Path.of(RegistrationLoad.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /**
     * CPU time used so far by this JVM (the server) and by the database's processes, and
     * the JIT compiler's time in this JVM, in ms. The JIT's share shows whether the
     * measured stretch ran compiled code or was still warming up.
     */
    private record Cpu(double jvmMs, double databaseMs, double jitMs) {
        Cpu minus(Cpu earlier) {
            return new Cpu(jvmMs - earlier.jvmMs, databaseMs - earlier.databaseMs, jitMs - earlier.jitMs);
        }
    }

    private Cpu cpu() {
        return new Cpu(Probe.jvmCpuSeconds() * 1000, Probe.databaseCpuSeconds(context.getBean(JdbcClient.class)) * 1000,
                ManagementFactory.getCompilationMXBean().getTotalCompilationTime());
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
