package dev.pushdeck.shared.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import dev.pushdeck.shared.error.PushdeckException;
import dev.pushdeck.shared.i18n.Messages;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;

/**
 * Short notifications for the outcome of an action. Refusals from services show their
 * own message in the reader's language; anything unexpected shows a plain apology,
 * never a stack trace. Call on the UI thread.
 */
public final class Feedback {

    private static final int DURATION_MS = 5000;

    private Feedback() {
    }

    public static void success(String text) {
        Notification.show(text, DURATION_MS, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    public static void error(String text) {
        Notification notification = Notification.show(text, DURATION_MS, Notification.Position.MIDDLE);
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    /** Shows what went wrong with an action in words for people. */
    public static void error(Throwable failure) {
        error(describe(failure, locale()));
    }

    public static String describe(Throwable failure, Locale locale) {
        if (failure instanceof PushdeckException refusal) {
            return refusal.message(locale);
        }
        if (failure instanceof AccessDeniedException) {
            return Messages.get(locale, "error.forbidden");
        }
        return Messages.get(locale, "error.unexpected");
    }

    private static Locale locale() {
        return Optional.ofNullable(UI.getCurrent()).map(UI::getLocale).orElse(Locale.ENGLISH);
    }
}
