package dev.pushdeck.history.ui;

import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.pushdeck.dispatch.RunSnapshot;
import dev.pushdeck.shared.ui.Times;
import org.jspecify.annotations.Nullable;

/** The payload and headers exactly as a run sent them, fixed at launch. */
class SentPanel extends VerticalLayout {

    SentPanel(RunSnapshot run) {
        setPadding(false);
        FactList headers = new FactList();
        header(headers, "apns-topic", run.topic());
        header(headers, "apns-push-type", run.pushType());
        header(headers, "apns-priority", String.valueOf(run.priority()));
        headers.item("apns-expiration", expiration(run));
        header(headers, "apns-collapse-id", run.collapseId());
        headers.item(getTranslation("history.report.throttle"), run.throttlePerMinute() == null ? null
                : getTranslation("history.report.throttle.value", run.throttlePerMinute()));
        Pre payload = new Pre(run.payload());
        payload.addClassName("report-payload");
        add(new H3(getTranslation("history.report.sent")), new Span(getTranslation("history.report.headers")),
                headers, new Span(getTranslation("history.report.payload", run.payloadBytes())), payload);
    }

    /** A header as APNs received it: its value is wire format ("alert", not "Alert"), shown as such. */
    private static void header(FactList headers, String name, @Nullable String value) {
        headers.item(name, value).addClassName("wire");
    }

    /** A fixed instant, each delivery's release plus a duration, or 0 (APNs tries once). */
    private String expiration(RunSnapshot run) {
        if (run.expiresAt() != null) {
            return run.expiresAt().getEpochSecond() + " (" + Times.format(run.expiresAt(), this) + ")";
        }
        if (run.expiresAfterSeconds() != null) {
            return getTranslation("history.report.expiration.after", run.expiresAfterSeconds() / 60);
        }
        return getTranslation("history.report.expiration.once");
    }
}
