package dev.pushdeck.dispatch;

import dev.pushdeck.bench.Probe;
import dev.pushdeck.bench.Statements;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One campaign sent by two nodes on the same PostgreSQL, then an equal one sent by one
 * of them alone ({@code -Dbench.parts=nodes}): the rate of each, what each node sent of the
 * shared one (from its own metrics) and whether any device got a notification twice. Nodes
 * are whole applications in child JVMs with the product's dispatch settings
 * ({@link ProcessCluster#forBenchmark}), sending to the benchmark's accept-all mock. On
 * shared cores a second node adds no CPU, so the question is whether two nodes lose
 * anything to each other (claims that collide, leases, waits), not whether they double it.
 */
public final class NodesBenchmark {

    /** Campaign size of each measured run; the warm-up sends a tenth of it through every node. */
    public record Settings(int devices, Duration timeout) {
    }

    private final List<String[]> table = new ArrayList<>();

    /** Runs both measurements and answers their figures. */
    public Map<String, Object> run(Settings settings) throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        try (BenchApns apns = new BenchApns(Duration.ZERO);
             ProcessCluster cluster = ProcessCluster.forBenchmark(apns.endpoint().port())) {
            ChildNode first = cluster.startNode();
            ChildNode second = cluster.startNode();
            warmUp(cluster, first, settings);
            warmUp(cluster, second, settings);
            // Both measured on warm JVMs: the pair first, then the first node once the second has stopped.
            figures.put("twoNodes", measure(cluster, List.of(first, second), settings, apns));
            second.terminate(Duration.ofSeconds(90));
            figures.put("oneNode", measure(cluster, List.of(first), settings, apns));
        }
        return figures;
    }

    /** Rows for the printed table: measure, result, details. */
    public List<String[]> table() {
        return table;
    }

    /** JIT and connections first: a campaign launched on {@code node} (the other node helps send it). */
    private static void warmUp(ProcessCluster cluster, ChildNode node, Settings settings) {
        UUID app = cluster.newApp(node, Math.max(1_000, settings.devices() / 10));
        UUID campaign = cluster.sendNow(node, app, "Warm-up");
        awaitCompleted(cluster, campaign, settings.timeout());
    }

    private Map<String, Object> measure(ProcessCluster cluster, List<ChildNode> nodes, Settings settings,
                                        BenchApns apns) {
        UUID app = cluster.newApp(nodes.get(0), settings.devices());
        String topic = cluster.bundleId(app);
        cluster.sql().sql("vacuum analyze devices").update();
        List<Long> before = nodes.stream().map(cluster::acceptedBy).toList();
        List<Double> nodeCpuBefore = nodes.stream().map(ChildNode::cpuSeconds).toList();
        double databaseCpuBefore = Probe.databaseCpuSeconds(cluster.sql());
        Statements statements = Statements.start(cluster.sql());
        UUID campaign = cluster.sendNow(nodes.get(0), app, nodes.size() + " nodes");
        awaitCompleted(cluster, campaign, settings.timeout());
        List<Map<String, Object>> profile = statements.stop(settings.devices());
        List<Double> nodeMicros = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            nodeMicros.add(Probe.round((nodes.get(i).cpuSeconds() - nodeCpuBefore.get(i)) * 1e6 / settings.devices()));
        }
        double databaseMicros = Probe.round((Probe.databaseCpuSeconds(cluster.sql()) - databaseCpuBefore) * 1e6
                / settings.devices());
        double seconds = cluster.sql().sql("select extract(epoch from completed_at - launched_at) from dispatch_runs"
                + " where id = :id").param("id", campaign).query(Double.class).single();
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            sent.add(cluster.acceptedBy(nodes.get(i)) - before.get(i));
        }
        long twice = cluster.sql().sql("""
                select count(*) from (select 1 from deliveries where run_id = :run group by device_id
                                      having count(*) > 1) twice""").param("run", campaign)
                .query(Long.class).single();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("nodes", nodes.size());
        figures.put("devices", settings.devices());
        figures.put("seconds", Probe.round(seconds));
        figures.put("perSecond", Math.round(settings.devices() / seconds));
        figures.put("acceptedByNode", sent);
        figures.put("mockReceived", apns.received(List.of(topic)));
        figures.put("devicesLoggedTwice", twice);
        figures.put("loadAverage", Probe.loadAverage());
        figures.put("cpuMicrosPerDeliveryByNode", nodeMicros);
        figures.put("databaseCpuMicrosPerDelivery", databaseMicros);
        figures.put("statements", profile);
        String label = nodes.size() + " node" + (nodes.size() == 1 ? "" : "s");
        table.add(new String[] {"campaign of %,d devices on %d node%s".formatted(settings.devices(), nodes.size(),
                nodes.size() == 1 ? "" : "s"), "%,d/s".formatted(Math.round(settings.devices() / seconds)),
                "accepted through each node %s, mock received %,d, devices logged twice %d, load %.1f".formatted(
                        sent, apns.received(List.of(topic)), twice, Probe.loadAverage())});
        table.add(new String[] {"  CPU per delivery (" + label + ")", "PostgreSQL " + databaseMicros + " µs",
                "each node's JVM " + nodeMicros + " µs"});
        table.addAll(Statements.rows(label, profile));
        return figures;
    }

    /** Polls the run's row only (cheap), not its deliveries, so the wait costs the database nothing worth measuring. */
    private static void awaitCompleted(ProcessCluster cluster, UUID run, Duration timeout) {
        ProcessCluster.awaitUntil("run " + run + " to complete", timeout, () -> cluster.sql()
                .sql("select completed_at is not null from dispatch_runs where id = :id").param("id", run)
                .query(Boolean.class).single(), () -> cluster.runStatus(run));
    }
}
