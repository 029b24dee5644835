package dev.pushdeck.security.memberships;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Whether people have two-factor sign-in on, by their ids: for the password sign-in (before there
 * is a principal), the guard of teams that require it, and the team's list of members. People
 * manage their own through the role-checked {@link dev.pushdeck.security.TwoFactorService}.
 *
 * <p>For trusted callers only: no role is checked, so pass only people the caller may see.
 * Thread-safe; reads in a transaction of its own or joins the caller's.
 */
public interface TwoFactorStates {

    /** Whether this person must give a second factor to sign in. */
    boolean enabled(UUID userId);

    /** Of these people, the ones with two-factor sign-in on. */
    List<UUID> enabledAmong(Collection<UUID> userIds);
}
