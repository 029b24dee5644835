package dev.pushdeck.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushdeck.PushdeckTest;
import dev.pushdeck.dispatch.DispatchBenchmark;
import dev.pushdeck.dispatch.LiveReportBenchmark;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** The whole benchmark at a tiny size, so it keeps working; checks completeness and sanity, never speed. */
@PushdeckTest
class BenchmarkSmokeTest {

    private static final int DEVICES = 300;

    @Autowired
    ApplicationContext context;
    @LocalServerPort
    int port;

    @Test
    void theBenchmarkRunsToTheEndAtATinySizeAndWritesEveryFigure() throws Exception {
        Path output = Path.of("target/bench/results-smoke.json");
        Benchmark.run(context, port, new Benchmark.Settings(
                new DeviceBenchmark.Settings(500, 2, Duration.ofMillis(100), Duration.ofMillis(500), 2, 40,
                        Path.of("target/bench/devices-smoke.json")),
                new DispatchBenchmark.Settings(DEVICES, 50, Duration.ofMillis(4), Duration.ofSeconds(60)),
                new LiveReportBenchmark.Settings(DEVICES, 3, 1, Duration.ofSeconds(60)),
                2_000, 2, output));

        JsonNode results = new ObjectMapper().readTree(output.toFile());
        assertThat(results.at("/machine/cores").asInt()).isPositive();
        assertThat(results.at("/devices/importImported").asLong()).isEqualTo(500);
        for (String variant : List.of("acceptAll", "delayed")) {
            JsonNode figures = results.at("/dispatch/" + variant);
            assertThat(figures.at("/ceiling/accepted").asLong()).as(variant).isEqualTo(DEVICES);
            assertThat(figures.at("/endToEnd/completed").asBoolean()).as(variant).isTrue();
            assertThat(figures.at("/endToEnd/accepted").asLong()).as(variant).isEqualTo(DEVICES);
            assertThat(figures.at("/endToEnd/deliveries").asLong()).as(variant).isEqualTo(DEVICES);
            assertThat(figures.at("/endToEndToCeiling").asDouble()).as(variant).isPositive();
            assertThat(figures.at("/endToEnd/latencyP50Ms").asDouble()).as(variant)
                    .isPositive().isLessThanOrEqualTo(figures.at("/endToEnd/latencyP99Ms").asDouble());
            assertThat(figures.at("/endToEnd/memory/heapPeakMb").asLong()).as(variant).isPositive();
            // Every notification the mock got for the benchmark's apps is a ceiling send or a counted
            // attempt of a campaign delivery: a retry after a broken connection may add attempts (the
            // contract resends what was in flight), a send no attempt accounts for would be a duplicate.
            // Other apps' retries reach the mock too while it is the shared context's endpoint; they
            // are counted apart.
            long attempts = figures.at("/campaignAttempts").asLong();
            assertThat(attempts).as(variant).isGreaterThanOrEqualTo(DEVICES + 50);
            assertThat(figures.at("/mockReceived").asLong()).as(variant).isEqualTo(DEVICES + 50 + attempts);
        }
        assertThat(results.at("/liveReport/watchedCpuMicrosPerDelivery").asDouble()).isPositive();
        assertThat(results.at("/liveReport/unwatchedCpuMicrosPerDelivery").asDouble()).isPositive();
        assertThat(results.at("/liveReport/overheadPercent").asDouble()).isPositive();
        assertThat(results.at("/deliveryLog/rows").asLong()).isGreaterThanOrEqualTo(2_000);
        assertThat(results.at("/deliveryLog/pages")).hasSize(24);
        assertThat(results.at("/deliveryLog/seedSeconds").asDouble()).isPositive();
        assertThat(results.at("/deliveryLog/pages/run log, first page/rows").asInt()).isEqualTo(50);
        assertThat(results.at("/targets")).hasSizeGreaterThanOrEqualTo(10);
    }
}
