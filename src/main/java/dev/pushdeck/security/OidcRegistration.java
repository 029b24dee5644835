package dev.pushdeck.security;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;

/**
 * The one client registration, discovered from the issuer's
 * {@code .well-known/openid-configuration} when first needed rather than at start-up: a
 * provider that is down must not keep the console (and password sign-in) from starting.
 * A failed discovery is tried again on the next sign-in. Thread-safe.
 */
final class OidcRegistration implements ClientRegistrationRepository {

    private final SingleSignOn settings;
    private volatile @Nullable ClientRegistration discovered;

    OidcRegistration(SingleSignOn settings) {
        this.settings = settings;
    }

    @Override
    public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
        if (!SingleSignOn.REGISTRATION_ID.equals(registrationId)) {
            return null;
        }
        ClientRegistration registration = discovered;
        if (registration == null) {
            synchronized (this) {
                if (discovered == null) {
                    discovered = ClientRegistrations.fromIssuerLocation(settings.issuer())
                            .registrationId(SingleSignOn.REGISTRATION_ID)
                            .clientId(settings.clientId())
                            .clientSecret(settings.clientSecret())
                            .scope(settings.scopes())
                            .userNameAttributeName("sub")
                            .build();
                }
                registration = discovered;
            }
        }
        return registration;
    }
}
