package dev.pushdeck.security;

import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.security.internal.Totp;
import dev.pushdeck.security.internal.TwoFactorRepository;
import dev.pushdeck.security.internal.TwoFactorRepository.TwoFactorRow;
import dev.pushdeck.shared.SecretTokens;
import dev.pushdeck.shared.error.ConflictException;
import dev.pushdeck.shared.error.ValidationException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Two-factor sign-in with an authenticator app (TOTP, RFC 6238) and ten one-time recovery
 * codes, for password accounts (docs/decisions/031-two-factor-sign-in.md). People manage
 * their own: set up, confirm with a code, new recovery codes, turn off with a code. The
 * secret is sealed under the master key ({@link SecretVault}); recovery codes are stored
 * hashed and shown once. Every code check is throttled like sign-ins (per person and per
 * address) and a code is accepted only once. Thread-safe; wrong codes answer
 * {@link ValidationException} on {@code code}, throttled ones too, with their own text. The
 * checks for sign-in, before there is a principal, are {@link SecondFactorCodes}'s; whether
 * someone has it on, {@link dev.pushdeck.security.memberships.TwoFactorStates}'s
 * (docs/decisions/059-trusted-callers-behind-named-interfaces.md).
 */
@Service
public class TwoFactorService {

    static final int RECOVERY_CODES = 10;
    private static final String ISSUER = "Pushdeck";
    private static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TwoFactorRepository factors;
    private final SecretVault vault;
    private final CurrentActor actor;
    private final AuditLog audit;
    private final SecondFactorCodes codes;

    TwoFactorService(TwoFactorRepository factors, SecretVault vault, CurrentActor actor, AuditLog audit,
                     SecondFactorCodes codes) {
        this.factors = factors;
        this.vault = vault;
        this.actor = actor;
        this.audit = audit;
        this.codes = codes;
    }

    /** The signed-in person's own status. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public TwoFactorStatus status() {
        UUID me = actor.require().id();
        return factors.confirmedAt(me).map(since -> new TwoFactorStatus(true, since, factors.unusedRecoveryCodes(me)))
                .orElse(new TwoFactorStatus(false, null, 0));
    }

    /**
     * Starts setting up (again): a fresh secret replaces any unconfirmed one.
     *
     * @throws ConflictException when two-factor sign-in is already on
     */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public TwoFactorEnrolment begin() {
        PushdeckPrincipal me = actor.require();
        factors.lock(me.id()).ifPresent(row -> {
            if (row.confirmedAt() != null) {
                throw new ConflictException("error.two-factor.already-on");
            }
            forget(me.id(), row);
        });
        byte[] secret = Totp.newSecret();
        factors.insert(me.id(), vault.put(me.id(), secret));
        String base32 = Totp.base32(secret);
        String label = URLEncoder.encode(ISSUER + ":" + me.name(), StandardCharsets.UTF_8).replace("+", "%20");
        return new TwoFactorEnrolment(base32, "otpauth://totp/" + label + "?secret=" + base32 + "&issuer=" + ISSUER
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=30");
    }

    /** Confirms the setup with a code from the app; answers the recovery codes, shown this once. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(noRollbackFor = ValidationException.class)
    public List<String> confirm(String code) {
        PushdeckPrincipal me = actor.require();
        TwoFactorRow row = factors.lock(me.id()).filter(r -> r.confirmedAt() == null)
                .orElseThrow(() -> new ConflictException("error.two-factor.not-started"));
        long step = codes.acceptedStep(me.id(), row, code, actor.clientAddress());
        factors.confirm(me.id(), step);
        audit.record("two-factor.enabled", me.name(), null);
        return newRecoveryCodes(me.id());
    }

    /** Replaces the recovery codes after a code from the app; answers the new ones, shown this once. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(noRollbackFor = ValidationException.class)
    public List<String> renewRecoveryCodes(String code) {
        PushdeckPrincipal me = actor.require();
        TwoFactorRow row = confirmedRow(me.id());
        factors.useStep(me.id(), codes.acceptedStep(me.id(), row, code, actor.clientAddress()));
        audit.record("two-factor.recovery-codes-renewed", me.name(), null);
        return newRecoveryCodes(me.id());
    }

    /** Turns two-factor sign-in off, with a code from the app or a recovery code. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(noRollbackFor = ValidationException.class)
    public void disable(String code) {
        PushdeckPrincipal me = actor.require();
        TwoFactorRow row = confirmedRow(me.id());
        if (codes.accepted(me.id(), row, code, actor.clientAddress()).isEmpty()) {
            throw SecondFactorCodes.wrongCode();
        }
        forget(me.id(), row);
        audit.record("two-factor.disabled", me.name(), null);
    }

    private TwoFactorRow confirmedRow(UUID userId) {
        return factors.lock(userId).filter(r -> r.confirmedAt() != null)
                .orElseThrow(() -> new ConflictException("error.two-factor.not-on"));
    }

    private List<String> newRecoveryCodes(UUID userId) {
        List<String> codes = new ArrayList<>();
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            String code = recoveryCode();
            codes.add(code);
            hashes.add(SecretTokens.sha256(code.replace("-", "")));
        }
        factors.replaceRecoveryCodes(userId, hashes);
        return codes;
    }

    /** Ten characters from an alphabet without look-alikes (about 49 bits), shown as xxxxx-xxxxx. */
    private static String recoveryCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            code.append(RECOVERY_ALPHABET.charAt(RANDOM.nextInt(RECOVERY_ALPHABET.length())));
        }
        return code.insert(5, '-').toString();
    }

    private void forget(UUID userId, TwoFactorRow row) {
        factors.delete(userId);
        vault.delete(userId, row.vaultSecretId());
    }
}
