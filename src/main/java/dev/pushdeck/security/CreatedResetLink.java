package dev.pushdeck.security;

import java.time.Instant;

/** A password-reset link just made for a person: {@code link} is shown this once and never stored. */
public record CreatedResetLink(String email, String link, Instant expiresAt) {

    @Override
    public String toString() {
        return "CreatedResetLink[email=" + email + ", expiresAt=" + expiresAt + "]";
    }
}
