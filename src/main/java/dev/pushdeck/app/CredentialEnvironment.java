package dev.pushdeck.app;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The environment(s) a credential is uploaded for; only a token key (.p8) may serve {@link #BOTH}. */
public enum CredentialEnvironment {
    SANDBOX, PRODUCTION, BOTH;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean covers(ApnsEnvironment environment) {
        return this == BOTH || name().equals(environment.name());
    }

    public Set<ApnsEnvironment> environments() {
        return switch (this) {
            case SANDBOX -> EnumSet.of(ApnsEnvironment.SANDBOX);
            case PRODUCTION -> EnumSet.of(ApnsEnvironment.PRODUCTION);
            case BOTH -> EnumSet.allOf(ApnsEnvironment.class);
        };
    }

    public static Optional<CredentialEnvironment> fromWire(@Nullable String text) {
        for (CredentialEnvironment environment : values()) {
            if (environment.wire().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return Optional.of(environment);
            }
        }
        return Optional.empty();
    }
}
