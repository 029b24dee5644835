package dev.pushdeck.bench;

import dev.pushdeck.TestMail;
import dev.pushdeck.dispatch.DispatchBenchmark;
import dev.pushdeck.dispatch.LiveReportBenchmark;
import dev.pushdeck.dispatch.NodesBenchmark;
import dev.pushdeck.history.internal.RetentionBenchmark;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The full benchmark; run only by {@code ./mvnw -B -o -Pbench verify} (its name does not end
 * in Test). Sizes: {@code -Dbench.importRows} (CSV import, default 1,000,000),
 * {@code -Dbench.devices} (campaign audience, default 200,000), {@code -Dbench.roundTripMs}
 * (the delayed mock's round trip, default 20; 0 skips that variant), {@code -Dbench.deliveryRows}
 * (delivery-log table size, default 10,000,000; 0 skips it), {@code -Dbench.liveReportDevices}
 * / {@code Viewers} / {@code Rounds} (live-report cost: 100,000 devices, 20 viewers, 3 rounds);
 * {@code -Dbench.parts=devices} runs the device part alone (with {@code -Dbench.importRows=0}: the
 * registration API alone); {@code -Dbench.parts=dispatch} runs the dispatch figures alone (the
 * live report and the delivery log only when their sizes are given); {@code -Dbench.parts=retention}
 * times retention alone at {@code -Dbench.retentionRows} (default 10,000,000); {@code -Dbench.parts=nodes}
 * sends a campaign of {@code bench.devices} through two nodes on one database, then through one.
 * Registration rate limits are lifted so the API's own speed is measured. Reports figures;
 * asserts nothing about speed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pushdeck.devices.registration.key-rate=1000000", "pushdeck.devices.registration.key-burst=1000000",
        "pushdeck.devices.registration.address-rate=1000000", "pushdeck.devices.registration.address-burst=1000000",
        "pushdeck.embedded.shared-buffers=256MB", "logging.level.dev.pushdeck=warn"})
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestMail.class)
class PushdeckBench {

    @Autowired
    ApplicationContext context;
    @LocalServerPort
    int port;

    @Test
    void everyFigureAtFullSize() throws Exception {
        int devices = Integer.getInteger("bench.devices", 200_000);
        DeviceBenchmark.Settings deviceSettings = new DeviceBenchmark.Settings(
                Integer.getInteger("bench.importRows", 1_000_000), 21,
                Duration.ofSeconds(Integer.getInteger("bench.registrationWarmupSeconds", 90)),
                Duration.ofSeconds(Integer.getInteger("bench.registrationSeconds", 20)),
                Integer.getInteger("bench.registrationThreads", 8),
                Integer.getInteger("bench.registrations", 400_000), Path.of("target/bench/devices.json"));
        String parts = System.getProperty("bench.parts", "all");
        if ("devices".equals(parts)) {
            new DeviceBenchmark(context, port).run(deviceSettings);
            return;
        }
        if ("retention".equals(parts)) {
            Benchmark.runRetention(context, new RetentionBenchmark(context),
                    Long.getLong("bench.retentionRows", 10_000_000L), Path.of("target/bench/retention.json"));
            return;
        }
        if ("nodes".equals(parts)) {
            Benchmark.runNodes(new NodesBenchmark(), new NodesBenchmark.Settings(devices,
                    Duration.ofSeconds(120 + devices / 1_000)), Path.of("target/bench/nodes.json"));
            return;
        }
        boolean dispatchOnly = "dispatch".equals(parts);
        Benchmark.run(context, port, new Benchmark.Settings(dispatchOnly ? null : deviceSettings,
                new DispatchBenchmark.Settings(devices, Math.min(devices / 10, 20_000),
                        Duration.ofMillis(Integer.getInteger("bench.roundTripMs", 20)),
                        Duration.ofSeconds(120 + devices / 1_000)),
                new LiveReportBenchmark.Settings(Integer.getInteger("bench.liveReportDevices",
                        dispatchOnly ? 0 : 100_000),
                        Integer.getInteger("bench.liveReportViewers", 20),
                        Integer.getInteger("bench.liveReportRounds", 3),
                        Duration.ofSeconds(120 + devices / 1_000)),
                Long.getLong("bench.deliveryRows", dispatchOnly ? 0 : 10_000_000L), 21,
                Path.of("target/bench/results.json")));
    }
}
