package dev.pushdeck.device.ui;

import com.vaadin.flow.component.Component;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceStatus;
import dev.pushdeck.shared.ui.Times;
import java.util.Locale;

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

    static String orDash(String value) {
        return value == null || value.isEmpty() ? "—" : value;
    }
}
