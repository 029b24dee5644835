package dev.pushdeck.device;

import dev.pushdeck.device.internal.RegistrationLimits;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.PushdeckPrincipal;
import org.springframework.security.access.AccessDeniedException;

/** The app key behind a registration call, after it took a permit from the registration rate limits. */
final class AppKeyCallers {

    private AppKeyCallers() {
    }

    /**
     * @throws AccessDeniedException when the caller is not an app key
     * @throws RateLimitedException  when the key or the client address is over its limit
     */
    static PushdeckPrincipal admit(CurrentActor actor, RegistrationLimits limits) {
        PushdeckPrincipal key = actor.require();
        if (key.kind() != PushdeckPrincipal.Kind.APP_KEY || key.appId() == null) {
            throw new AccessDeniedException("app keys only");
        }
        limits.acquire(key.teamId(), key.appId(), key.id(), actor.clientAddress());
        return key;
    }
}
