package dev.pushdeck.device;

import dev.pushdeck.device.internal.RegistrationLimits;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.PushdeckPrincipal;
import java.util.Objects;
import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;

/** The app key behind a registration call, after it took a permit from the registration rate limits. */
final class AppKeyCallers {

    private AppKeyCallers() {
    }

    /**
     * An admitted app key with the team and app it acts for, which a principal of another kind lacks.
     *
     * @param key the principal as signed in
     */
    record AppCaller(PushdeckPrincipal key, UUID teamId, UUID appId) {
    }

    /**
     * @throws AccessDeniedException when the caller is not an app key
     * @throws RateLimitedException  when the key or the client address is over its limit
     */
    static AppCaller admit(CurrentActor actor, RegistrationLimits limits) {
        PushdeckPrincipal key = actor.require();
        UUID appId = key.appId();
        if (key.kind() != PushdeckPrincipal.Kind.APP_KEY || appId == null) {
            throw new AccessDeniedException("app keys only");
        }
        UUID teamId = Objects.requireNonNull(key.teamId(), "an app key belongs to its app's team");
        limits.acquire(teamId, appId, key.id(), actor.clientAddress());
        return new AppCaller(key, teamId, appId);
    }
}
