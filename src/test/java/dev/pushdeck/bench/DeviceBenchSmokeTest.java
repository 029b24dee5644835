package dev.pushdeck.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.PushdeckTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** The benchmark code at a tiny size, so it keeps working; says nothing about speed. */
@PushdeckTest
class DeviceBenchSmokeTest {

    @Autowired
    ApplicationContext context;
    @LocalServerPort
    int port;

    @Test
    void theDeviceBenchmarkRunsToTheEndAtATinySize() throws Exception {
        Path output = Path.of("target/bench/devices-smoke.json");
        Map<String, Object> results = new DeviceBenchmark(context, port).run(new DeviceBenchmark.Settings(2_000, 2,
                Duration.ofMillis(200), Duration.ofSeconds(1), 2, 60, output));

        assertThat(results.get("importImported")).isEqualTo(2_000L);
        assertThat((Map<?, ?>) results.get("gridPages")).hasSize(7);
        assertThat((long) results.get("registrationFailures")).isZero();
        assertThat(((Number) results.get("registrationRequests")).longValue()).isPositive();
        assertThat(Files.exists(output)).isTrue();
    }
}
