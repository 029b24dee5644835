package dev.pushdeck.app.registration;

import dev.pushdeck.app.RegistrationRates;
import java.util.Optional;
import java.util.UUID;

/**
 * The registration path's view of apps: the rates an app's device registrations are held to.
 *
 * <p>For trusted callers only: the registration path acts as an app key and has no team role, so
 * the tenant is explicit and no role is checked; it reveals only these numbers. Thread-safe;
 * reads in a transaction of its own or joins the caller's.
 */
public interface AppRegistrationRates {

    /** The app's rates (its own, or the defaults where it has none); empty when the team has no such app. */
    Optional<RegistrationRates> of(UUID tenantId, UUID appId);
}
