package dev.pushdeck.security;

import java.util.UUID;

/** What a team demands of the people who use it, provided by the tenancy module. Thread-safe. */
public interface TeamSignInPolicy {

    /** Whether the team's owners require two-factor sign-in from its members. */
    boolean requiresTwoFactor(UUID teamId);
}
