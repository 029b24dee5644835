package dev.pushdeck.security;

import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How people sign in on this node: single sign-on with OpenID Connect when
 * {@code PUSHDECK_OIDC_ISSUER} is set, and email and password unless
 * {@code PUSHDECK_PASSWORD_LOGIN_ENABLED=false}. Settings: {@code pushdeck.oidc.issuer},
 * {@code client-id}, {@code client-secret}, {@code display-name}, {@code scopes},
 * {@code email-verified-claim}, {@code groups-claim}, {@code group-roles}. Immutable;
 * start-up fails when no way to sign in would be left.
 */
@Component
public class SingleSignOn {

    /** Where the browser goes to start a single sign-on (Spring Security's endpoint). */
    public static final String START_PATH = "/oauth2/authorization/" + SingleSignOn.REGISTRATION_ID;
    static final String REGISTRATION_ID = "pushdeck";
    /** Session attribute set when the session was signed in by single sign-on (the provider's MFA applies). */
    public static final String SESSION_MARK = SingleSignOn.class.getName() + ".signed-in";

    private final String issuer;
    private final String clientId;
    private final String clientSecret;
    private final String displayName;
    private final List<String> scopes;
    private final String emailVerifiedClaim;
    private final String groupsClaim;
    private final String groupRoles;
    private final boolean passwordLogin;

    SingleSignOn(@Value("${pushdeck.oidc.issuer:}") String issuer,
                 @Value("${pushdeck.oidc.client-id:}") String clientId,
                 @Value("${pushdeck.oidc.client-secret:}") String clientSecret,
                 @Value("${pushdeck.oidc.display-name:}") String displayName,
                 @Value("${pushdeck.oidc.scopes:openid,email,profile}") String scopes,
                 @Value("${pushdeck.oidc.email-verified-claim:email_verified}") String emailVerifiedClaim,
                 @Value("${pushdeck.oidc.groups-claim:}") String groupsClaim,
                 @Value("${pushdeck.oidc.group-roles:}") String groupRoles,
                 @Value("${pushdeck.password-login.enabled:true}") boolean passwordLogin) {
        this.issuer = issuer.trim();
        this.clientId = clientId.trim();
        this.clientSecret = clientSecret;
        this.displayName = displayName.trim();
        this.scopes = Arrays.stream(scopes.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        this.emailVerifiedClaim = emailVerifiedClaim.trim();
        this.groupsClaim = groupsClaim.trim();
        this.groupRoles = groupRoles;
        this.passwordLogin = passwordLogin;
        if (enabled() && this.clientId.isEmpty()) {
            throw new IllegalStateException("PUSHDECK_OIDC_ISSUER is set but PUSHDECK_OIDC_CLIENT_ID is not");
        }
        if (!passwordLogin && !enabled()) {
            throw new IllegalStateException("PUSHDECK_PASSWORD_LOGIN_ENABLED=false needs single sign-on:"
                    + " set PUSHDECK_OIDC_ISSUER, PUSHDECK_OIDC_CLIENT_ID and PUSHDECK_OIDC_CLIENT_SECRET");
        }
    }

    /** Whether single sign-on is configured. */
    public boolean enabled() {
        return !issuer.isEmpty();
    }

    /** Whether the email and password form is offered and accepted. */
    public boolean passwordLoginEnabled() {
        return passwordLogin;
    }

    /** The provider's name for the sign-in button, or empty for the generic wording. */
    public String displayName() {
        return displayName;
    }

    /** The raw {@code group-roles} setting: {@code group=team:ROLE} pairs, comma-separated. */
    public String groupRoles() {
        return groupRoles;
    }

    String issuer() {
        return issuer;
    }

    String clientId() {
        return clientId;
    }

    String clientSecret() {
        return clientSecret;
    }

    List<String> scopes() {
        return scopes;
    }

    String emailVerifiedClaim() {
        return emailVerifiedClaim;
    }

    String groupsClaim() {
        return groupsClaim;
    }
}
