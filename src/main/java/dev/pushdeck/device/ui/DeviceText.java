package dev.pushdeck.device.ui;

import com.vaadin.flow.component.Component;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceStatus;
import dev.pushdeck.shared.ui.Times;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** How devices read in the console. */
final class DeviceText {

    private DeviceText() {
    }

    static String status(Component in, Device device) {
        String status = in.getTranslation("device.status." + device.status().name().toLowerCase(Locale.ROOT));
        if (device.status() == DeviceStatus.ACTIVE) {
            return status;
        }
        return status + " · " + (device.invalidReason() == null ? "" : device.invalidReason()) + " · "
                + Times.format(device.invalidatedAt(), in);
    }

    /** An app's reported properties as "plan = gold · beta = true", in key order. */
    static String properties(Map<String, Object> properties) {
        return new TreeMap<>(properties).entrySet().stream()
                .map(property -> property.getKey() + " = " + (property.getValue() instanceof BigDecimal number
                        ? number.toPlainString() : String.valueOf(property.getValue())))
                .collect(Collectors.joining(" · "));
    }

    static String orDash(@Nullable String value) {
        return value == null || value.isEmpty() ? "—" : value;
    }
}
