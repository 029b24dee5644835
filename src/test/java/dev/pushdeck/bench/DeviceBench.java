package dev.pushdeck.bench;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The full device benchmark at a million devices; run only by {@code ./mvnw -B -o -Pbench verify}
 * (its name does not end in Test); {@code -Dbench.importRows=N} changes the size. Rate limits are lifted so the API's own speed is
 * measured. Reports figures; asserts nothing about speed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pushdeck.devices.registration.key-rate=1000000", "pushdeck.devices.registration.key-burst=1000000",
        "pushdeck.devices.registration.address-rate=1000000", "pushdeck.devices.registration.address-burst=1000000",
        "pushdeck.embedded.shared-buffers=256MB", "logging.level.dev.pushdeck=warn"})
@ActiveProfiles("test")
class DeviceBench {

    @Autowired
    ApplicationContext context;
    @LocalServerPort
    int port;

    @Test
    void devicesAtAMillion() throws Exception {
        new DeviceBenchmark(context, port).run(new DeviceBenchmark.Settings(Integer.getInteger("bench.importRows", 1_000_000), 21, Duration.ofSeconds(5),
                Duration.ofSeconds(20), 8, 400_000, Path.of("target/bench/devices.json")));
    }
}
