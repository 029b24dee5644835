package dev.pushdeck.dispatch;

import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What an app reports about a delivery it got: {@link #RECEIVED} when its Notification Service
 * Extension ran for it (the phone had it; only notifications with {@code mutable-content} run
 * one), {@link #OPENED} when the person tapped it. Neither is Apple's word: APNs only says it
 * accepted a notification.
 */
public enum EngagementKind {
    RECEIVED('R'), OPENED('O');

    private final char code;

    EngagementKind(char code) {
        this.code = code;
    }

    /** The one-letter code stored per event. */
    public char code() {
        return code;
    }

    /** The word in the API: {@code received}, {@code opened}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads the API word, case-insensitively; empty for anything else. */
    public static Optional<EngagementKind> parse(@Nullable String value) {
        for (EngagementKind kind : values()) {
            if (kind.wire().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    static EngagementKind ofCode(String code) {
        return code.charAt(0) == RECEIVED.code ? RECEIVED : OPENED;
    }
}
