package dev.pushdeck.app.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Span;
import dev.pushdeck.app.EnvironmentStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/** Dates and status badges as the app views show them (dates in UTC, like Apple's portal). */
final class UiFormat {

    private UiFormat() {
    }

    static String date(Instant instant, Locale locale) {
        return instant == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale)
                .withZone(ZoneOffset.UTC).format(instant);
    }

    static String dateTime(Instant instant, Locale locale) {
        return instant == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale)
                .withZone(ZoneOffset.UTC).format(instant) + " UTC";
    }

    /** A badge: none / valid until DATE / expiring soon / expired / paused. */
    static Component badge(Component owner, EnvironmentStatus status) {
        Locale locale = owner.getUI().map(com.vaadin.flow.component.UI::getLocale).orElse(Locale.ENGLISH);
        String text = switch (status.state()) {
            case NONE -> owner.getTranslation("status.none");
            case VALID -> status.validUntil() == null ? owner.getTranslation("status.valid.token")
                    : owner.getTranslation("status.valid", date(status.validUntil(), locale));
            case EXPIRING_SOON -> owner.getTranslation("status.expiring", date(status.validUntil(), locale));
            case EXPIRED -> owner.getTranslation("status.expired", date(status.validUntil(), locale));
            case PAUSED -> owner.getTranslation("status.paused");
        };
        Span badge = new Span(text);
        badge.getElement().getThemeList().add("badge");
        switch (status.state()) {
            case VALID -> badge.getElement().getThemeList().add("success");
            case EXPIRING_SOON -> badge.getElement().getThemeList().add("warning");
            case EXPIRED, PAUSED -> badge.getElement().getThemeList().add("error");
            default -> badge.getElement().getThemeList().add("contrast");
        }
        badge.addClassName("credential-status");
        badge.addClassName("status-" + status.state().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        if (status.pausedReason() != null) {
            badge.setTitle(status.pausedReason());
        }
        return badge;
    }
}
