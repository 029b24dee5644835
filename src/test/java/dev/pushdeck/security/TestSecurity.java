package dev.pushdeck.security;

import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Signs test code in as a given person or token, without a login form. */
public final class TestSecurity {

    private TestSecurity() {
    }

    public static Authentication person(UserAccount user, UUID teamId, Role role) {
        return new PushdeckAuthentication(new PushdeckPrincipal(PushdeckPrincipal.Kind.USER, user.id(), user.email(),
                user.displayName(), teamId, role, user.instanceAdmin()));
    }

    /** An instance administrator outside any team, for setting up fixtures. */
    public static Authentication instanceAdmin() {
        return new PushdeckAuthentication(new PushdeckPrincipal(PushdeckPrincipal.Kind.USER, UUID.randomUUID(),
                "fixtures@test", "Fixtures", null, null, true));
    }

    public static void signIn(Authentication authentication) {
        SecurityContextHolder.getContext().setAuthentication(authentication);
    }

    public static void signOut() {
        SecurityContextHolder.clearContext();
    }

    /** Runs {@code work} as {@code authentication}, then restores whoever was signed in. */
    public static <T> T as(Authentication authentication, Supplier<T> work) {
        Authentication before = SecurityContextHolder.getContext().getAuthentication();
        signIn(authentication);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.getContext().setAuthentication(before);
        }
    }
}
