package dev.pushdeck.app;

import dev.pushdeck.shared.error.ValidationException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * An APNs environment: Apple's sandbox (development builds) or production. A device token, an
 * activity token, a campaign, a run and a broadcast channel each belong to exactly one; what a
 * credential may serve is an {@link EnvironmentCoverage}. The one type for every module
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
        if (value != null) {
            for (ApnsEnvironment environment : values()) {
                if (environment.wire().equalsIgnoreCase(value.trim())) {
                    return environment;
                }
            }
        }
        throw new ValidationException("environment", "device.environment.invalid");
    }
}
