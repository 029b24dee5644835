package dev.pushdeck.security;

import java.time.Instant;
import java.util.UUID;

/** A person who can sign in. Carries no password material. */
public record UserAccount(UUID id, String email, String displayName, String language, boolean instanceAdmin,
                          Instant createdAt) {
}
