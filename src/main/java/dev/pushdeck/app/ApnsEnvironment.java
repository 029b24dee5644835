package dev.pushdeck.app;

import java.util.Locale;
import java.util.Optional;

/** An APNs environment: Apple's sandbox (development builds) or production. */
public enum ApnsEnvironment {
    SANDBOX, PRODUCTION;

    /** The word used in the API and the database: {@code sandbox} or {@code production}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ApnsEnvironment> fromWire(String text) {
        for (ApnsEnvironment environment : values()) {
            if (environment.wire().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return Optional.of(environment);
            }
        }
        return Optional.empty();
    }
}
