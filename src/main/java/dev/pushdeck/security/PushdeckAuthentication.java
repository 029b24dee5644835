package dev.pushdeck.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The authentication of a {@link PushdeckPrincipal}; its authorities follow the team role. */
final class PushdeckAuthentication extends AbstractAuthenticationToken {

    private final PushdeckPrincipal principal;

    PushdeckAuthentication(PushdeckPrincipal principal) {
        super(authoritiesOf(principal));
        this.principal = principal;
        setAuthenticated(true);
    }

    private static List<GrantedAuthority> authoritiesOf(PushdeckPrincipal principal) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        if (principal.role() != null) {
            authorities.addAll(principal.role().authorities());
        }
        if (principal.kind() == PushdeckPrincipal.Kind.APP_KEY) {
            authorities.add(new SimpleGrantedAuthority("ROLE_" + Roles.APP_KEY));
        }
        if (principal.kind() == PushdeckPrincipal.Kind.METRICS_TOKEN) {
            authorities.add(new SimpleGrantedAuthority("ROLE_" + Roles.METRICS));
        }
        if (principal.instanceAdmin()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_" + Roles.INSTANCE_ADMIN));
        }
        return authorities;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public PushdeckPrincipal getPrincipal() {
        return principal;
    }

    @Override
    public String getName() {
        return principal.name();
    }
}
