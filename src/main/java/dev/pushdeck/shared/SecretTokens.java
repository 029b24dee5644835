package dev.pushdeck.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Bearer secrets: {@code KIND_} + 43 url-safe characters (256 random bits). The first
 * {@link #PREFIX_LENGTH} characters after the kind are a lookup key stored in clear; the
 * whole token is stored only as its SHA-256 hash and compared in constant time.
 */
public final class SecretTokens {

    public static final int PREFIX_LENGTH = 10;
    /** How precisely a token's last use is recorded (the repositories' touch SQL agrees). */
    public static final Duration LAST_USE_RESOLUTION = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretTokens() {
    }

    public record Minted(String token, String prefix, byte[] hash) {
    }

    public static Minted mint(String kind) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = kind + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new Minted(token, prefixOf(kind, token).orElseThrow(), sha256(token));
    }

    /** The lookup prefix of a presented token, if it has the right shape. */
    public static Optional<String> prefixOf(String kind, String token) {
        if (token == null || !token.startsWith(kind) || token.length() != kind.length() + 43) {
            return Optional.empty();
        }
        return Optional.of(token.substring(kind.length(), kind.length() + PREFIX_LENGTH));
    }

    public static boolean matches(String presented, byte[] storedHash) {
        return MessageDigest.isEqual(sha256(presented), storedHash);
    }

    /**
     * Whether a use at {@code now} should be written as the token's last use. Times are
     * kept to the minute, so a busy key costs one write a minute, not one per request.
     */
    public static boolean useWorthRecording(Instant lastUsedAt, Instant now) {
        return lastUsedAt == null || lastUsedAt.isBefore(now.minus(LAST_USE_RESOLUTION));
    }

    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
