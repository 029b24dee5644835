package dev.pushdeck.security;

import dev.pushdeck.security.internal.SessionRepository;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Gives every signed-in browser session a row in {@code user_sessions} (at sign-in, whatever
 * the way of signing in: as a session-authentication step of the form, and from
 * {@link OidcSignIn} and {@link TwoFactorSignIn}, which put the principal in place themselves),
 * marks it closed when the servlet
 * container ends the session, and ends sessions on request: at once when the session lives on
 * this node, otherwise at its next request, when {@link MembershipRefreshFilter} finds its row
 * ended. See docs/decisions/027-sessions-that-end.md.
 *
 * <p>Thread-safe. Spring Boot registers it as the container's session listener.
 */
@Component
class SessionTracking implements SessionAuthenticationStrategy, HttpSessionListener {

    /** The HTTP session attribute holding the session's row id. */
    static final String ROW = "pushdeck.session-row";
    private static final String LAST_TOUCH = "pushdeck.session-touched";
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final int MAX_USER_AGENT = 400;

    private final SessionRepository sessions;
    private final Clock clock;
    /** This node's live sessions by row id, so ending one takes effect before its next request. */
    private final Map<UUID, HttpSession> local = new ConcurrentHashMap<>();

    SessionTracking(SessionRepository sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    /** The form's sign-in; other ways of signing in call {@link #signedIn} once the principal is in place. */
    @Override
    public void onAuthentication(Authentication authentication, HttpServletRequest request,
                                 HttpServletResponse response) {
        if (authentication.getPrincipal() instanceof PushdeckPrincipal person) {
            signedIn(person, request);
        }
    }

    /**
     * Opens the row of the session {@code request} belongs to (after its id was renewed), for a
     * person who has just signed in: by the form, by single sign-on, or by the two-factor step.
     */
    void signedIn(PushdeckPrincipal person, HttpServletRequest request) {
        if (person.kind() != PushdeckPrincipal.Kind.USER) {
            return;
        }
        HttpSession session = request.getSession();
        UUID row = sessions.open(person.id(), userAgent(request), request.getRemoteAddr());
        session.setAttribute(ROW, row);
        session.setAttribute(LAST_TOUCH, clock.instant());
        local.put(row, session);
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        rowOf(event.getSession()).ifPresent(row -> {
            local.remove(row);
            sessions.closed(row);
        });
    }

    /**
     * The person's standing for a request of {@code session}: empty when the person is gone
     * or the session was ended elsewhere, else whether they are an instance administrator.
     * Notes the session as seen, at most once a minute.
     */
    Optional<Boolean> standing(UUID userId, HttpSession session) {
        Optional<UUID> row = rowOf(session);
        Optional<SessionRepository.Standing> standing = sessions.standing(userId, row.orElse(null));
        if (standing.isEmpty() || standing.get().sessionEnded()) {
            return Optional.empty();
        }
        row.ifPresent(id -> touchNowAndThen(id, session));
        return Optional.of(standing.get().instanceAdmin());
    }

    /** The row of the session of the current request, if it is a signed-in browser session. */
    Optional<UUID> current() {
        return Optional.ofNullable(RequestContextHolder.getRequestAttributes())
                .filter(ServletRequestAttributes.class::isInstance)
                .map(attributes -> ((ServletRequestAttributes) attributes).getRequest().getSession(false))
                .flatMap(SessionTracking::rowOf);
    }

    /** Closes those of {@code rows} that live on this node now; others close at their next request. */
    void closeLocal(Collection<UUID> rows) {
        rows.forEach(row -> Optional.ofNullable(local.remove(row)).ifPresent(SessionTracking::invalidate));
    }

    private void touchNowAndThen(UUID row, HttpSession session) {
        Instant now = clock.instant();
        Object last = session.getAttribute(LAST_TOUCH);
        if (!(last instanceof Instant touched) || touched.plus(TOUCH_EVERY).isBefore(now)) {
            session.setAttribute(LAST_TOUCH, now);
            sessions.touch(row);
        }
    }

    private static Optional<UUID> rowOf(HttpSession session) {
        try {
            return Optional.ofNullable(session).map(s -> s.getAttribute(ROW)).map(UUID.class::cast);
        } catch (IllegalStateException invalidated) {
            return Optional.empty();
        }
    }

    private static void invalidate(HttpSession session) {
        try {
            session.invalidate();
        } catch (IllegalStateException alreadyGone) {
            // Ended meanwhile by the container or its owner.
        }
    }

    private static @Nullable String userAgent(HttpServletRequest request) {
        String agent = request.getHeader(HttpHeaders.USER_AGENT);
        return agent == null ? null : agent.substring(0, Math.min(agent.length(), MAX_USER_AGENT));
    }
}
