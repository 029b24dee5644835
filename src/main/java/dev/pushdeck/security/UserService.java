package dev.pushdeck.security;

import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.security.internal.UserRepository;
import dev.pushdeck.security.internal.UserRepository.UserRow;
import dev.pushdeck.shared.Messages;
import dev.pushdeck.shared.NotFoundException;
import dev.pushdeck.shared.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * People who can sign in: creation, lookup, own password and language, instance
 * administrators. Thread-safe. Validation failures are {@link ValidationException}s
 * naming the field; nothing is stored then.
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

    UserService(UserRepository users, PasswordEncoder encoder, CurrentActor actor, AuditLog audit) {
        this.users = users;
        this.encoder = encoder;
        this.actor = actor;
        this.audit = audit;
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
     * Creates a person. Callers (team and member services) check who may do this.
     *
     * @throws ValidationException for a malformed email, a short password, or an email already in use
     */
    @Transactional
    public UserAccount create(String email, String displayName, String password, boolean instanceAdmin) {
        String normalized = email == null ? "" : email.trim();
        if (!EMAIL.matcher(normalized).matches()) {
            throw new ValidationException("email", "error.email.invalid");
        }
        if (users.findByEmail(normalized).isPresent()) {
            throw new ValidationException("email", "error.email.taken");
        }
        checkPassword("password", password);
        String name = displayName == null || displayName.isBlank() ? normalized.substring(0, normalized.indexOf('@'))
                : displayName.trim();
        if (name.length() > 200) {
            throw new ValidationException("displayName", "error.too-long", 200);
        }
        // No language yet: the console follows the browser until the person picks one (decision 041).
        UUID id = users.insert(normalized, name, encoder.encode(password), null, instanceAdmin);
        return get(id);
    }

    /** Changes the signed-in person's password after checking the current one. */
    @Transactional
    public void changeOwnPassword(String currentPassword, String newPassword) {
        UserRow me = users.findById(actor.require().id()).orElseThrow(NotFoundException::new);
        if (currentPassword == null || !encoder.matches(currentPassword, me.passwordHash())) {
            throw new ValidationException("currentPassword", "error.password.current-wrong");
        }
        checkPassword("newPassword", newPassword);
        users.updatePassword(me.id(), encoder.encode(newPassword));
        audit.record("user.password-changed", me.email(), null);
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
    public void promoteToInstanceAdmin(String email) {
        UserAccount user = findByEmail(email == null ? "" : email)
                .orElseThrow(() -> new ValidationException("email", "error.email.unknown"));
        users.updateInstanceAdmin(user.id(), true);
        audit.record("user.promoted-instance-admin", user.email(), null);
    }

    public boolean anyUserExists() {
        return users.count() > 0;
    }

    private static void checkPassword(String field, String password) {
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
