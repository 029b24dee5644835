package dev.pushdeck.shared.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/** Formats instants for grids in the reader's locale, in UTC with the zone shown. */
public final class Times {

    private Times() {
    }

    /** The day only, in UTC (as Apple's developer portal shows certificate dates). */
    public static String date(Instant instant, Locale locale) {
        return instant == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale)
                .withZone(ZoneId.of("UTC")).format(instant);
    }

    public static String format(Instant instant, Locale locale) {
        if (instant == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale)
                .withZone(ZoneId.of("UTC")).format(instant) + " UTC";
    }
}
