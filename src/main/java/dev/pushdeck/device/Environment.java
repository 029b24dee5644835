package dev.pushdeck.device;

import dev.pushdeck.shared.ValidationException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The APNs environment a token belongs to; a token is only valid in one of them. */
public enum Environment {
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
    public static Environment parse(@Nullable String value) {
        if (value != null) {
            for (Environment environment : values()) {
                if (environment.wire().equalsIgnoreCase(value.trim())) {
                    return environment;
                }
            }
        }
        throw new ValidationException("environment", "device.environment.invalid");
    }
}
