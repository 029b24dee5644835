package dev.pushdeck.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushdeck.app.TestCredentials;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dispatcher as operators meet it: whole application nodes in child JVMs (see
 * {@link ChildNode}) on a PostgreSQL this test starts and stops, sending to a mock APNs in
 * this JVM. Nodes are killed, stopped, doubled and cut off from their database; every
 * campaign must still end with each device reached, and resent only within the in-flight bound.
 *
 * <p>Not a {@code @PushdeckTest}: the shared context and its database stay untouched.
 * Starting a node takes long on a small machine, so a node a test leaves running serves the
 * next test ({@link #anyNode}); each test only counts its own campaign's deliveries and tokens.
 */
class DispatcherProcessTest {

    private static final int MAX_IN_FLIGHT = 200;
    /** Logged and queued deliveries alike, queued ones as PENDING or IN_FLIGHT (while their lease lies ahead). */
    private static final String EVERY_DELIVERY = """
            (select run_id, token, status from deliveries
             union all
             select run_id, token, case when lease_owner is not null and next_attempt_at > now() then 'IN_FLIGHT'
                                        else 'PENDING' end
             from delivery_queue) d""";
    private static final String API_TOKEN = "pdt_processprocessprocessprocessprocess12345678";
    private static final String MASTER_KEY = "cHJvY2Vzcy10ZXN0LW1hc3Rlci1rZXktMzItYnl0ZXM=";
    private static final Duration TO_FINISH = Duration.ofMinutes(4);
    private static final Pattern LAUNCHED = Pattern.compile("Launched (\\d+) scheduled campaign");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Path workDir;
    private static int databasePort;
    private static EmbeddedPostgres database;
    private static MockApns apns;
    private static Path trustedCa;

    private static final List<ChildNode> nodes = new CopyOnWriteArrayList<>();
    private static final AtomicInteger started = new AtomicInteger();

    @BeforeAll
    static void startDatabaseAndMockApns() throws Exception {
        Files.createDirectories(Path.of("target", "child-nodes"));
        workDir = Files.createTempDirectory(Path.of("target", "child-nodes"), "process-");
        databasePort = ChildNode.freePort();
        database = startDatabase();
        apns = new MockApns();
        trustedCa = workDir.resolve("mock-apns-ca.pem");
        Files.writeString(trustedCa, TestCredentials.CA.caPem());
    }

    @AfterEach
    void forgetStoppedNodes() {
        nodes.removeIf(node -> !node.isAlive());
    }

    @AfterAll
    static void stopNodesDatabaseAndMockApns() throws IOException {
        nodes.forEach(ChildNode::close);
        nodes.clear();
        if (apns != null) {
            apns.close();
        }
        if (database != null) {
            database.close();
        }
        try (Stream<Path> files = Files.walk(workDir.resolve("pg"))) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void aKilledNodeLosesNothingAndResendsOnlyWhatWasInFlight() {
        ChildNode first = soleNode();
        UUID campaign = sendNow(first, newApp(first, 20_000), "Crash");
        List<String> tokens = awaitMidway(campaign, 3_000);

        first.kill();
        Set<String> inFlightAtKill = tokens(campaign, "IN_FLIGHT");
        assertThat(statusCounts(campaign)).as("the kill came midway").containsKey("PENDING");
        assertThat(inFlightAtKill).as("deliveries the killed node held").hasSizeLessThanOrEqualTo(MAX_IN_FLIGHT);
        startNode();

        awaitFinished(campaign);
        assertThat(statusCounts(campaign)).containsExactly(Map.entry("ACCEPTED", 20_000L));
        assertThat(unseen(tokens)).as("tokens the mock never received").isEmpty();
        Set<String> resent = resent(tokens);
        assertThat(difference(resent, inFlightAtKill)).as("resent although not in flight at the kill").isEmpty();
        assertThat(resent).as("tokens received twice").hasSizeLessThanOrEqualTo(MAX_IN_FLIGHT);
        assertThat(campaignStatus(campaign)).isEqualTo("COMPLETED");
    }

    @Test
    void aStoppedNodeRecordsWhatItSentReleasesTheRestAndARestartFinishes() {
        ChildNode first = soleNode();
        UUID campaign = sendNow(first, newApp(first, 5_000), "Term");
        List<String> tokens = awaitMidway(campaign, 1_000);

        first.terminate(Duration.ofSeconds(90));

        assertThat(statusCounts(campaign)).as("after SIGTERM").doesNotContainKey("IN_FLIGHT").containsKey("PENDING");
        Set<String> seen = new HashSet<>(tokens);
        seen.removeAll(unseen(tokens));
        Set<String> accepted = tokens(campaign, "ACCEPTED");
        assertThat(difference(seen, accepted)).as("received by the mock but not recorded").isEmpty();
        assertThat(difference(accepted, seen)).as("recorded but never received").isEmpty();
        assertThat(first.log()).as("shutdown log of " + first).doesNotContain("unanswered", "gives up writing",
                "has been closed");

        startNode();
        awaitFinished(campaign);
        assertThat(statusCounts(campaign)).containsExactly(Map.entry("ACCEPTED", 5_000L));
        assertThat(unseen(tokens)).as("tokens the mock never received").isEmpty();
        assertThat(resent(tokens)).as("tokens received twice").isEmpty();
    }

    @Test
    void fiftyCampaignsDueAtOnceOnTwoNodesAreEachSentOnce() {
        List<ChildNode> pair = twoNodes();
        int launchedBefore = launchedByScheduler(pair);
        UUID app = newApp(pair.get(0), 20);
        List<UUID> campaigns = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            campaigns.add(schedule(pair.get(i % 2), app, "Due " + i));
        }
        sql().sql("update campaigns set scheduled_at = now() + interval '1 second' where app_id = :app")
                .param("app", app).update();

        awaitUntil("50 campaigns to complete", () -> completed(campaigns) == 50,
                () -> completed(campaigns) + " completed");
        assertThat(sql().sql("select count(*) from dispatch_runs where app_id = :app").param("app", app)
                .query(Long.class).single()).as("runs").isEqualTo(50);
        assertThat(sql().sql("""
                        select count(*) from (select 1 from deliveries where run_id in (:runs)
                                              group by run_id, device_id having count(*) > 1) twice""")
                .param("runs", campaigns).query(Long.class).single()).as("devices with two deliveries in a run")
                .isZero();
        List<String> apnsIds = sql().sql("select apns_id::text from deliveries where run_id in (:runs)")
                .param("runs", campaigns).query(String.class).list();
        assertThat(apnsIds).hasSize(50 * 20).allSatisfy(id -> assertThat(apns.countsByApnsId().get(id))
                .as("notifications received with apns-id " + id).hasValue(1));
        assertThat(launchedByScheduler(pair) - launchedBefore).as("campaigns the two schedulers launched")
                .isEqualTo(50);
    }

    @Test
    void sendingPausesWhileTheDatabaseIsAwayAndResumesByItself() throws IOException {
        ChildNode node = anyNode();
        UUID campaign = sendNow(node, newApp(node, 5_000), "Outage");
        List<String> tokens = awaitMidway(campaign, 1_000);

        database.close();
        try {
            int atOutage = received(tokens);
            ChildNode.pause(Duration.ofSeconds(10));
            assertThat(received(tokens) - atOutage).as("sent while the database was away")
                    .isLessThanOrEqualTo(MAX_IN_FLIGHT * nodes.size());
            assertThat(nodes).as("nodes alive during the outage").allSatisfy(n -> assertThat(n.isAlive()).isTrue());
        } finally {
            database = startDatabase();
        }

        awaitFinished(campaign);
        assertThat(statusCounts(campaign)).containsExactly(Map.entry("ACCEPTED", 5_000L));
        assertThat(unseen(tokens)).as("tokens the mock never received").isEmpty();
        assertThat(resent(tokens)).as("tokens received twice").hasSizeLessThanOrEqualTo(MAX_IN_FLIGHT);
        assertThat(nodes).allSatisfy(n -> assertThat(n.log()).as("log of " + n)
                .doesNotContain("Unexpected error occurred in scheduled task"));
    }

    // --- Nodes ----------------------------------------------------------------------------

    /** The only node running: one left by an earlier test, or a new one; any other is stopped. */
    private static ChildNode soleNode() {
        ChildNode sole = anyNode();
        nodes.stream().filter(node -> node != sole && node.isAlive())
                .forEach(node -> node.terminate(Duration.ofSeconds(90)));
        nodes.removeIf(node -> !node.isAlive());
        return sole;
    }

    /** A node that is running already, or a new one. */
    private static ChildNode anyNode() {
        return nodes.stream().filter(ChildNode::isAlive).findFirst().orElseGet(DispatcherProcessTest::startNode);
    }

    private static ChildNode startNode() {
        ChildNode node = ChildNode.start("node-" + started.incrementAndGet(), nodeProperties());
        nodes.add(node);
        return node;
    }

    /** Two running nodes; the first node of a fresh database starts alone, as it creates the first team. */
    private static List<ChildNode> twoNodes() {
        List<ChildNode> alive = new ArrayList<>(nodes.stream().filter(ChildNode::isAlive).limit(2).toList());
        if (alive.isEmpty() && !bootstrapped()) {
            alive.add(startNode());
        }
        List<CompletableFuture<ChildNode>> starting = Stream.generate(
                () -> CompletableFuture.supplyAsync(DispatcherProcessTest::startNode)).limit(2 - alive.size()).toList();
        starting.forEach(future -> alive.add(future.join()));
        return alive;
    }

    private static Map<String, String> nodeProperties() {
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
        properties.put("pushdeck.apns.sandbox-host", "localhost:" + apns.endpoint().port());
        properties.put("pushdeck.apns.production-host", "localhost:" + apns.endpoint().port());
        properties.put("pushdeck.apns.trusted-ca", trustedCa.toAbsolutePath().toString());
        properties.put("pushdeck.dispatch.max-in-flight", Integer.toString(MAX_IN_FLIGHT));
        // Short enough for a quick recovery, long enough that a busy node's first, slow answers
        // (client and TLS set-up on a loaded machine) are not taken for a dead node's.
        properties.put("pushdeck.dispatch.lease", "30s");
        properties.put("pushdeck.dispatch.reaper-interval", "1s");
        properties.put("pushdeck.scheduler.enabled", "true");
        properties.put("pushdeck.scheduler.interval", "500ms");
        properties.put("pushdeck.simulator.enabled", "false");
        return properties;
    }

    private static int launchedByScheduler(List<ChildNode> nodes) {
        int launched = 0;
        for (ChildNode node : nodes) {
            Matcher matcher = LAUNCHED.matcher(node.log());
            while (matcher.find()) {
                launched += Integer.parseInt(matcher.group(1));
            }
        }
        return launched;
    }

    // --- Setup through the REST API ---------------------------------------------------------

    /** An app with a token key for production and {@code devices} ACTIVE production devices. */
    private UUID newApp(ChildNode node, int devices) {
        String bundle = "com.example.process" + UUID.randomUUID().toString().substring(0, 8);
        UUID app = UUID.fromString(post(node, "/api/v1/apps", "{\"name\":\"Process " + bundle + "\",\"bundleId\":\""
                + bundle + "\"}").get("id").asText());
        uploadTokenKey(node, app);
        sql().sql("""
                        insert into devices (tenant_id, app_id, environment, token)
                        select a.tenant_id, a.id, 'production', md5(a.id::text || g) || md5(g || a.id::text)
                        from apps a cross join generate_series(1, :n) g where a.id = :app""")
                .param("n", devices).param("app", app).update();
        return app;
    }

    private UUID sendNow(ChildNode node, UUID app, String name) {
        UUID campaign = createCampaign(node, app, name, "null");
        post(node, "/api/v1/campaigns/" + campaign + "/send", "");
        return campaign;
    }

    /** Waits until the mock has received {@code received} of the campaign's notifications; answers its tokens. */
    private static List<String> awaitMidway(UUID campaign, int received) {
        List<String> tokens = tokens(campaign);
        awaitUntil("the mock to receive " + received + " notifications", () -> received(tokens) >= received,
                () -> statusCounts(campaign).toString());
        return tokens;
    }

    /** Scheduled for tomorrow; the test then makes it due. */
    private UUID schedule(ChildNode node, UUID app, String name) {
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1) + "T12:00";
        return createCampaign(node, app, name, "{\"at\":\"" + tomorrow + "\",\"zone\":\"UTC\","
                + "\"deviceLocalTime\":false}");
    }

    private UUID createCampaign(ChildNode node, UUID app, String name, String schedule) {
        String body = """
                {"name": "%s", "environment": "production",
                 "notification": {"title": "%s", "body": "process test"},
                 "pushType": "alert", "priority": 10, "audience": {"type": "ALL"}, "schedule": %s}"""
                .formatted(name, name, schedule);
        return UUID.fromString(post(node, "/api/v1/apps/" + app + "/campaigns", body).get("id").asText());
    }

    private void uploadTokenKey(ChildNode node, UUID app) {
        String boundary = "----process" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String key = TestCredentials.pem(TestCredentials.ec("secp256r1").getPrivate());
        part(body, boundary, "file\"; filename=\"AuthKey_" + TestCredentials.KEY_ID + ".p8", key);
        part(body, boundary, "environment", "production");
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

    private static JsonNode post(ChildNode node, String path, String json) {
        return send(node, HttpRequest.newBuilder(node.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
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

    // --- The database as the test sees it ----------------------------------------------------

    private static EmbeddedPostgres startDatabase() throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(workDir.resolve("pg")).setCleanDataDirectory(false)
                .setPort(databasePort).setPGStartupWait(Duration.ofSeconds(60)).start();
    }

    private static JdbcClient sql() {
        return JdbcClient.create(database.getPostgresDatabase());
    }

    private static boolean bootstrapped() {
        return sql().sql("select to_regclass('teams') is not null").query(Boolean.class).single()
                && sql().sql("select exists (select 1 from teams)").query(Boolean.class).single();
    }

    private static Map<String, Long> statusCounts(UUID run) {
        Map<String, Long> counts = new LinkedHashMap<>();
        sql().sql("select status, count(*) from " + EVERY_DELIVERY + " where run_id = :run group by status order by status")
                .param("run", run).query((rs, row) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }

    private static List<String> tokens(UUID run) {
        return sql().sql("select token from " + EVERY_DELIVERY + " where run_id = :run").param("run", run)
                .query(String.class).list();
    }

    private static Set<String> tokens(UUID run, String status) {
        return new HashSet<>(sql().sql("select token from " + EVERY_DELIVERY + " where run_id = :run and status = :status")
                .param("run", run).param("status", status).query(String.class).list());
    }

    private static String campaignStatus(UUID campaign) {
        return sql().sql("select status from campaigns where id = :id").param("id", campaign).query(String.class)
                .single();
    }

    private static long completed(List<UUID> campaigns) {
        return sql().sql("select count(*) from campaigns where id in (:ids) and status = 'COMPLETED'")
                .param("ids", campaigns).query(Long.class).single();
    }

    /** Waits until nothing of the run is pending or in flight and the run is no longer sending. */
    private static void awaitFinished(UUID run) {
        awaitUntil("run " + run + " to finish", TO_FINISH, () -> {
            Map<String, Long> counts = statusCounts(run);
            return !counts.containsKey("PENDING") && !counts.containsKey("IN_FLIGHT")
                    && !"SENDING".equals(runStatus(run));
        }, () -> statusCounts(run) + ", run " + runStatus(run));
    }

    private static String runStatus(UUID run) {
        return sql().sql("select status from dispatch_runs where id = :id").param("id", run).query(String.class)
                .optional().orElse("missing");
    }

    // --- What the mock saw ------------------------------------------------------------------

    private static int received(List<String> tokens) {
        Map<String, AtomicInteger> counts = apns.counts();
        return tokens.stream().mapToInt(token -> {
            AtomicInteger count = counts.get(token);
            return count == null ? 0 : count.get();
        }).sum();
    }

    private static Set<String> unseen(List<String> tokens) {
        Set<String> unseen = new HashSet<>();
        tokens.stream().filter(token -> apns.received(token) == 0).forEach(unseen::add);
        return unseen;
    }

    private static Set<String> resent(List<String> tokens) {
        Set<String> resent = new HashSet<>();
        tokens.stream().filter(token -> apns.received(token) > 1).forEach(resent::add);
        return resent;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> rest = new HashSet<>(a);
        rest.removeAll(b);
        return rest;
    }

    private static void awaitUntil(String what, BooleanSupplier condition, Supplier<String> state) {
        awaitUntil(what, Duration.ofMinutes(2), condition, state);
    }

    private static void awaitUntil(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            ChildNode.pause(Duration.ofMillis(100));
        }
        fail("Timed out after " + timeout + " waiting for " + what + "; left: " + state.get());
    }
}
