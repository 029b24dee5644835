package dev.pushdeck.security;

import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.mail.Mailer;
import dev.pushdeck.mail.PublicUrl;
import dev.pushdeck.security.internal.LoginThrottle;
import dev.pushdeck.security.internal.PasswordResetRepository;
import dev.pushdeck.security.internal.PasswordResetRepository.ResetRow;
import dev.pushdeck.security.internal.UserRepository;
import dev.pushdeck.security.internal.UserRepository.UserRow;
import dev.pushdeck.security.memberships.MembershipDirectory;
import dev.pushdeck.shared.SecretTokens;
import dev.pushdeck.shared.error.ConflictException;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.error.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Password resets by one-time link ({@code /reset/pdr_...}, stored hashed): mailed on request
 * from the login page when mail is configured, or made by an admin for a member and passed on
 * by hand. Using a link sets the password the person chooses and ends all their sessions; a
 * newer link or a use makes older links worthless. Every step is audited in the person's teams.
 *
 * <p>Who may make a link for someone else (docs/decisions/026-invitations-and-reset-links.md):
 * an instance administrator for anyone; a team admin for a member of their current team only
 * when they hold admin rights (owner rights for an owner) in every team that person belongs
 * to, and never for an instance administrator. Otherwise an admin of one team could take over
 * a person who also belongs to another team. Thread-safe.
 */
@Service
public class PasswordResets {

    public static final String KIND = "pdr_";
    /** A mailed link is short-lived: it sits in a mailbox. */
    public static final Duration MAILED_LIFETIME = Duration.ofHours(1);
    /** A link an admin makes must survive being passed on by hand. */
    public static final Duration MADE_LIFETIME = Duration.ofHours(24);
    /** At most one mailed link per person in this time, however often the page is used. */
    private static final Duration MAIL_PAUSE = Duration.ofMinutes(5);

    private final PasswordResetRepository resets;
    private final UserRepository users;
    private final UserService userService;
    private final MembershipDirectory memberships;
    private final CurrentActor actor;
    private final AuditLog audit;
    private final LoginThrottle throttle;
    private final Mailer mailer;
    private final PublicUrl publicUrl;
    private final Clock clock;

    PasswordResets(PasswordResetRepository resets, UserRepository users, UserService userService,
                   MembershipDirectory memberships, CurrentActor actor, AuditLog audit, LoginThrottle throttle,
                   Mailer mailer, PublicUrl publicUrl, Clock clock) {
        this.resets = resets;
        this.users = users;
        this.userService = userService;
        this.memberships = memberships;
        this.actor = actor;
        this.audit = audit;
        this.throttle = throttle;
        this.mailer = mailer;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /**
     * The login page's "forgot password": mails a link valid for {@link #MAILED_LIFETIME} when
     * the address has an account. The answer, and its timing (the mail is sent in the
     * background), are the same for every address.
     *
     * @throws ValidationException on {@code email} for something that is not an address
     */
    @Transactional
    public ForgotPasswordAnswer requestByMail(String email) {
        if (!mailer.configured()) {
            return ForgotPasswordAnswer.ASK_AN_ADMIN;
        }
        users.findByEmail(UserService.checkEmail(email)).ifPresent(this::mailLink);
        return ForgotPasswordAnswer.MAIL_ON_ITS_WAY_IF_KNOWN;
    }

    private void mailLink(UserRow user) {
        Instant now = clock.instant();
        if (resets.mailedSince(user.id(), now.minus(MAIL_PAUSE))) {
            return;
        }
        String link = issue(user.id(), "mail", MAILED_LIFETIME);
        memberships.teamsOf(user.id()).keySet().forEach(team -> audit.recordAs(team, user.email(),
                "password-reset.requested", user.email(), actor.clientAddress()));
        // No language yet means no preference: English (decision 041).
        Locale language = user.language() == null ? Locale.ENGLISH : Locale.forLanguageTag(user.language());
        mailer.sendAfterCommit(user.email(), language, "mail.reset.subject",
                "mail.reset.body", user.displayName(), link, MAILED_LIFETIME.toMinutes());
    }

    /**
     * Makes a link valid for {@link #MADE_LIFETIME} for a member of the current team, to be
     * passed on by hand. Older open links of the person stop working.
     *
     * @throws NotFoundException   the person is not a member of the current team
     * @throws ConflictException   only an instance administrator may do this for this person
     * @throws ValidationException on {@code user} for oneself (use the account page)
     */
    @PreAuthorize("hasRole('ADMIN') or hasRole('INSTANCE_ADMIN')")
    @Transactional
    public CreatedResetLink createFor(UUID userId) {
        PushdeckPrincipal me = actor.require();
        UserRow person = users.findById(userId).orElseThrow(NotFoundException::new);
        Map<UUID, Role> theirTeams = memberships.teamsOf(userId);
        if (!isInstanceAdminPerson(me)) {
            if (me.teamId() == null || !theirTeams.containsKey(me.teamId())) {
                throw new NotFoundException();
            }
            requireMayReset(me, person, theirTeams);
        }
        return made(person, theirTeams);
    }

    /**
     * An instance administrator's link for anyone, by email.
     *
     * @throws ValidationException on {@code email} when no account has it
     */
    @PreAuthorize("hasRole('INSTANCE_ADMIN')")
    @Transactional
    public CreatedResetLink createForEmail(String email) {
        UserRow person = users.findByEmail(UserService.checkEmail(email))
                .orElseThrow(() -> new ValidationException("email", "error.email.unknown"));
        return createFor(person.id());
    }

    /** The address a live link resets, for the page that opens it; empty for a used, expired or unknown link. */
    @Transactional(readOnly = true)
    public Optional<String> open(String token) {
        return live(resets::findByPrefix, token).flatMap(row -> users.findById(row.userId())).map(UserRow::email);
    }

    /**
     * Sets the password the person chose, uses up the link, and ends every session of theirs.
     *
     * @throws ValidationException on {@code token} for a used, expired or unknown link, on
     *                             {@code password} for a password that is too short or long
     */
    @Transactional
    public void complete(String token, String newPassword) {
        ResetRow row = live(resets::lockByPrefix, token)
                .orElseThrow(() -> new ValidationException("token", "error.reset.invalid"));
        UserRow person = users.findById(row.userId()).orElseThrow(NotFoundException::new);
        userService.resetPassword(person.id(), newPassword);
        resets.markUsed(row.id());
        resets.expireOpen(person.id());
        throttle.succeeded(person.email());
        memberships.teamsOf(person.id()).keySet().forEach(team -> audit.recordAs(team, person.email(),
                "password-reset.used", person.email(), actor.clientAddress()));
    }

    private CreatedResetLink made(UserRow person, Map<UUID, Role> theirTeams) {
        Instant expires = clock.instant().plus(MADE_LIFETIME);
        String link = issue(person.id(), actor.require().actorLabel(), MADE_LIFETIME);
        theirTeams.keySet().forEach(team -> audit.recordInTeam(team, "password-reset.link-created", person.email(),
                "valid " + MADE_LIFETIME.toHours() + " h"));
        return new CreatedResetLink(person.email(), link, expires);
    }

    private String issue(UUID userId, String createdBy, Duration lifetime) {
        resets.expireOpen(userId);
        SecretTokens.Minted minted = SecretTokens.mint(KIND);
        resets.insert(userId, minted.prefix(), minted.hash(), createdBy, clock.instant().plus(lifetime));
        return publicUrl.link("reset/" + minted.token())
                .orElseThrow(() -> new IllegalStateException("no public URL for links outside a request"));
    }

    /** A team admin acts for the whole person only when they hold the same power wherever the person belongs. */
    private void requireMayReset(PushdeckPrincipal me, UserRow person, Map<UUID, Role> theirTeams) {
        if (person.id().equals(me.id())) {
            throw new ValidationException("user", "error.reset.self");
        }
        boolean everywhere = theirTeams.entrySet().stream().allMatch(membership -> {
            Optional<Role> mine = roleOf(me, membership.getKey());
            return mine.isPresent() && mine.get().includes(Role.ADMIN)
                    && (membership.getValue() != Role.OWNER || mine.get() == Role.OWNER);
        });
        if (!everywhere || person.instanceAdmin()) {
            throw new ConflictException("error.reset.instance-admin-only");
        }
    }

    private Optional<Role> roleOf(PushdeckPrincipal me, UUID team) {
        if (me.kind() == PushdeckPrincipal.Kind.USER) {
            return memberships.roleOf(me.id(), team);
        }
        return team.equals(me.teamId()) ? Optional.ofNullable(me.role()) : Optional.empty();
    }

    private static boolean isInstanceAdminPerson(PushdeckPrincipal me) {
        return me.instanceAdmin() && me.kind() == PushdeckPrincipal.Kind.USER;
    }

    private Optional<ResetRow> live(java.util.function.Function<String, Optional<ResetRow>> find, String token) {
        Instant now = clock.instant();
        return SecretTokens.prefixOf(KIND, token).flatMap(find)
                .filter(row -> SecretTokens.matches(token, row.secretHash()))
                .filter(row -> row.usedAt() == null && row.expiresAt().isAfter(now));
    }
}
