package dev.pushdeck.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class ImportLimitsTest {

    @Test
    void withNothingSetTheDocumentedDefaultsHold() {
        ImportLimits limits = bind(new MutablePropertySources());

        assertThat(limits).isEqualTo(new ImportLimits(536_870_912L, 2_000_000L, 5000, 100, 65_536, 2));
        assertThat(limits.maxMegabytes()).isEqualTo(512);
    }

    @Test
    void theEnvironmentVariablesAndPropertyNamesOfBeforeStillBind() {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("PUSHDECK_DEVICES_IMPORT_MAX_ROWS", "20", "PUSHDECK_DEVICES_IMPORT_MAX_BYTES", "1048576",
                        "PUSHDECK_DEVICES_IMPORT_WRITERS", "0")));
        sources.addLast(new MapPropertySource("properties", Map.of("pushdeck.devices.import.chunk-size", "7",
                "pushdeck.devices.import.max-errors", "3", "pushdeck.devices.import.max-line-chars", "99")));

        assertThat(bind(sources)).isEqualTo(new ImportLimits(1_048_576L, 20L, 7, 3, 99, 1));
    }

    private static ImportLimits bind(MutablePropertySources sources) {
        return new Binder(ConfigurationPropertySources.from(sources))
                .bindOrCreate("pushdeck.devices.import", ImportLimits.class);
    }
}
