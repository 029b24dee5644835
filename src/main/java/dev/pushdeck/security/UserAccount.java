package dev.pushdeck.security;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A person who can sign in. Carries no password material.
 *
 * @param language the person's language tag (chosen in the user menu, or the one an invitation
 *                 was accepted in), or null while they have none (the console then follows the
 *                 browser, decision 041)
 */
public record UserAccount(UUID id, String email, String displayName, String language, boolean instanceAdmin,
                          Instant createdAt) {

    /** The language mails to this person are written in: theirs, else English (decision 041). */
    public Locale mailLanguage() {
        return language == null ? Locale.ENGLISH : Locale.forLanguageTag(language);
    }
}
