package dev.pushdeck.security;

import java.util.List;

/**
 * Someone the OpenID Connect provider has just authenticated, as far as Pushdeck is
 * concerned. Only a verified email is ever used to find an account.
 *
 * @param issuer        the provider's issuer URL
 * @param subject       the provider's stable id of the person
 * @param email         the email claim, or {@code null}
 * @param emailVerified the provider vouches for {@code email} (see {@code PUSHDECK_OIDC_EMAIL_VERIFIED_CLAIM})
 * @param displayName   the name claim, or {@code null}
 * @param groups        the values of the configured groups claim (empty without one)
 */
public record SsoPerson(String issuer, String subject, String email, boolean emailVerified, String displayName,
                        List<String> groups) {

    public SsoPerson {
        groups = List.copyOf(groups);
    }
}
