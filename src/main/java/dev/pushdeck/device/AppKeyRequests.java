package dev.pushdeck.device;

import dev.pushdeck.device.internal.RegistrationLimits;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.PushdeckPrincipal;
import org.springframework.stereotype.Component;

/**
 * Admits the other requests apps make with their app key ({@code pdk_...}), such as reports of
 * opens and receipts, under the same rules as registrations: the caller must be an app key,
 * which acts only for its own app and team, and every request takes a permit from the app's
 * registration rate limits (per key and per client address; see
 * {@link dev.pushdeck.app.RegistrationDefaults}). Thread-safe.
 */
@Component
public class AppKeyRequests {

    private final CurrentActor actor;
    private final RegistrationLimits limits;

    AppKeyRequests(CurrentActor actor, RegistrationLimits limits) {
        this.actor = actor;
        this.limits = limits;
    }

    /**
     * The calling app key, once it took a permit.
     *
     * @throws org.springframework.security.access.AccessDeniedException the caller is not an app key
     * @throws RateLimitedException the key or the client address is over its limit
     * @throws dev.pushdeck.shared.error.NotFoundException the key's app is gone
     */
    public PushdeckPrincipal admit() {
        return AppKeyCallers.admit(actor, limits).key();
    }
}
