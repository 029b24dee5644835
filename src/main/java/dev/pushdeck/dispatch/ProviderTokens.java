package dev.pushdeck.dispatch;

import dev.pushdeck.app.SigningMaterial;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Provider authentication tokens (JWT, ES256) for the APNs requests Pushy does not make
 * (broadcasts and channel management), one per token key: header {@code alg} ES256 and
 * {@code kid} the Key ID, claims {@code iss} the Team ID and {@code iat} the time it was issued
 * ("Establishing a token-based connection to APNs"). APNs refuses a token older than an hour
 * and one replaced more often than every twenty minutes, so each is reused for
 * {@link #REUSE} and made anew after that, or at once after APNs answered
 * ExpiredProviderToken for it. Signs with the JDK's own EC key (see {@link ApnsClients#jdkKey}).
 * Thread-safe; never logs a token.
 */
final class ProviderTokens {

    /** Between APNs' twenty minutes (refreshing more often is refused) and its hour (older is expired). */
    static final Duration REUSE = Duration.ofMinutes(40);
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private record Issued(String token, Instant at) {
    }

    private final Map<UUID, Issued> issued = new ConcurrentHashMap<>();
    private final Clock clock;

    ProviderTokens(Clock clock) {
        this.clock = clock;
    }

    /** The token to send with {@code key}'s requests now. */
    String token(SigningMaterial.SigningKey key) {
        Instant now = clock.instant();
        return issued.compute(key.credentialId(), (id, current) -> current != null
                && current.at().plus(REUSE).isAfter(now) && !current.at().isAfter(now) ? current
                : new Issued(sign(key, now), now)).token();
    }

    /** APNs answered ExpiredProviderToken for {@code token}: the next request gets a new one. */
    void expired(SigningMaterial.SigningKey key, String token) {
        issued.computeIfPresent(key.credentialId(), (id, current) -> current.token().equals(token) ? null : current);
    }

    /** A signed token issued at {@code at}. */
    static String sign(SigningMaterial.SigningKey key, Instant at) {
        String header = URL.encodeToString(("{\"alg\":\"ES256\",\"kid\":\"" + key.keyId() + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        String claims = URL.encodeToString(("{\"iss\":\"" + key.teamId() + "\",\"iat\":" + at.getEpochSecond() + "}")
                .getBytes(StandardCharsets.UTF_8));
        String signed = header + "." + claims;
        try {
            // JWS wants the raw r||s pair (IEEE P1363), not the DER sequence the JDK signs by default.
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(ApnsClients.jdkKey(key.privateKey()));
            signature.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a provider token with credential " + key.credentialId(), e);
        }
    }
}
