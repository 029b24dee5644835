package dev.pushdeck.app;

import dev.pushdeck.shared.ValidationException;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An APNs environment: Apple's sandbox (development builds) or production. A device token, an
 * activity token, a campaign, a run and a broadcast channel each belong to exactly one; what a
 * credential may serve is an {@link CredentialEnvironment}. The one type for every module
 * (docs/decisions/056-one-apns-environment.md); it becomes a word only in the API, CSV files, the
 * database and message keys, through {@link #wire()} and {@link #parse}.
 */
public enum ApnsEnvironment {
    SANDBOX, PRODUCTION;

    /** The word used in the API, CSV and database: {@code sandbox} or {@code production}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads the API word, case-insensitively.
     *
     * @throws ValidationException on field {@code environment} for anything else, including null
     */
    public static ApnsEnvironment parse(@Nullable String value) {
        return fromWire(value).orElseThrow(() -> new ValidationException("environment", "device.environment.invalid"));
    }

    /** Reads the API word, case-insensitively; empty for anything else, including null. */
    public static Optional<ApnsEnvironment> fromWire(@Nullable String text) {
        for (ApnsEnvironment environment : values()) {
            if (environment.wire().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return Optional.of(environment);
            }
        }
        return Optional.empty();
    }
}
