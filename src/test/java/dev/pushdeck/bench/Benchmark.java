package dev.pushdeck.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pushdeck.dispatch.DispatchBenchmark;
import dev.pushdeck.dispatch.LiveReportBenchmark;
import dev.pushdeck.dispatch.NodesBenchmark;
import dev.pushdeck.history.internal.RetentionBenchmark;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContext;

/**
 * The whole benchmark in one run: devices (CSV import, grid pages, registration API),
 * dispatch (bare Pushy ceiling against end to end through a campaign, with and without a
 * modelled round trip; fan-out, latency, memory), what live reports add to a sending run's
 * CPU, and the delivery log at a large table.
 * Prints one table with the targets beside the figures and writes one JSON file with the
 * machine, the settings and every figure. Used at full size by {@code PushdeckBench}
 * ({@code ./mvnw -Pbench verify}) and at a tiny size by a smoke test.
 */
public final class Benchmark {

    /** Every size and bound of a run; the JSON goes to {@code output}. */
    public record Settings(DeviceBenchmark.Settings devices, DispatchBenchmark.Settings dispatch,
                           LiveReportBenchmark.Settings liveReport, long deliveryRows, int pageRepeats, Path output) {

        /** The device part runs unless {@code devices} is null (e.g. {@code -Dbench.parts=dispatch}). */
        boolean runsDevices() {
            return devices != null;
        }

        boolean runsLiveReport() {
            return liveReport.devices() > 0;
        }
    }

    private Benchmark() {
    }

    /** Runs every part in order and returns what was written to {@code settings.output()}. */
    public static Map<String, Object> run(ApplicationContext context, int port, Settings settings) throws Exception {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("startedAt", Instant.now().toString());
        results.put("machine", machine());
        Map<String, Object> devices = settings.runsDevices()
                ? new DeviceBenchmark(context, port).run(settings.devices()) : Map.of("skipped", true);
        results.put("devices", devices);
        DispatchBenchmark dispatchBenchmark = new DispatchBenchmark(context);
        Map<String, Object> dispatch = dispatchBenchmark.run(settings.dispatch());
        results.put("dispatch", dispatch);
        LiveReportBenchmark liveReportBench = new LiveReportBenchmark(context);
        Map<String, Object> liveReport = settings.runsLiveReport() ? liveReportBench.run(settings.liveReport())
                : Map.of("skipped", true);
        results.put("liveReport", liveReport);
        DeliveryLogBenchmark log = new DeliveryLogBenchmark(context);
        Map<String, Object> deliveryLog = settings.deliveryRows() > 0
                ? log.run(settings.deliveryRows(), settings.pageRepeats()) : Map.of("skipped", true);
        results.put("deliveryLog", deliveryLog);
        List<Target> targets = Targets.of(settings, devices, dispatch, liveReport, deliveryLog);
        results.put("targets", targets);
        results.put("finishedAt", Instant.now().toString());
        List<String[]> rows = new ArrayList<>(dispatchBenchmark.table());
        if (settings.runsLiveReport()) {
            rows.addAll(liveReportBench.table());
        }
        rows.addAll(log.table());
        print(rows, targets);
        Files.createDirectories(settings.output().toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(settings.output().toFile(), results);
        return results;
    }

    /** Retention alone ({@code -Dbench.parts=retention}): seeds {@code rows}, times a pass, prints and writes the figures. */
    public static Map<String, Object> runRetention(ApplicationContext context, RetentionBenchmark retention, long rows,
                                                   Path output) throws Exception {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("startedAt", Instant.now().toString());
        results.put("machine", machine());
        results.put("retention", retention.run(rows));
        results.put("finishedAt", Instant.now().toString());
        print(retention.table(), List.of());
        Files.createDirectories(output.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(output.toFile(), results);
        return results;
    }

    /** Two nodes against one ({@code -Dbench.parts=nodes}): runs them, prints and writes the figures. */
    public static Map<String, Object> runNodes(NodesBenchmark nodes, NodesBenchmark.Settings settings, Path output)
            throws Exception {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("startedAt", Instant.now().toString());
        results.put("machine", machine());
        results.put("nodes", nodes.run(settings));
        results.put("finishedAt", Instant.now().toString());
        print(nodes.table(), List.of());
        Files.createDirectories(output.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(output.toFile(), results);
        return results;
    }

    /** One of the targets beside the figure measured in this run. */
    public record Target(String measure, String target, String measured, boolean met) {
    }

    private static Map<String, Object> machine() {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memoryMb", os.getTotalMemorySize() / (1024 * 1024));
        machine.put("loadAverageAtStart", Probe.round(os.getSystemLoadAverage()));
        machine.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        machine.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        machine.put("jvmArguments", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("-X")).toList());
        return machine;
    }

    private static void print(List<String[]> rows, List<Target> targets) {
        StringBuilder out = new StringBuilder("\nDispatch and delivery-log benchmark\n");
        out.append(String.format("%-48s %-16s %s%n", "measure", "result", "details"));
        rows.forEach(row -> out.append(String.format("%-48s %-16s %s%n", row[0], row[1], row[2])));
        out.append("\nTargets\n");
        out.append(String.format("%-48s %-22s %-34s %s%n", "measure", "target", "measured", "met"));
        targets.forEach(target -> out.append(String.format("%-48s %-22s %-34s %s%n", target.measure(),
                target.target(), target.measured(), target.met() ? "yes" : "NO")));
        System.out.println(out);
    }
}
