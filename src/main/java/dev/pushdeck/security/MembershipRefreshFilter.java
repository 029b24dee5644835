package dev.pushdeck.security;

import dev.pushdeck.security.memberships.MembershipDirectory;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a signed-in session in step with the database: when an admin changes a member's
 * role or removes them, their next request already carries the new rights; when the session
 * was ended (from the account page, or by a password change or reset, possibly on another
 * node) or the person is gone, the session is closed and the request goes on signed out.
 * Costs one indexed lookup per browser request (and a last-seen write once a minute).
 */
class MembershipRefreshFilter extends OncePerRequestFilter {

    private final MembershipDirectory memberships;
    private final SessionTracking sessions;

    MembershipRefreshFilter(MembershipDirectory memberships, SessionTracking sessions) {
        this.memberships = memberships;
        this.sessions = sessions;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof PushdeckAuthentication session && session.getPrincipal().kind() == PushdeckPrincipal.Kind.USER) {
            refresh(request, session.getPrincipal());
        }
        chain.doFilter(request, response);
    }

    private void refresh(HttpServletRequest request, PushdeckPrincipal principal) {
        Optional<Boolean> instanceAdmin = sessions.standing(principal.id(), request.getSession(false));
        if (instanceAdmin.isEmpty()) {
            SecurityContextHolder.clearContext();
            Optional.ofNullable(request.getSession(false)).ifPresent(jakarta.servlet.http.HttpSession::invalidate);
            return;
        }
        PushdeckPrincipal current = currentTeamOf(principal).withInstanceAdmin(instanceAdmin.get());
        if (!current.equals(principal)) {
            CurrentActor.replace(current);
        }
    }

    private PushdeckPrincipal currentTeamOf(PushdeckPrincipal principal) {
        if (principal.teamId() != null) {
            Optional<Role> role = memberships.roleOf(principal.id(), principal.teamId());
            if (role.isPresent()) {
                return Objects.equals(role.get(), principal.role()) ? principal
                        : principal.inTeam(principal.teamId(), role.get());
            }
        }
        Optional<UUID> other = memberships.defaultTeam(principal.id(), null);
        return principal.inTeam(other.orElse(null), other.flatMap(id -> memberships.roleOf(principal.id(), id))
                .orElse(null));
    }
}
