package dev.pushdeck.app.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Span;
import dev.pushdeck.app.EnvironmentStatus;
import dev.pushdeck.shared.ui.Times;
import java.util.Locale;

/** Credential status badges as the app views show them. */
final class UiFormat {

    private UiFormat() {
    }

    /** A badge: none / valid until DATE / expiring soon / expired / paused. */
    static Component badge(Component owner, EnvironmentStatus status) {
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
            badge.setTitle(status.pausedReason());
        }
        return badge;
    }
}
