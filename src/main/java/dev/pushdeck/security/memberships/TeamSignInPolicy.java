package dev.pushdeck.security.memberships;

import java.util.UUID;

/**
 * What a team demands of the people who use it, provided by the tenancy module. For trusted
 * callers only (the sign-in checks and the guard of teams that require two-factor sign-in): the
 * team is explicit and no role is checked. Thread-safe.
 */
public interface TeamSignInPolicy {

    /** Whether the team's owners require two-factor sign-in from its members. */
    boolean requiresTwoFactor(UUID teamId);
}
