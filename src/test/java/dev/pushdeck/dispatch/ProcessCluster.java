package dev.pushdeck.dispatch;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushdeck.app.TestCredentials;
import io.netty.channel.nio.NioEventLoopGroup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whole application nodes in child JVMs (see {@link ChildNode}) on a PostgreSQL this class
 * starts and stops, sending to a mock APNs in this JVM: production through a
 * {@link LoopbackRelay} (so answers can be slowed down), sandbox to a
 * {@link SilentEndpoint} (accepts connections, never answers). One cluster serves every
 * process test class of the run ({@link Shared}); a node a test leaves running serves the
 * next test, and each test counts only its own campaign's deliveries and tokens.
 *
 * <p>Not a {@code @PushdeckTest}: the shared Spring context and its database stay untouched.
 */
final class ProcessCluster implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    static final int MAX_IN_FLIGHT = 200;
    static final int MAX_UNWRITTEN = 100;
    /** What one node holds claimed and unwritten at most: in flight, plus answered and waiting to be written. */
    static final int MAX_HELD = MAX_IN_FLIGHT + MAX_UNWRITTEN;
    /** Short, so that a node that dies is replaced quickly; live nodes renew their leases every quarter of it. */
    static final Duration LEASE = Duration.ofSeconds(5);
    static final Duration TO_FINISH = Duration.ofMinutes(4);
    /** Logged and queued deliveries alike, queued ones as PENDING or IN_FLIGHT (while their lease lies ahead). */
    private static final String EVERY_DELIVERY = """
            (select run_id, token, status from deliveries
             union all
             select run_id, token, case when lease_owner is not null and next_attempt_at > now() then 'IN_FLIGHT'
                                        else 'PENDING' end
             from delivery_queue) d""";
    private static final String API_TOKEN = "pdt_processprocessprocessprocessprocess12345678";
    private static final String MASTER_KEY = "cHJvY2Vzcy10ZXN0LW1hc3Rlci1rZXktMzItYnl0ZXM=";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Resolves a {@link ProcessCluster} parameter (of a {@code @BeforeAll}) to the one cluster of the run. */
    static final class Shared implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == ProcessCluster.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(ProcessCluster.class, key -> start(), ProcessCluster.class);
        }
    }

    private final Path workDir;
    private final int databasePort;
    private EmbeddedPostgres database;
    final MockApns apns;
    private final NioEventLoopGroup relayLoop = new NioEventLoopGroup(1);
    final LoopbackRelay production;
    final SilentEndpoint sandbox;
    private final Path trustedCa;
    /** The port of the benchmark's own APNs, which production is sent to directly; 0 for tests. */
    private final int benchmarkApns;
    private String metricsToken;
    private final List<ChildNode> nodes = new CopyOnWriteArrayList<>();
    private final AtomicInteger started = new AtomicInteger();
    /** The cluster of this run, so a wait that times out can leave the nodes' threads behind for people. */
    private static volatile ProcessCluster current;

    private ProcessCluster(int benchmarkApns) throws Exception {
        this.benchmarkApns = benchmarkApns;
        Files.createDirectories(Path.of("target", "child-nodes"));
        workDir = Files.createTempDirectory(Path.of("target", "child-nodes"), "process-");
        databasePort = ChildNode.freePort();
        database = startDatabase();
        apns = new MockApns();
        production = new LoopbackRelay(relayLoop, apns.endpoint().port(), Duration.ZERO, Duration.ZERO);
        sandbox = new SilentEndpoint();
        trustedCa = workDir.resolve("mock-apns-ca.pem");
        Files.writeString(trustedCa, TestCredentials.CA.caPem());
        current = this;
    }

    private static ProcessCluster start() {
        try {
            return new ProcessCluster(0);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the process cluster", e);
        }
    }

    /**
     * A cluster for measuring, not for faults: nodes with the product's own dispatch settings
     * and JVM defaults (the full JIT), sending production straight to the APNs at {@code apnsPort}.
     */
    static ProcessCluster forBenchmark(int apnsPort) throws Exception {
        return new ProcessCluster(apnsPort);
    }

    @Override
    public void close() throws IOException {
        nodes.forEach(ChildNode::close);
        nodes.clear();
        production.close();
        relayLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        sandbox.close();
        apns.close();
        if (database != null) {
            database.close();
        }
        try (Stream<Path> files = Files.walk(workDir.resolve("pg"))) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    // --- Nodes ----------------------------------------------------------------------------

    List<ChildNode> nodes() {
        nodes.removeIf(node -> !node.isAlive());
        return List.copyOf(nodes);
    }

    /** The only node running: one left by an earlier test, or a new one; any other is stopped. */
    ChildNode soleNode() {
        ChildNode sole = anyNode();
        nodes.stream().filter(node -> node != sole && node.isAlive())
                .forEach(node -> node.terminate(Duration.ofSeconds(90)));
        nodes.removeIf(node -> !node.isAlive());
        return sole;
    }

    /** A node that is running already, or a new one. */
    ChildNode anyNode() {
        return nodes.stream().filter(ChildNode::isAlive).findFirst().orElseGet(this::startNode);
    }

    ChildNode startNode() {
        ChildNode node = ChildNode.start("node-" + started.incrementAndGet(), nodeProperties(),
                benchmarkApns == 0 ? ChildNode.TEST_JVM : List.of("-Xmx512m"));
        nodes.add(node);
        return node;
    }

    /** Two running nodes; the first node of a fresh database starts alone, as it creates the first team. */
    List<ChildNode> twoNodes() {
        List<ChildNode> alive = new ArrayList<>(nodes.stream().filter(ChildNode::isAlive).limit(2).toList());
        if (alive.isEmpty() && !bootstrapped()) {
            alive.add(startNode());
        }
        List<CompletableFuture<ChildNode>> starting = Stream.generate(
                () -> CompletableFuture.supplyAsync(this::startNode)).limit(2 - alive.size()).toList();
        starting.forEach(future -> alive.add(future.join()));
        return alive;
    }

    private Map<String, String> nodeProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", "jdbc:postgresql://localhost:" + databasePort + "/postgres");
        properties.put("spring.datasource.username", "postgres");
        // Fail fast while the database is away, so the dispatcher's own backoff is what is tested.
        properties.put("spring.datasource.hikari.connection-timeout", "2000");
        properties.put("pushdeck.master-key", MASTER_KEY);
        properties.put("pushdeck.bootstrap.team", "Process Team");
        properties.put("pushdeck.bootstrap.admin-email", "root@process.test");
        properties.put("pushdeck.bootstrap.admin-password", "process-password-1");
        properties.put("pushdeck.bootstrap.api-token", API_TOKEN);
        properties.put("pushdeck.apns.sandbox-host", "localhost:" + sandbox.port());
        properties.put("pushdeck.apns.production-host", "localhost:"
                + (benchmarkApns == 0 ? production.port() : benchmarkApns));
        properties.put("pushdeck.apns.trusted-ca", trustedCa.toAbsolutePath().toString());
        // -Dbench.node.<property>=<value> reaches every node, so a measurement can vary one setting.
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("bench.node."))
                .forEach(name -> properties.put(name.substring("bench.node.".length()), System.getProperty(name)));
        if (benchmarkApns == 0) {
            properties.put("pushdeck.dispatch.max-in-flight", Integer.toString(MAX_IN_FLIGHT));
            properties.put("pushdeck.dispatch.max-unwritten", Integer.toString(MAX_UNWRITTEN));
            properties.put("pushdeck.dispatch.lease", LEASE.toSeconds() + "s");
            properties.put("pushdeck.dispatch.reaper-interval", "1s");
        }
        properties.put("pushdeck.scheduler.enabled", "true");
        properties.put("pushdeck.scheduler.interval", "500ms");
        properties.put("pushdeck.simulator.enabled", "false");
        return properties;
    }

    // --- The database -------------------------------------------------------------------------

    /**
     * The nodes' database; the benchmark's {@code -Dpushdeck.embedded.preload-libraries=pg_stat_statements}
     * loads the statistics here as the product's embedded database would.
     */
    private EmbeddedPostgres startDatabase() throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(workDir.resolve("pg"))
                .setCleanDataDirectory(false).setPort(databasePort).setPGStartupWait(Duration.ofSeconds(60));
        String preload = System.getProperty("pushdeck.embedded.preload-libraries", "");
        if (!preload.isBlank()) {
            builder.setServerConfig("shared_preload_libraries", preload);
        }
        return builder.start();
    }

    /** Stops the database, runs {@code whileAway}, and starts it again (also when {@code whileAway} fails). */
    void withoutDatabase(Runnable whileAway) throws IOException {
        database.close();
        try {
            whileAway.run();
        } finally {
            database = startDatabase();
        }
    }

    JdbcClient sql() {
        return JdbcClient.create(database.getPostgresDatabase());
    }

    private boolean bootstrapped() {
        return sql().sql("select to_regclass('teams') is not null").query(Boolean.class).single()
                && sql().sql("select exists (select 1 from teams)").query(Boolean.class).single();
    }

    Map<String, Long> statusCounts(UUID run) {
        Map<String, Long> counts = new LinkedHashMap<>();
        sql().sql("select status, count(*) from " + EVERY_DELIVERY + " where run_id = :run group by status"
                        + " order by status")
                .param("run", run).query((rs, row) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }

    List<String> tokens(UUID run) {
        return sql().sql("select token from " + EVERY_DELIVERY + " where run_id = :run").param("run", run)
                .query(String.class).list();
    }

    Set<String> tokens(UUID run, String status) {
        return new HashSet<>(sql().sql("select token from " + EVERY_DELIVERY
                        + " where run_id = :run and status = :status")
                .param("run", run).param("status", status).query(String.class).list());
    }

    String campaignStatus(UUID campaign) {
        return sql().sql("select status from campaigns where id = :id").param("id", campaign).query(String.class)
                .single();
    }

    String runStatus(UUID run) {
        return sql().sql("select status from dispatch_runs where id = :id").param("id", run).query(String.class)
                .optional().orElse("missing");
    }

    /** Waits until nothing of the run is pending or in flight and the run is no longer sending. */
    void awaitFinished(UUID run) {
        awaitUntil("run " + run + " to finish", TO_FINISH, () -> {
            Map<String, Long> counts = statusCounts(run);
            return !counts.containsKey("PENDING") && !counts.containsKey("IN_FLIGHT")
                    && !"SENDING".equals(runStatus(run));
        }, () -> statusCounts(run) + ", run " + runStatus(run));
    }

    // --- Setup through the REST API ---------------------------------------------------------

    /** An app with a token key for production and {@code devices} ACTIVE production devices. */
    UUID newApp(ChildNode node, int devices) {
        return newApp(node, devices, "production");
    }

    /** An app with a token key for {@code environment} and {@code devices} ACTIVE devices there. */
    UUID newApp(ChildNode node, int devices, String environment) {
        String bundle = "com.example.process" + UUID.randomUUID().toString().substring(0, 8);
        UUID app = UUID.fromString(post(node, "/api/v1/apps", "{\"name\":\"Process " + bundle + "\",\"bundleId\":\""
                + bundle + "\"}").get("id").asText());
        uploadTokenKey(node, app, environment);
        sql().sql("""
                        insert into devices (tenant_id, app_id, environment, token)
                        select a.tenant_id, a.id, :env, md5(a.id::text || g) || md5(g || a.id::text)
                        from apps a cross join generate_series(1, :n) g where a.id = :app""")
                .param("n", devices).param("app", app).param("env", environment).update();
        return app;
    }

    String bundleId(UUID app) {
        return sql().sql("select bundle_id from apps where id = :id").param("id", app).query(String.class).single();
    }

    UUID sendNow(ChildNode node, UUID app, String name) {
        return sendNow(node, app, name, "production", "");
    }

    /** Creates a campaign ({@code extra}: more JSON members, each followed by a comma) and sends it now. */
    UUID sendNow(ChildNode node, UUID app, String name, String environment, String extra) {
        UUID campaign = createCampaign(node, app, name, environment, "null", extra);
        post(node, "/api/v1/campaigns/" + campaign + "/send", "");
        return campaign;
    }

    UUID createCampaign(ChildNode node, UUID app, String name, String environment, String schedule, String extra) {
        String body = """
                {"name": "%s", "environment": "%s", %s
                 "notification": {"title": "%s", "body": "process test"},
                 "pushType": "alert", "priority": 10, "audience": {"type": "ALL"}, "schedule": %s}"""
                .formatted(name, environment, extra, name, schedule);
        return UUID.fromString(post(node, "/api/v1/apps/" + app + "/campaigns", body).get("id").asText());
    }

    /** Waits until the mock has received {@code received} of the campaign's notifications; answers its tokens. */
    List<String> awaitMidway(UUID campaign, int received) {
        List<String> tokens = tokens(campaign);
        awaitUntil("the mock to receive " + received + " notifications", () -> received(tokens) >= received,
                () -> statusCounts(campaign).toString());
        return tokens;
    }

    private void uploadTokenKey(ChildNode node, UUID app, String environment) {
        String boundary = "----process" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String key = TestCredentials.pem(TestCredentials.ec("secp256r1").getPrivate());
        part(body, boundary, "file\"; filename=\"AuthKey_" + TestCredentials.KEY_ID + ".p8", key);
        part(body, boundary, "environment", environment);
        part(body, boundary, "keyId", TestCredentials.KEY_ID);
        part(body, boundary, "teamId", TestCredentials.TEAM_ID);
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        send(node, HttpRequest.newBuilder(node.uri("/api/v1/apps/" + app + "/credentials"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private static void part(ByteArrayOutputStream body, String boundary, String name, String value) {
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                + value + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    JsonNode post(ChildNode node, String path, String json) {
        return send(node, HttpRequest.newBuilder(node.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    JsonNode get(ChildNode node, String path) {
        return send(node, HttpRequest.newBuilder(node.uri(path)).GET());
    }

    private static JsonNode send(ChildNode node, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.header("Authorization", "Bearer " + API_TOKEN)
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                fail(response.request().method() + " " + response.uri() + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    // --- What the nodes say -----------------------------------------------------------------

    /** Notifications Apple accepted through {@code node} since it started, from its own metrics. */
    long acceptedBy(ChildNode node) {
        if (metricsToken == null) {
            metricsToken = post(node, "/api/v1/metrics-tokens", "{\"name\":\"process cluster\"}").get("token").asText();
        }
        try {
            HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(node.uri("/actuator/prometheus"))
                    .header("Authorization", "Bearer " + metricsToken).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return metrics.body().lines().filter(line -> line.startsWith("pushdeck_dispatch_accepted_total"))
                    .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    // --- What the mock saw ------------------------------------------------------------------

    int received(List<String> tokens) {
        Map<String, AtomicInteger> counts = apns.counts();
        return tokens.stream().mapToInt(token -> {
            AtomicInteger count = counts.get(token);
            return count == null ? 0 : count.get();
        }).sum();
    }

    Set<String> unseen(List<String> tokens) {
        Set<String> unseen = new HashSet<>();
        tokens.stream().filter(token -> apns.received(token) == 0).forEach(unseen::add);
        return unseen;
    }

    Set<String> resent(List<String> tokens) {
        Set<String> resent = new HashSet<>();
        tokens.stream().filter(token -> apns.received(token) > 1).forEach(resent::add);
        return resent;
    }

    static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> rest = new HashSet<>(a);
        rest.removeAll(b);
        return rest;
    }

    static void awaitUntil(String what, BooleanSupplier condition, Supplier<String> state) {
        awaitUntil(what, Duration.ofMinutes(2), condition, state);
    }

    static void awaitUntil(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            ChildNode.pause(Duration.ofMillis(100));
        }
        ProcessCluster cluster = current;
        String dumps = cluster == null ? "" : "; threads of the nodes: " + cluster.nodes().stream()
                .map(ChildNode::dumpThreads).toList();
        fail("Timed out after " + timeout + " waiting for " + what + "; left: " + state.get() + dumps);
    }
}
