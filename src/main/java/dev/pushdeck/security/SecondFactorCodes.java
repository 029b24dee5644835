package dev.pushdeck.security;

import dev.pushdeck.security.internal.LoginThrottle;
import dev.pushdeck.security.internal.Totp;
import dev.pushdeck.security.internal.TwoFactorRepository;
import dev.pushdeck.security.internal.TwoFactorRepository.TwoFactorRow;
import dev.pushdeck.shared.SecretTokens;
import dev.pushdeck.shared.error.ValidationException;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks second factors, throttled like sign-ins (per person and per address), each code accepted
 * only once: for the people's own {@link TwoFactorService} and for the sign-in step
 * ({@link TwoFactorSignIn}), which has no principal yet. Thread-safe; callers hold the person's row
 * locked in their transaction.
 */
@Component
class SecondFactorCodes {

    /** What a second factor was: a code from the app or a (now used) recovery code. */
    enum SecondFactor { APP, RECOVERY_CODE }

    private final TwoFactorRepository factors;
    private final SecretVault vault;
    private final LoginThrottle throttle;
    private final Clock clock;

    SecondFactorCodes(TwoFactorRepository factors, SecretVault vault, LoginThrottle throttle, Clock clock) {
        this.factors = factors;
        this.vault = vault;
        this.throttle = throttle;
        this.clock = clock;
    }

    /**
     * For sign-in: checks a code from the app or a recovery code (used up). No role check: the
     * caller has checked the password of {@code userId}.
     *
     * @return what was accepted, or empty for a wrong code
     * @throws ValidationException when too many wrong codes came lately
     */
    @Transactional(noRollbackFor = ValidationException.class)
    public Optional<SecondFactor> verifyForSignIn(UUID userId, String code, @Nullable String address) {
        return factors.lock(userId).filter(row -> row.confirmedAt() != null)
                .flatMap(row -> accepted(userId, row, code, address));
    }

    /** The kind of second factor {@code code} was, once accepted (a recovery code is used up); empty when wrong. */
    Optional<SecondFactor> accepted(UUID userId, TwoFactorRow row, String code, @Nullable String address) {
        requireNotThrottled(userId, address);
        String normalized = code == null ? "" : code.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s-]", "");
        if (normalized.length() > Totp.DIGITS) {
            if (factors.useRecoveryCode(userId, SecretTokens.sha256(normalized))) {
                return Optional.of(SecondFactor.RECOVERY_CODE);
            }
            throttle.failed(throttleKey(userId), address);
            return Optional.empty();
        }
        try {
            factors.useStep(userId, acceptedStep(userId, row, normalized, address));
            return Optional.of(SecondFactor.APP);
        } catch (ValidationException wrong) {
            return Optional.empty();
        }
    }

    /**
     * The time step of a right code from the app, not used before.
     *
     * @throws ValidationException on {@code code} when it is wrong, used already or throttled
     */
    long acceptedStep(UUID userId, TwoFactorRow row, String code, @Nullable String address) {
        requireNotThrottled(userId, address);
        byte[] secret = vault.get(userId, row.vaultSecretId()).orElseThrow(IllegalStateException::new);
        OptionalLong step = Totp.matchingStep(secret, code, clock.instant().getEpochSecond());
        if (step.isEmpty() || (row.lastUsedStep() != null && step.getAsLong() <= row.lastUsedStep())) {
            throttle.failed(throttleKey(userId), address);
            throw wrongCode();
        }
        throttle.succeeded(throttleKey(userId));
        return step.getAsLong();
    }

    private void requireNotThrottled(UUID userId, @Nullable String address) {
        if (throttle.isBlocked(throttleKey(userId), address)) {
            throw new ValidationException("code", "error.two-factor.throttled");
        }
    }

    private static String throttleKey(UUID userId) {
        return "2fa:" + userId;
    }

    static ValidationException wrongCode() {
        return new ValidationException("code", "error.two-factor.code-wrong");
    }
}
