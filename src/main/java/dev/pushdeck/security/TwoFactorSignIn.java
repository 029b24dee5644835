package dev.pushdeck.security;

import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.security.internal.UserRepository;
import dev.pushdeck.security.internal.UserRepository.UserRow;
import dev.pushdeck.security.memberships.MembershipDirectory;
import dev.pushdeck.shared.error.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The second step of a password sign-in for people with two-factor sign-in on. The
 * password step leaves only a note in the HTTP session (who, when) and refuses the
 * sign-in; nobody is signed in until {@link #complete} accepts a code, so nothing but the
 * code page is reachable in between. The note lasts {@value #MINUTES} minutes. Works on the
 * calling request's session; thread-safe.
 */
@Component
public class TwoFactorSignIn {

    static final long MINUTES = 5;
    private static final String PENDING = TwoFactorSignIn.class.getName() + ".pending";
    /** The page that sent the person to sign in, saved there as for the form's own sign-in. */
    private static final RequestCache SAVED_REQUESTS = new HttpSessionRequestCache();

    private final SecondFactorCodes codes;
    private final UserRepository users;
    private final MembershipDirectory memberships;
    private final SessionTracking sessions;
    private final AuditLog audit;
    private final Clock clock;

    TwoFactorSignIn(SecondFactorCodes codes, UserRepository users, MembershipDirectory memberships,
                    SessionTracking sessions, AuditLog audit, Clock clock) {
        this.codes = codes;
        this.users = users;
        this.memberships = memberships;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
    }

    private record Pending(UUID userId, Instant since) implements Serializable {
    }

    /** The password step's refusal when a code is still needed; the login page then asks for it. */
    static final class SecondFactorRequired extends BadCredentialsException {
        SecondFactorRequired() {
            super("a second factor is required");
        }
    }

    /** Called by the password step once the password is right: notes who is half-way and refuses for now. */
    SecondFactorRequired require(UserRow user) {
        session(true).ifPresent(session -> session.setAttribute(PENDING, new Pending(user.id(), clock.instant())));
        return new SecondFactorRequired();
    }

    /** Whether this browser has given a right password in the last few minutes and owes a code. */
    public boolean awaitingCode() {
        return pending().isPresent();
    }

    /**
     * Checks the code (from the app, or a recovery code) and signs the person in:
     * {@code renewSession} must give the browser a new session id first (the caller knows
     * how: Vaadin keeps its own state in the session).
     *
     * @return where the browser goes now: the page that sent the person to sign in (such as
     *         an invitation to accept), as the form's sign-in does, else the start page
     * @throws ValidationException on {@code code}: wrong (the attempt counts towards the throttle), or throttled
     * @throws IllegalStateException when no sign-in is waiting for a code (expired: start again)
     */
    public String complete(String code, Runnable renewSession) {
        Pending pending = pending().orElseThrow(() -> new IllegalStateException("no sign-in awaits a code"));
        UserRow user = users.findById(pending.userId()).orElseThrow(IllegalStateException::new);
        String address = request().map(HttpServletRequest::getRemoteAddr).orElse(null);
        UUID auditTeam = memberships.defaultTeam(user.id(), user.lastTeamId()).orElse(null);
        Optional<SecondFactorCodes.SecondFactor> accepted;
        try {
            accepted = codes.verifyForSignIn(user.id(), code, address);
        } catch (ValidationException throttled) {
            audit.recordAs(auditTeam, user.email(), "login.throttled", user.email(), address);
            throw throttled;
        }
        if (accepted.isEmpty()) {
            audit.recordAs(auditTeam, user.email(), "login.two-factor-failed", user.email(), address);
            throw new ValidationException("code", "error.two-factor.code-wrong");
        }
        session(false).ifPresent(session -> session.removeAttribute(PENDING));
        renewSession.run();
        PushdeckPrincipal principal = SignedInPrincipal.of(user, memberships);
        CurrentActor.replace(principal);
        request().ifPresent(request -> sessions.signedIn(principal, request));
        audit.recordAs(principal.teamId(), user.email(), "login.succeeded", user.email()
                + (accepted.get() == SecondFactorCodes.SecondFactor.RECOVERY_CODE ? " (recovery code)" : ""), address);
        return request().map(TwoFactorSignIn::nextPage).orElse("/");
    }

    /** As the form's success handler: the saved request's URL, which the request cache then consumes. */
    private static String nextPage(HttpServletRequest request) {
        SavedRequest saved = SAVED_REQUESTS.getRequest(request, null);
        return saved == null ? request.getContextPath() + "/" : saved.getRedirectUrl();
    }

    private Optional<Pending> pending() {
        return session(false).map(session -> session.getAttribute(PENDING))
                .filter(Pending.class::isInstance).map(Pending.class::cast)
                .filter(p -> p.since().isAfter(clock.instant().minus(Duration.ofMinutes(MINUTES))));
    }

    private static Optional<HttpSession> session(boolean create) {
        return request().map(request -> request.getSession(create));
    }

    private static Optional<HttpServletRequest> request() {
        return Optional.ofNullable(RequestContextHolder.getRequestAttributes())
                .filter(ServletRequestAttributes.class::isInstance)
                .map(attributes -> ((ServletRequestAttributes) attributes).getRequest());
    }
}
