package dev.pushdeck.security;

import dev.pushdeck.security.memberships.MembershipDirectory;
import java.util.Optional;
import java.util.UUID;

/**
 * Which account a person signed in by single sign-on is, decided by the tenancy module,
 * which owns memberships (security only asks, as with {@link MembershipDirectory}).
 * Implementations are thread-safe and transactional.
 */
public interface SsoAccounts {

    /**
     * The account {@code person} may use, or empty when they have no access (no account and
     * no team to join). Called only with a verified email.
     */
    Optional<UUID> accountOf(SsoPerson person);
}
