package dev.pushdeck.dispatch;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.ApnsEndpoint;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.CredentialService;
import dev.pushdeck.app.CredentialUpload;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.app.SigningMaterial;
import dev.pushdeck.app.TestCredentials;
import dev.pushdeck.bench.Probe;
import dev.pushdeck.bench.Statements;
import dev.pushdeck.campaign.AudienceSpec;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.Notification;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import io.netty.channel.nio.NioEventLoopGroup;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dispatcher benchmark, against an accept-all mock APNs on loopback and against the
 * same mock behind a delaying relay (a modelled round trip):
 * <ol>
 *   <li><b>ceiling</b>: a bare Pushy client (no product code) sends N notifications with the
 *       product's own connection count, event-loop threads and in-flight bound;</li>
 *   <li><b>end to end</b>: a campaign to N seeded devices is sent now through
 *       {@link CampaignService#sendNow} (fan-out, claim, send, record) until the run completes;
 *       latency is launch to {@code accepted_at} of each delivery, computed in SQL;</li>
 *   <li>memory and CPU while the campaign runs.</li>
 * </ol>
 * A small warm-up of both precedes each measurement, so neither side is measured cold.
 * Only 127.0.0.1 is contacted. Figures only; nothing is asserted about speed.
 */
public final class DispatchBenchmark {

    /** What to run: N devices, the warm-up size, the modelled round trip and how long a campaign may take. */
    public record Settings(int devices, int warmupDevices, Duration roundTrip, Duration campaignTimeout) {
    }

    private static final String PAYLOAD = "{\"aps\":{\"alert\":{\"title\":\"Bench\",\"body\":\"Dinner is ready\"},"
            + "\"sound\":\"default\"}}";

    private final ApplicationContext context;
    private final JdbcClient jdbc;
    private final DispatchSettings settings;
    private final List<String[]> table = new ArrayList<>();
    private KeyPair signingKey;

    public DispatchBenchmark(ApplicationContext context) {
        this.context = context;
        this.jdbc = context.getBean(JdbcClient.class);
        this.settings = context.getBean(DispatchSettings.class);
    }

    /** Rows (measure, result, details) for the printed table, after {@link #run}. */
    public List<String[]> table() {
        return table;
    }

    /** Runs both variants; returns settings and figures by variant. */
    public Map<String, Object> run(Settings bench) throws Exception {
        TestTeams.Fixture team = context.getBean(TestTeams.class).create("bench-dispatch");
        signingKey = TestCredentials.ec("secp256r1");
        PushApp app = app(team, "main");
        PushApp warmup = app(team, "warmup");
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("settings", settings(bench));
        long seedStart = System.nanoTime();
        seed(team.teamId(), app.id(), bench.devices());
        seed(team.teamId(), warmup.id(), bench.warmupDevices());
        results.put("seedSeconds", seconds(seedStart));
        results.put("acceptAll", variant("accept-all", Duration.ZERO, team, app, warmup, bench));
        if (!bench.roundTrip().isZero()) {
            results.put("delayed", variant("delayed " + bench.roundTrip().toMillis() + " ms", bench.roundTrip(), team,
                    app, warmup, bench));
        }
        return results;
    }

    private Map<String, Object> settings(Settings bench) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("devices", bench.devices());
        figures.put("warmupDevices", bench.warmupDevices());
        figures.put("delayedRoundTripMs", bench.roundTrip().toMillis());
        figures.put("maxInFlight", settings.maxInFlight);
        figures.put("maxUnwritten", settings.maxUnwritten);
        figures.put("connections", settings.connections);
        figures.put("eventLoopThreads", settings.eventLoopThreads);
        figures.put("claimBatch", settings.claimBatch);
        figures.put("flushSize", settings.flushSize);
        figures.put("writers", settings.writers);
        figures.put("flushIntervalMs", settings.flushInterval.toMillis());
        figures.put("payloadBytes", PAYLOAD.length());
        return figures;
    }

    private Map<String, Object> variant(String name, Duration roundTrip, TestTeams.Fixture team, PushApp app,
                                        PushApp warmup, Settings bench) throws Exception {
        ApnsClients clients = context.getBean(ApnsClients.class);
        try (BenchApns apns = new BenchApns(roundTrip)) {
            clients.overrideEndpoint(apns.endpoint());
            ceiling(apns, app.bundleId(), bench.warmupDevices());
            Map<String, Object> warmupCampaign = campaign(team, warmup, bench);
            Map<String, Object> figures = new LinkedHashMap<>();
            Map<String, Object> ceiling = ceiling(apns, app.bundleId(), bench.devices());
            Map<String, Object> endToEnd = campaign(team, app, bench);
            figures.put("ceiling", ceiling);
            figures.put("endToEnd", endToEnd);
            double ratio = (double) endToEnd.get("deliveriesPerSecond") / (double) ceiling.get("perSecond");
            figures.put("endToEndToCeiling", Probe.round(ratio));
            // The ceilings' sends plus every counted attempt of the campaigns; other apps' runs are counted apart.
            List<String> topics = List.of(app.bundleId(), warmup.bundleId());
            figures.put("mockReceived", apns.received(topics));
            figures.put("mockReceivedForOtherApps", apns.receivedOtherThan(topics));
            figures.put("campaignAttempts", (long) warmupCampaign.get("attempts") + (long) endToEnd.get("attempts"));
            rows(name, ceiling, endToEnd, ratio);
            return figures;
        } finally {
            clients.overrideEndpoint(null);
        }
    }

    // --- Ceiling --------------------------------------------------------------------

    /** A bare Pushy client with the product's connection, event-loop and in-flight settings sends {@code n}. */
    private Map<String, Object> ceiling(BenchApns apns, String topic, int n) throws Exception {
        NioEventLoopGroup group = new NioEventLoopGroup(settings.eventLoopThreads);
        ApnsEndpoint endpoint = apns.endpoint();
        ApnsClient client = new ApnsClientBuilder().setApnsServer(endpoint.host(), endpoint.port())
                .setEventLoopGroup(group).setConcurrentConnections(settings.connections)
                .setTrustedServerCertificateChain(endpoint.trustedCertificates().get(0))
                .setSigningKey(new ApnsSigningKey(TestCredentials.KEY_ID, TestCredentials.TEAM_ID, jdkKey()))
                .build();
        try {
            Semaphore permits = new Semaphore(settings.maxInFlight);
            LongAdder accepted = new LongAdder();
            LongAdder failed = new LongAdder();
            String prefix = UUID.randomUUID().toString().replace("-", "") + "0000000000000000";
            double load = Probe.loadAverage();
            Probe probe = Probe.start(jdbc);
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                permits.acquire();
                String token = prefix + String.format("%016x", i);
                client.sendNotification(new SimpleApnsPushNotification(token, topic, PAYLOAD, null,
                        DeliveryPriority.IMMEDIATE, com.eatthepath.pushy.apns.PushType.ALERT, null, UUID.randomUUID()))
                        .whenComplete((response, failure) -> {
                            (failure == null && response.isAccepted() ? accepted : failed).increment();
                            permits.release();
                        });
            }
            permits.acquire(settings.maxInFlight);
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Object> memory = probe.stop();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("loadAverage", load);
            figures.put("notifications", n);
            figures.put("accepted", accepted.sum());
            figures.put("failed", failed.sum());
            figures.put("seconds", Probe.round(seconds));
            figures.put("perSecond", Probe.round(n / seconds));
            figures.put("jvmCpuMicrosPerNotification", Probe.round((double) memory.get("jvmCpuSeconds") * 1e6 / n));
            return figures;
        } finally {
            client.close().get(10, TimeUnit.SECONDS);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** The key as dispatch gets it from a stored credential: the JDK's own EC key. */
    private ECPrivateKey jdkKey() {
        return new SigningMaterial.SigningKey(UUID.randomUUID(), (ECPrivateKey) signingKey.getPrivate(),
                TestCredentials.KEY_ID, TestCredentials.TEAM_ID).privateKey();
    }

    // --- End to end -----------------------------------------------------------------

    /** Sends a campaign to every device of the app now and waits until its run completes. */
    private Map<String, Object> campaign(TestTeams.Fixture team, PushApp app, Settings bench) throws Exception {
        CampaignService campaigns = context.getBean(CampaignService.class);
        Notification dinner = new Notification("Bench", null, "Dinner is ready", "default", null, null, null, false,
                false, null, null, null);
        CampaignDraft draft = new CampaignDraft("Bench " + UUID.randomUUID(), ApnsEnvironment.PRODUCTION, dinner, null,
                PushType.ALERT, 10, null, null,
                new AudienceSpec(AudienceSpec.Type.ALL, List.of(), AudienceSpec.Match.ANY, List.of()), null, null);
        Campaign campaign = TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.create(app.id(), draft));
        System.gc();
        double load = Probe.loadAverage();
        Statements statements = Statements.start(jdbc);
        Probe probe = Probe.start(jdbc);
        long start = System.nanoTime();
        TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.sendNow(campaign.id()));
        double fanOut = seconds(start);
        boolean completed = awaitCompletion(campaign.id(), bench.campaignTimeout());
        double total = seconds(start);
        Map<String, Object> memory = probe.stop();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("loadAverage", load);
        figures.put("completed", completed);
        figures.putAll(recorded(campaign.id()));
        long accepted = (long) figures.get("accepted");
        memory.put("jvmCpuMicrosPerDelivery", Probe.round((double) memory.get("jvmCpuSeconds") * 1e6
                / Math.max(1, accepted)));
        memory.put("databaseCpuMicrosPerDelivery", Probe.round((double) memory.get("databaseCpuSeconds") * 1e6
                / Math.max(1, accepted)));
        figures.put("statements", statements.stop(accepted));
        figures.put("fanOutSeconds", Probe.round(fanOut));
        figures.put("seconds", Probe.round(total));
        figures.put("deliveriesPerSecond", Probe.round(accepted / total));
        figures.put("sendingPerSecond", Probe.round(accepted / Math.max(0.001, total - fanOut)));
        figures.put("memory", memory);
        return figures;
    }

    private boolean awaitCompletion(UUID runId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String status = jdbc.sql("select status from dispatch_runs where id = :id").param("id", runId)
                    .query(String.class).single();
            if (!"SENDING".equals(status)) {
                return "COMPLETED".equals(status);
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** Counts and launch-to-accepted latency percentiles of a run, from the deliveries table. */
    private Map<String, Object> recorded(UUID runId) {
        return jdbc.sql("""
                        select count(*) as deliveries, count(*) filter (where d.status = 'ACCEPTED') as accepted,
                               coalesce(sum(d.attempts), 0) as attempts,
                               percentile_cont(array[0.5, 0.95, 0.99]) within group (
                                   order by extract(epoch from d.accepted_at - r.launched_at) * 1000) as latency,
                               extract(epoch from max(d.accepted_at) - min(r.launched_at)) as last_accepted
                        from deliveries d join dispatch_runs r on r.id = d.run_id
                        where d.run_id = :run""")
                .param("run", runId).query((rs, row) -> {
                    Map<String, Object> figures = new LinkedHashMap<>();
                    figures.put("deliveries", rs.getLong("deliveries"));
                    figures.put("accepted", rs.getLong("accepted"));
                    figures.put("attempts", rs.getLong("attempts"));
                    java.sql.Array array = rs.getArray("latency");
                    Double[] latency = array == null ? new Double[3] : (Double[]) array.getArray();
                    figures.put("latencyP50Ms", latency[0] == null ? 0.0 : Probe.round(latency[0]));
                    figures.put("latencyP95Ms", latency[1] == null ? 0.0 : Probe.round(latency[1]));
                    figures.put("latencyP99Ms", latency[2] == null ? 0.0 : Probe.round(latency[2]));
                    figures.put("lastAcceptedAfterLaunchSeconds", Probe.round(rs.getDouble("last_accepted")));
                    return figures;
                }).single();
    }

    // --- Fixtures -------------------------------------------------------------------

    /** An app with a .p8 token key for production (the mock does not check tokens). */
    private PushApp app(TestTeams.Fixture team, String label) {
        String bundle = "com.example.bench" + label + UUID.randomUUID().toString().substring(0, 8);
        return TestSecurity.as(team.as(Role.ADMIN), () -> {
            PushApp created = context.getBean(AppService.class).create("Bench " + bundle, bundle);
            context.getBean(CredentialService.class).upload(created.id(), new CredentialUpload(
                    TestCredentials.bytes(TestCredentials.pem(signingKey.getPrivate())), null, "production",
                    TestCredentials.KEY_ID, TestCredentials.TEAM_ID, false));
            return created;
        });
    }

    /** N active production devices with distinct random-looking tokens, set-based. */
    private void seed(UUID tenantId, UUID appId, int devices) {
        jdbc.sql("""
                        insert into devices (tenant_id, app_id, environment, token, time_zone)
                        select :tenant, :app, 'production', md5(:salt || g) || md5(g || :salt), 'Europe/Berlin'
                        from generate_series(1, :n) g""")
                .param("tenant", tenantId).param("app", appId).param("salt", UUID.randomUUID().toString())
                .param("n", devices).update();
        jdbc.sql("analyze devices").update();
    }

    private void rows(String name, Map<String, Object> ceiling, Map<String, Object> endToEnd, double ratio) {
        @SuppressWarnings("unchecked")
        Map<String, Object> memory = (Map<String, Object>) endToEnd.get("memory");
        table.add(new String[] {"ceiling, bare Pushy (" + name + ")", ceiling.get("perSecond") + " /s",
                ceiling.get("accepted") + " accepted in " + ceiling.get("seconds") + " s; JVM CPU "
                        + ceiling.get("jvmCpuMicrosPerNotification") + " µs per notification; load "
                        + ceiling.get("loadAverage")});
        table.add(new String[] {"end to end, campaign (" + name + ")", endToEnd.get("deliveriesPerSecond") + " /s",
                endToEnd.get("accepted") + " of " + endToEnd.get("deliveries") + " accepted in "
                        + endToEnd.get("seconds") + " s; " + Probe.round(ratio * 100) + " % of ceiling; load "
                        + endToEnd.get("loadAverage")});
        table.add(new String[] {"  fan-out (" + name + ")", endToEnd.get("fanOutSeconds") + " s",
                "sending phase " + endToEnd.get("sendingPerSecond") + " /s"});
        table.add(new String[] {"  launch to accepted (" + name + ")", "p50 " + endToEnd.get("latencyP50Ms") + " ms",
                "p95 " + endToEnd.get("latencyP95Ms") + " ms, p99 " + endToEnd.get("latencyP99Ms") + " ms"});
        table.add(new String[] {"  memory (" + name + ")", "heap " + memory.get("heapPeakMb") + " MB",
                "live heap " + memory.get("liveHeapPeakMb") + " MB of " + memory.get("maxHeapMb") + " MB max, RSS "
                        + memory.get("rssPeakMb") + " MB; CPU: JVM " + memory.get("jvmCpuSeconds")
                        + " s, PostgreSQL " + memory.get("databaseCpuSeconds") + " s"});
        table.add(new String[] {"  CPU per delivery (" + name + ")", "JVM " + memory.get("jvmCpuMicrosPerDelivery")
                + " µs", "PostgreSQL " + memory.get("databaseCpuMicrosPerDelivery") + " µs"});
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> statements = (List<Map<String, Object>>) endToEnd.get("statements");
        table.addAll(Statements.rows(name, statements));
    }

    private static double seconds(long startNanos) {
        return Probe.round((System.nanoTime() - startNanos) / 1e9);
    }
}
