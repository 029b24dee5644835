package dev.pushdeck.app.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import dev.pushdeck.app.EnvironmentStatus;
import dev.pushdeck.shared.i18n.StoredReasons;
import dev.pushdeck.shared.ui.Times;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Credential status badges as the app views show them. */
final class UiFormat {

    private UiFormat() {
    }

    /**
     * A badge: none / valid until DATE / expiring soon / expired / paused (with the reason as
     * its tooltip); beside it a second one while APNs is unavailable and the dispatcher retries.
     */
    static Component badge(Component owner, EnvironmentStatus status) {
        Component credential = credentialBadge(owner, status);
        if (!status.unavailable()) {
            return credential;
        }
        Span outage = new Span(owner.getTranslation("dispatch.outage", Times.format(status.unavailableSince(), owner),
                status.unavailableReason()));
        outage.getElement().getThemeList().addAll(List.of("badge", "warning"));
        outage.addClassName("apns-outage");
        Span both = new Span(credential, outage);
        both.addClassName("environment-status");
        return both;
    }

    private static Component credentialBadge(Component owner, EnvironmentStatus status) {
        String text = switch (status.state()) {
            case NONE -> owner.getTranslation("status.none");
            case VALID -> status.validUntil() == null ? owner.getTranslation("status.valid.token")
                    : owner.getTranslation("status.valid", Times.utcDate(status.validUntil(), owner));
            case EXPIRING_SOON -> owner.getTranslation("status.expiring", Times.utcDate(status.validUntil(), owner));
            case EXPIRED -> owner.getTranslation("status.expired", Times.utcDate(status.validUntil(), owner));
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
            Locale locale = Optional.ofNullable(UI.getCurrent()).map(UI::getLocale).orElse(Locale.ENGLISH);
            badge.setTitle(StoredReasons.read(locale, status.pausedReason()));
        }
        return badge;
    }
}
