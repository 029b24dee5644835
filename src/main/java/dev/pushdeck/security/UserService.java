package dev.pushdeck.security;

import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.security.internal.LoginThrottle;
import dev.pushdeck.security.internal.UserRepository;
import dev.pushdeck.security.internal.UserRepository.UserRow;
import dev.pushdeck.shared.SecretTokens;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.i18n.Messages;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * People who can sign in: creation, lookup, own password and language, instance
 * administrators. A password is only ever chosen by the person it belongs to (or by the
 * operator for the first owner): there is no way to set someone else's. Thread-safe.
 * Validation failures are {@link ValidationException}s naming the field; nothing is stored then.
 */
@Service
public class UserService {

    /** Shortest password accepted; long passphrases beat complexity rules. */
    public static final int MIN_PASSWORD_LENGTH = 10;
    /** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently cut. */
    private static final int MAX_PASSWORD_BYTES = 72;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}$");

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final CurrentActor actor;
    private final AuditLog audit;
    private final LoginThrottle throttle;
    private final AccountSessions sessions;

    UserService(UserRepository users, PasswordEncoder encoder, CurrentActor actor, AuditLog audit,
                LoginThrottle throttle, AccountSessions sessions) {
        this.users = users;
        this.encoder = encoder;
        this.actor = actor;
        this.audit = audit;
        this.throttle = throttle;
        this.sessions = sessions;
    }

    public Optional<UserAccount> findByEmail(String email) {
        return users.findByEmail(email.trim()).map(UserService::account);
    }

    public UserAccount get(UUID id) {
        return users.findById(id).map(UserService::account).orElseThrow(NotFoundException::new);
    }

    /** The signed-in person's own account. */
    public UserAccount me() {
        return get(actor.require().id());
    }

    /**
     * Creates a person with a password they chose themselves: someone accepting an invitation,
     * or the first owner named by the operator. Never call it with a password chosen by
     * anyone else; callers check who may do this.
     *
     * @param language the person's language tag (the console and mails use it), or null to follow
     *                 their browser until they choose one (decision 041)
     * @throws ValidationException for a malformed email, a short password, or an email already in use
     */
    @Transactional
    public UserAccount create(String email, @Nullable String displayName, String password, @Nullable String language,
                              boolean instanceAdmin) {
        String normalized = checkEmail(email);
        if (users.findByEmail(normalized).isPresent()) {
            throw new ValidationException("email", "error.email.taken");
        }
        checkPassword("password", password);
        String name = displayName == null || displayName.isBlank() ? normalized.substring(0, normalized.indexOf('@'))
                : displayName.trim();
        if (name.length() > 200) {
            throw new ValidationException("displayName", "error.too-long", 200);
        }
        // Without a language the console follows the browser until the person picks one (decision 041).
        String tag = language == null ? null : Messages.supported(Locale.forLanguageTag(language)).toLanguageTag();
        UUID id = users.insert(normalized, name, encoder.encode(password), tag, instanceAdmin);
        return get(id);
    }

    /**
     * Creates a person who signs in by single sign-on: their password is a random secret
     * nobody knows, so the password form does not admit them unless they choose a password
     * themselves through a reset link mailed to them. Callers ({@link SsoAccounts}) have
     * decided that they may have an account.
     *
     * @throws ValidationException for a malformed email or one already in use
     */
    @Transactional
    public UserAccount createForSingleSignOn(String email, String displayName) {
        return create(email, displayName, SecretTokens.mint("sso_").token(), null, false);
    }

    /**
     * The trimmed email when it looks like an address.
     *
     * @throws ValidationException on field {@code email} otherwise
     */
    public static String checkEmail(@Nullable String email) {
        String normalized = email == null ? "" : email.trim();
        if (!EMAIL.matcher(normalized).matches()) {
            throw new ValidationException("email", "error.email.invalid");
        }
        return normalized;
    }

    /**
     * Changes the signed-in person's password after checking the current one, and ends every
     * other session of theirs. Wrong current passwords count towards the sign-in throttle
     * (per account and address), so this page is no way around it.
     *
     * @return how many other sessions were ended
     */
    @Transactional(noRollbackFor = ValidationException.class)
    public int changeOwnPassword(String currentPassword, String newPassword) {
        UserRow me = users.findById(actor.require().id()).orElseThrow(NotFoundException::new);
        String address = actor.clientAddress();
        if (throttle.isBlocked(me.email(), address)) {
            throttle.failed(me.email(), address);
            throw new ValidationException("currentPassword", "error.password.throttled");
        }
        if (currentPassword == null || !encoder.matches(currentPassword, me.passwordHash())) {
            throttle.failed(me.email(), address);
            throw new ValidationException("currentPassword", "error.password.current-wrong");
        }
        checkPassword("newPassword", newPassword);
        users.updatePassword(me.id(), encoder.encode(newPassword));
        int ended = sessions.endAllBut(me.id(), sessions.current().orElse(null), "password-changed");
        audit.record("user.password-changed", me.email(), ended + " other session(s) ended");
        return ended;
    }

    /** Sets a password chosen through a reset link, ending every session. The caller checked the link. */
    void resetPassword(UUID userId, String newPassword) {
        checkPassword("password", newPassword);
        users.updatePassword(userId, encoder.encode(newPassword));
        sessions.endAllBut(userId, null, "password-reset");
    }

    /** Stores the signed-in person's preferred language (a supported language tag). */
    @Transactional
    public void setOwnLanguage(Locale locale) {
        users.updateLanguage(actor.require().id(), Messages.supported(locale).toLanguageTag());
    }

    /**
     * Makes the person with this email an instance administrator, who may create teams.
     *
     * @throws ValidationException when no account has this email
     */
    @Transactional
    @PreAuthorize("hasRole('INSTANCE_ADMIN')")
    public void promoteToInstanceAdmin(@Nullable String email) {
        UserAccount user = findByEmail(email == null ? "" : email)
                .orElseThrow(() -> new ValidationException("email", "error.email.unknown"));
        users.updateInstanceAdmin(user.id(), true);
        audit.record("user.promoted-instance-admin", user.email(), null);
    }

    public boolean anyUserExists() {
        return users.count() > 0;
    }

    static void checkPassword(String field, String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new ValidationException(field, "error.password.too-short", MIN_PASSWORD_LENGTH);
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new ValidationException(field, "error.password.too-long", MAX_PASSWORD_BYTES);
        }
    }

    private static UserAccount account(UserRow row) {
        return new UserAccount(row.id(), row.email(), row.displayName(), row.language(), row.instanceAdmin(),
                row.createdAt());
    }
}
