package dev.pushdeck.security;

import dev.pushdeck.security.internal.UserRepository;
import dev.pushdeck.security.memberships.MembershipDirectory;
import dev.pushdeck.shared.error.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The principal of the current request (person or API token) and the team it acts in.
 *
 * <p>Reads Spring Security's context of the calling thread, so call it on request threads.
 * Failures: {@link AccessDeniedException} when nobody is signed in or no team is selected.
 */
@Component
public class CurrentActor {

    private final MembershipDirectory memberships;
    private final UserRepository users;

    CurrentActor(MembershipDirectory memberships, UserRepository users) {
        this.memberships = memberships;
        this.users = users;
    }

    /** The signed-in principal, if any. */
    public Optional<PushdeckPrincipal> principal() {
        return Optional.ofNullable(SecurityContextHolder.getContext().getAuthentication())
                .map(auth -> auth.getPrincipal() instanceof PushdeckPrincipal p ? p : null);
    }

    /** The signed-in principal; fails when there is none. */
    public PushdeckPrincipal require() {
        return principal().orElseThrow(() -> new AccessDeniedException("not signed in"));
    }

    /** The team the principal acts in; fails without one. */
    public UUID teamId() {
        return principal().map(PushdeckPrincipal::teamId)
                .orElseThrow(() -> new AccessDeniedException("no team selected"));
    }

    /**
     * The principal, with a person's role in the current team read again from the database:
     * for reads that may come without a new request (a live ticker) or from a page that stayed
     * open while an admin removed the person or lowered their role, where the role the session
     * carries may be stale. Costs one indexed lookup for people; tokens answer from the principal.
     *
     * @throws AccessDeniedException nobody is signed in, no team is selected, or the role in the
     *                               team no longer includes {@code atLeast}
     */
    public PushdeckPrincipal recheck(Role atLeast) {
        PushdeckPrincipal me = require();
        if (me.teamId() == null) {
            throw new AccessDeniedException("no team selected");
        }
        Role role = me.kind() == PushdeckPrincipal.Kind.USER
                ? memberships.roleOf(me.id(), me.teamId()).orElse(null) : me.role();
        if (role == null || !role.includes(atLeast)) {
            throw new AccessDeniedException("no longer allowed in this team");
        }
        return role == me.role() ? me : me.inTeam(me.teamId(), role);
    }

    /** The caller's network address, as seen by the server (after trusted proxy headers). */
    public @Nullable String clientAddress() {
        return currentRequest().map(HttpServletRequest::getRemoteAddr).orElse(null);
    }

    /**
     * Makes {@code teamId} the session's current team. Only a person who is a member may
     * switch to it; anyone else gets {@link NotFoundException}, as if the team did not exist.
     */
    @Transactional
    public void switchTeam(UUID teamId) {
        PushdeckPrincipal me = require();
        Role role = memberships.roleOf(me.id(), teamId).orElseThrow(NotFoundException::new);
        users.rememberTeam(me.id(), teamId);
        replace(me.inTeam(teamId, role));
    }

    /**
     * Runs {@code work} on this thread as a member of a team, then restores whoever was
     * signed in. For trusted start-up code without a request (the demo seed): never call it
     * with ids taken from a request. Every service still checks the member's role.
     *
     * @throws NotFoundException the user does not exist or is not a member of the team
     */
    public <T> T callAs(UUID userId, UUID teamId, Supplier<T> work) {
        UserRepository.UserRow user = users.findById(userId).orElseThrow(NotFoundException::new);
        Role role = memberships.roleOf(userId, teamId).orElseThrow(NotFoundException::new);
        SecurityContext before = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new PushdeckAuthentication(new PushdeckPrincipal(PushdeckPrincipal.Kind.USER,
                user.id(), user.email(), user.displayName(), teamId, role, user.instanceAdmin())));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(before);
        }
    }

    /** Replaces the session's authentication, e.g. after a role change or team switch. */
    static void replace(PushdeckPrincipal principal) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new PushdeckAuthentication(principal));
        SecurityContextHolder.setContext(context);
        currentRequest().map(request -> request.getSession(false)).ifPresent(session -> session.setAttribute(
                HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context));
    }

    private static Optional<HttpServletRequest> currentRequest() {
        return Optional.ofNullable(RequestContextHolder.getRequestAttributes())
                .filter(ServletRequestAttributes.class::isInstance)
                .map(attributes -> ((ServletRequestAttributes) attributes).getRequest());
    }
}
