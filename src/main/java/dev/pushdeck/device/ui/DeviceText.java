package dev.pushdeck.device.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/** How devices read in the console. */
final class DeviceText {

    private DeviceText() {
    }

    static String time(Instant instant, Locale locale) {
        return instant == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale)
                .withZone(ZoneId.systemDefault()).format(instant);
    }

    static String status(Component in, Device device) {
        String status = in.getTranslation("device.status." + device.status().name().toLowerCase(Locale.ROOT));
        if (device.status() == DeviceStatus.ACTIVE) {
            return status;
        }
        return status + " · " + (device.invalidReason() == null ? "" : device.invalidReason()) + " · "
                + time(device.invalidatedAt(), in.getUI().map(UI::getLocale).orElse(Locale.ENGLISH));
    }

    static String orDash(String value) {
        return value == null || value.isEmpty() ? "—" : value;
    }
}
