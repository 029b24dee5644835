package dev.pushdeck.device.api;

import dev.pushdeck.device.Device;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A device as the API shows it (field names per API.md). */
record DeviceJson(UUID id, String token, String environment, String status, List<String> tags,
                  @Nullable String alias, @Nullable String locale, @Nullable String timezone,
                  @Schema(description = "the last registration: when the app was last seen") Instant lastRegisteredAt,
                  @Nullable Instant invalidatedAt, @Nullable String invalidReason, boolean testDevice,
                  @Schema(description = "the version the app last reported") @Nullable String appVersion,
                  @Schema(description = "the custom properties the app reported") Map<String, Object> properties) {

    static DeviceJson of(Device device) {
        return new DeviceJson(device.id(), device.token(), device.environment().wire(), device.status().name(),
                device.tags(), device.alias(), device.locale(), device.timeZone(), device.lastRegisteredAt(),
                device.invalidatedAt(), device.invalidReason(), device.testDevice(), device.appVersion(),
                device.properties());
    }
}
