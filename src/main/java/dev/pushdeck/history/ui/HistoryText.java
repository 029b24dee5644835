package dev.pushdeck.history.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Paragraph;
import dev.pushdeck.dispatch.DeliveryStatus;
import dev.pushdeck.dispatch.RunStatus;
import dev.pushdeck.history.Engagement;
import dev.pushdeck.history.SentWording;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** How deliveries, runs and Apple's reasons read in the history views. */
final class HistoryText {

    private static final int TOKEN_HEAD = 8;
    private static final int TOKEN_TAIL = 4;

    private HistoryText() {
    }

    static String status(Component in, DeliveryStatus status) {
        return in.getTranslation("history.status." + status.name().toLowerCase(Locale.ROOT));
    }

    static String runStatus(Component in, RunStatus status) {
        return in.getTranslation("campaigns.status." + status.name().toLowerCase(Locale.ROOT));
    }

    /**
     * Apple's reason (or the dispatcher's, for send failures and expiry) in plain words.
     * Unknown reasons, such as a network exception's name, get a general explanation.
     */
    static String meaning(Component in, @Nullable String reason) {
        if (reason == null || reason.isBlank()) {
            return "";
        }
        String text = in.getTranslation("history.reason." + reason);
        if (!text.startsWith("!")) {
            return text;
        }
        return in.getTranslation(reason.startsWith("HTTP") ? "history.reason.http" : "history.reason.unknown", reason);
    }

    /** The first and last hex digits of a token, enough to recognise it. */
    static String shortToken(String token) {
        if (token == null || token.length() <= TOKEN_HEAD + TOKEN_TAIL + 1) {
            return token == null ? "" : token;
        }
        return token.substring(0, TOKEN_HEAD) + "…" + token.substring(token.length() - TOKEN_TAIL);
    }

    /** A muted sentence standing in for content that does not exist (yet). */
    static Paragraph emptyState(Component in, String key) {
        Paragraph text = new Paragraph(in.getTranslation(key));
        text.addClassName("empty-state");
        return text;
    }

    /** Stands in for a page whose reader may no longer see it (removed from the team, or switched team). */
    static Paragraph accessLost(Component in) {
        Paragraph text = emptyState(in, "history.access-lost");
        text.setId("access-lost");
        return text;
    }

    /** A count as a share of the accepted deliveries ("25% of 4 accepted"), as every rate in the history reads. */
    static String rate(Component in, long count, long accepted) {
        if (accepted == 0) {
            return in.getTranslation("history.engagement.rate.none");
        }
        NumberFormat percent = NumberFormat.getPercentInstance(in.getUI().or(() -> Optional.ofNullable(UI.getCurrent()))
                .map(UI::getLocale).orElse(Locale.ENGLISH));
        percent.setMaximumFractionDigits(1);
        return in.getTranslation("history.engagement.rate", percent.format(Engagement.rate(count, accepted)), accepted);
    }

    /**
     * Which wording a delivery got: its version, or the rest's with the winner once decided, then
     * its language; a run in several languages without a test names the language, or the default.
     */
    static String wording(Component in, SentWording sent) {
        String version = sent.letter();
        if (sent.rest()) {
            version = version == null ? in.getTranslation("history.wording.rest")
                    : in.getTranslation("history.wording.rest.version", version);
        }
        String language = sent.language();
        if (version == null) {
            return language == null ? in.getTranslation("history.wording.default") : language;
        }
        return language == null ? version : version + " · " + language;
    }

    static String orDash(@Nullable Object value) {
        return value == null ? "—" : value.toString();
    }
}
