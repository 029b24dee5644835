package dev.pushdeck.security;

import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.security.internal.UserRepository;
import dev.pushdeck.security.internal.UserRepository.UserRow;
import dev.pushdeck.security.memberships.MembershipDirectory;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * Sign-in with OpenID Connect: after Spring Security has checked the ID token, the person
 * is matched to an account by verified email only ({@link SsoAccounts}), and the session
 * then carries the same {@link PushdeckPrincipal} a password sign-in gives. People without
 * a verified email or without access land on a page that says so; nothing is created for
 * them. Every outcome is audited. Thread-safe.
 */
@Component
class OidcSignIn extends OidcUserService {

    static final String NO_ACCESS = "no_access";
    static final String EMAIL_UNVERIFIED = "email_unverified";
    /** The email the provider named, for the no-access page (session attribute). */
    static final String REFUSED_EMAIL = OidcSignIn.class.getName() + ".email";

    private static final Logger log = LoggerFactory.getLogger(OidcSignIn.class);

    private final SingleSignOn settings;
    private final SsoAccounts accounts;
    private final UserRepository users;
    private final MembershipDirectory memberships;
    private final SessionTracking sessions;
    private final AuditLog audit;

    OidcSignIn(SingleSignOn settings, SsoAccounts accounts, UserRepository users, MembershipDirectory memberships,
               SessionTracking sessions, AuditLog audit) {
        this.settings = settings;
        this.accounts = accounts;
        this.users = users;
        this.memberships = memberships;
        this.sessions = sessions;
        this.audit = audit;
    }

    /** A provider's user that knows which Pushdeck account it signed in as. */
    static final class AccountOidcUser extends DefaultOidcUser {
        private final UUID accountId;

        AccountOidcUser(OidcUser user, UUID accountId) {
            super(user.getAuthorities(), user.getIdToken(), user.getUserInfo(), "sub");
            this.accountId = accountId;
        }
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = super.loadUser(request);
        SsoPerson person = personOf(user);
        if (person.email() == null || !person.emailVerified()) {
            refuse(person, EMAIL_UNVERIFIED);
        }
        UUID account = accounts.accountOf(person).orElseGet(() -> refuse(person, NO_ACCESS));
        return new AccountOidcUser(user, account);
    }

    private UUID refuse(SsoPerson person, String reason) {
        String who = person.email() == null ? person.subject() : person.email();
        UUID team = Optional.ofNullable(person.email()).flatMap(users::findByEmail)
                .flatMap(u -> memberships.defaultTeam(u.id(), u.lastTeamId())).orElse(null);
        audit.recordAs(team, who, "login.sso-refused", who + " (" + reason + ")", null);
        log.info("Single sign-on refused for {}: {}", who, reason);
        throw new OAuth2AuthenticationException(new OAuth2Error(reason), reason);
    }

    private SsoPerson personOf(OidcUser user) {
        Object verified = user.getClaims().get(settings.emailVerifiedClaim());
        return new SsoPerson(Objects.toString(user.getIssuer(), ""), user.getSubject(), user.getEmail(),
                Boolean.TRUE.equals(verified) || "true".equals(verified), user.getFullName(), groupsOf(user));
    }

    private List<String> groupsOf(OidcUser user) {
        if (settings.groupsClaim().isEmpty()) {
            return List.of();
        }
        Object claim = user.getClaims().get(settings.groupsClaim());
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return claim == null ? List.of() : List.of(String.valueOf(claim));
    }

    /** Replaces the provider's authentication with the account's principal, as a password sign-in has it. */
    void succeeded(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        UUID accountId = ((AccountOidcUser) authentication.getPrincipal()).accountId;
        UserRow user = users.findById(accountId).orElseThrow();
        PushdeckPrincipal principal = SignedInPrincipal.of(user, memberships);
        CurrentActor.replace(principal);
        // Tracked like a password sign-in, so a password change or "end session" reaches it too.
        sessions.signedIn(principal, request);
        request.getSession().setAttribute(SingleSignOn.SESSION_MARK, Boolean.TRUE);
        audit.recordAs(principal.teamId(), user.email(), "login.sso", user.email(), request.getRemoteAddr());
        response.sendRedirect(request.getContextPath() + "/");
    }

    /** No access and unverified emails get their own page; anything else (a provider error) the login page. */
    void failed(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        String code = failure instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode() : "";
        if (NO_ACCESS.equals(code) || EMAIL_UNVERIFIED.equals(code)) {
            response.sendRedirect(request.getContextPath() + "/sso/no-access?reason=" + code);
        } else {
            log.warn("Single sign-on failed: {}", failure.getMessage());
            response.sendRedirect(request.getContextPath() + "/login?sso-error");
        }
    }
}
