package dev.pushdeck.shared.ui;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import dev.pushdeck.shared.error.PushdeckException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Turns a failure that escapes a click handler into a notification for the person and,
 * only when unexpected, a log line for operators.
 */
@Component
class UiErrorHandling implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(UiErrorHandling.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(error -> {
            Throwable cause = rootRefusal(error.getThrowable());
            if (!(cause instanceof PushdeckException) && !(cause instanceof AccessDeniedException)) {
                log.error("Unexpected error in the UI", error.getThrowable());
            }
            if (com.vaadin.flow.component.UI.getCurrent() != null) {
                Feedback.error(cause);
            }
        }));
    }

    private static Throwable rootRefusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PushdeckException || t instanceof AccessDeniedException) {
                return t;
            }
        }
        return failure;
    }
}
