package dev.pushdeck.app;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The environments a credential is uploaded for: one {@link ApnsEnvironment}, or {@link #BOTH},
 * which only a token key (.p8) may serve. A set of environments rather than an environment, so it
 * is its own type (docs/decisions/056-one-apns-environment.md); its words ({@code sandbox},
 * {@code production}, {@code both}) are those of the API, the database and the {@code env.*} labels.
 */
public enum EnvironmentCoverage {
    SANDBOX, PRODUCTION, BOTH;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The environments covered. */
    public Set<ApnsEnvironment> environments() {
        return switch (this) {
            case SANDBOX -> EnumSet.of(ApnsEnvironment.SANDBOX);
            case PRODUCTION -> EnumSet.of(ApnsEnvironment.PRODUCTION);
            case BOTH -> EnumSet.allOf(ApnsEnvironment.class);
        };
    }

    /** Reads the API word, case-insensitively; empty for anything else, including null. */
    public static Optional<EnvironmentCoverage> fromWire(@Nullable String text) {
        for (EnvironmentCoverage coverage : values()) {
            if (coverage.wire().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return Optional.of(coverage);
            }
        }
        return Optional.empty();
    }
}
