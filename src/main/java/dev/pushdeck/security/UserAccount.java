package dev.pushdeck.security;

import java.time.Instant;
import java.util.UUID;

/**
 * A person who can sign in. Carries no password material.
 *
 * @param language the language tag the person chose in the user menu, or null while they have
 *                 not chosen one (the console then follows the browser)
 */
public record UserAccount(UUID id, String email, String displayName, String language, boolean instanceAdmin,
                          Instant createdAt) {
}
