package dev.pushdeck.shared.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Formats instants for people: in the reader's locale and {@link ViewerZone}, with the offset
 * written out ("UTC+8", "UTC-4", "UTC+5:30", "UTC"). An offset cannot be misread the way a
 * short name like "CST" can (China, Cuba or the US?). See docs/decisions/019-times-in-the-viewers-zone.md.
 */
public final class Times {

    private static final DateTimeFormatter OFFSET = new DateTimeFormatterBuilder().appendLiteral("UTC")
            .appendOffset("+H:mm", "").toFormatter(Locale.ROOT);

    private Times() {
    }

    /** Date and time in the zone of whoever sees {@code reader}, e.g. "Nov 28, 2026, 6:05:12 PM UTC+8". */
    public static String format(@Nullable Instant instant, Component reader) {
        if (instant == null) {
            return "";
        }
        ZonedDateTime at = instant.atZone(ViewerZone.of(reader));
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale(reader)).format(at)
                + " " + offset(at);
    }

    private static Locale locale(Component reader) {
        return ViewerZone.uiOf(reader).map(UI::getLocale).orElse(Locale.ENGLISH);
    }

    /** The offset from UTC in effect at {@code at}: "UTC+8", "UTC-4", "UTC+5:30", or "UTC" itself. */
    public static String offset(ZonedDateTime at) {
        return OFFSET.format(at);
    }

    /**
     * The day only, in UTC and marked so. Used for certificate validity: Apple's developer
     * portal and the certificate itself give these days in UTC, and the same day here is
     * what a person looks for there.
     */
    public static String utcDate(@Nullable Instant instant, Component reader) {
        return instant == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                .withLocale(locale(reader)).withZone(ZoneOffset.UTC).format(instant) + " UTC";
    }
}
