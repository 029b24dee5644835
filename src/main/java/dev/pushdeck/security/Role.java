package dev.pushdeck.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A member's role in a team, from most to least powerful. A role includes every role
 * below it, so {@code hasRole('EDITOR')} also admits admins and owners.
 */
public enum Role {
    OWNER, ADMIN, EDITOR, VIEWER;

    /** True when this role may do what {@code other} may do. */
    public boolean includes(Role other) {
        return ordinal() <= other.ordinal();
    }

    /** This role and every role it includes, as Spring Security authorities. */
    List<GrantedAuthority> authorities() {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (Role role : values()) {
            if (includes(role)) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name()));
            }
        }
        return authorities;
    }

    /** The role a text names, in any case (as API bodies give it); empty for anything else. */
    public static Optional<Role> parse(@Nullable String text) {
        try {
            return Optional.of(valueOf(text == null ? "" : text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    /** The text key of this role's name. */
    public String labelKey() {
        return "role." + name().toLowerCase();
    }
}
