package dev.pushdeck.security;

import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.security.internal.LoginThrottle;
import dev.pushdeck.security.internal.UserRepository;
import dev.pushdeck.security.internal.UserRepository.UserRow;
import dev.pushdeck.security.memberships.MembershipDirectory;
import dev.pushdeck.security.memberships.TwoFactorStates;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Email and password sign-in with throttling. A person with two-factor sign-in on is not
 * signed in by the password alone: {@link TwoFactorSignIn} asks for the code next. Every
 * refusal carries the same generic message, and an unknown email costs the same hashing time
 * as a wrong password, so neither the text nor the timing tells an attacker which accounts
 * exist. A successful sign-in's session is tracked by {@link SessionTracking}.
 */
@Component
class PasswordAuthenticationProvider implements AuthenticationProvider {

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final LoginThrottle throttle;
    private final MembershipDirectory memberships;
    private final AuditLog audit;
    private final SingleSignOn signIn;
    private final TwoFactorStates twoFactor;
    private final TwoFactorSignIn secondStep;
    private final String dummyHash;

    PasswordAuthenticationProvider(UserRepository users, PasswordEncoder encoder, LoginThrottle throttle,
                                   MembershipDirectory memberships, AuditLog audit, SingleSignOn signIn,
                                   TwoFactorStates twoFactor, TwoFactorSignIn secondStep) {
        this.users = users;
        this.signIn = signIn;
        this.twoFactor = twoFactor;
        this.secondStep = secondStep;
        this.encoder = encoder;
        this.throttle = throttle;
        this.memberships = memberships;
        this.audit = audit;
        this.dummyHash = encoder.encode("pushdeck-timing-equalizer");
    }

    @Override
    // A refusal must still leave its audit row behind.
    @Transactional(noRollbackFor = BadCredentialsException.class)
    public Authentication authenticate(Authentication request) {
        if (!signIn.passwordLoginEnabled()) {
            throw new BadCredentialsException("password sign-in is switched off");
        }
        String email = request.getName() == null ? "" : request.getName().trim();
        String password = request.getCredentials() == null ? "" : request.getCredentials().toString();
        String address = request.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
        Optional<UserRow> user = users.findByEmail(email);
        // Failed attempts on a known account show in that person's team's audit log.
        UUID auditTeam = user.flatMap(u -> memberships.defaultTeam(u.id(), u.lastTeamId())).orElse(null);
        if (throttle.isBlocked(email, address)) {
            throttle.failed(email, address);
            audit.recordAs(auditTeam, email, "login.throttled", email, address);
            throw new BadCredentialsException("sign-in refused");
        }
        boolean matches = encoder.matches(password, user.map(UserRow::passwordHash).orElse(dummyHash));
        if (user.isEmpty() || !matches) {
            throttle.failed(email, address);
            audit.recordAs(auditTeam, email, "login.failed", email, address);
            throw new BadCredentialsException("sign-in refused");
        }
        throttle.succeeded(email);
        if (twoFactor.enabled(user.get().id())) {
            throw secondStep.require(user.get());
        }
        PushdeckPrincipal principal = SignedInPrincipal.of(user.get(), memberships);
        audit.recordAs(principal.teamId(), user.get().email(), "login.succeeded", user.get().email(), address);
        return new PushdeckAuthentication(principal);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
