package dev.pushdeck.app;

import dev.pushdeck.app.internal.CredentialRepository.CredentialRow;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Which credential an app sends with in each environment: the newest one uploaded for it.
 * Older ones stay listed (and deletable) but are not used.
 */
final class ActiveCredentials {

    private final Map<ApnsEnvironment, CredentialRow> byEnvironment = new EnumMap<>(ApnsEnvironment.class);

    /** @param newestFirst one app's credentials, newest first */
    ActiveCredentials(List<CredentialRow> newestFirst) {
        for (CredentialRow row : newestFirst) {
            for (ApnsEnvironment environment : row.environment().environments()) {
                byEnvironment.putIfAbsent(environment, row);
            }
        }
    }

    @Nullable CredentialRow in(ApnsEnvironment environment) {
        return byEnvironment.get(environment);
    }

    Set<ApnsEnvironment> environmentsOf(UUID credentialId) {
        Set<ApnsEnvironment> environments = EnumSet.noneOf(ApnsEnvironment.class);
        byEnvironment.forEach((environment, row) -> {
            if (row.id().equals(credentialId)) {
                environments.add(environment);
            }
        });
        return environments;
    }
}
