package dev.pushdeck.tenancy;

import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.mail.MailOutcome;
import dev.pushdeck.mail.Mailer;
import dev.pushdeck.mail.PublicUrl;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.PushdeckPrincipal;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.UserAccount;
import dev.pushdeck.security.UserService;
import dev.pushdeck.shared.SecretTokens;
import dev.pushdeck.shared.error.ConflictException;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.i18n.Messages;
import dev.pushdeck.tenancy.internal.InvitationRepository;
import dev.pushdeck.tenancy.internal.InvitationRepository.InvitationRow;
import dev.pushdeck.tenancy.internal.TeamRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How people join a team: an admin invites an email with a role; the invitation is a
 * one-time link ({@code /invitation/pdi_...}, stored hashed, valid {@link #LIFETIME}) shown to
 * the admin once and mailed when mail is configured. Membership starts only when the holder
 * of the link accepts: a new person by choosing their own password, an existing person by
 * being signed in (by any means) as the account whose email the invitation names; or when
 * the invited person signs in by single sign-on with that email verified by the identity
 * provider ({@link SingleSignOnAccounts}), which accepts without the link. Nobody
 * sets another person's password, and inviting tells the admin nothing about whether the
 * email has an account (docs/decisions/026-invitations-and-reset-links.md).
 *
 * <p>Invite, renew, revoke and list act on the current team (ADMIN; only owners invite
 * owners); another team's invitation id answers {@link NotFoundException}. Mail goes out
 * after the invitation is committed; a mail server that is down only changes the
 * {@link MailOutcome} in the answer. Thread-safe.
 */
@Service
public class InvitationService {

    public static final String KIND = "pdi_";
    public static final Duration LIFETIME = Duration.ofDays(7);

    private final InvitationRepository invitations;
    private final TeamRepository teams;
    private final UserService users;
    private final CurrentActor actor;
    private final AuditLog audit;
    private final Mailer mailer;
    private final PublicUrl publicUrl;
    private final Clock clock;
    private final TransactionTemplate transactions;

    InvitationService(InvitationRepository invitations, TeamRepository teams, UserService users, CurrentActor actor,
                      AuditLog audit, Mailer mailer, PublicUrl publicUrl, Clock clock,
                      PlatformTransactionManager transactionManager) {
        this.invitations = invitations;
        this.teams = teams;
        this.users = users;
        this.actor = actor;
        this.audit = audit;
        this.mailer = mailer;
        this.publicUrl = publicUrl;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** A link made in a transaction, mailed once that transaction has committed. */
    record Issued(InvitationRow row, String link) {
    }

    /**
     * Invites {@code email} to the current team with {@code role}. The answer is the same
     * whether or not the email has an account.
     *
     * @throws ValidationException on {@code email} or {@code role}
     * @throws ConflictException   the person is already a member, or holds an open invitation
     *                             that has not expired (give it a new link instead)
     * @throws AccessDeniedException an admin inviting an owner
     */
    @PreAuthorize("hasRole('ADMIN')")
    public CreatedInvitation invite(@Nullable String email, Role role) {
        UUID team = actor.teamId();
        MemberService.requireMayAssign(actor.require(), role);
        String clean = UserService.checkEmail(email);
        return deliver(transactions.execute(status -> issue(team, clean, role)));
    }

    /** The current team's open invitations, newest first, expired ones flagged. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<Invitation> pending() {
        return invitations.listOpen(actor.teamId()).stream().map(this::invitation).toList();
    }

    /** A new link (and a new week) for an open invitation; the old link stops working. */
    @PreAuthorize("hasRole('ADMIN')")
    public CreatedInvitation renew(UUID id) {
        UUID team = actor.teamId();
        return deliver(transactions.execute(status -> {
            InvitationRow row = invitations.findOpen(team, id).orElseThrow(NotFoundException::new);
            MemberService.requireMayAssign(actor.require(), Role.valueOf(row.role()));
            SecretTokens.Minted minted = SecretTokens.mint(KIND);
            Instant expires = clock.instant().plus(LIFETIME);
            invitations.renew(team, id, minted.prefix(), minted.hash(), expires);
            audit.record("invitation.renewed", row.email(), row.role());
            InvitationRow renewed = invitations.findOpen(team, id).orElseThrow();
            return new Issued(renewed, link(minted));
        }));
    }

    /** Withdraws an open invitation: its link stops working at once. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void revoke(UUID id) {
        UUID team = actor.teamId();
        InvitationRow row = invitations.findOpen(team, id).orElseThrow(NotFoundException::new);
        MemberService.requireMayAssign(actor.require(), Role.valueOf(row.role()));
        invitations.revoke(team, id);
        audit.record("invitation.revoked", row.email(), row.role());
    }

    /** What a live link invites to; empty for a link that is unknown, used, revoked or expired. */
    @Transactional(readOnly = true)
    public Optional<InvitationDetails> open(String token) {
        return live(invitations::findOpenByPrefix, token).map(row -> new InvitationDetails(row.tenantId(),
                row.teamName(), row.email(), Role.valueOf(row.role()), row.invitedBy(), row.expiresAt()));
    }

    /**
     * Accepts a live invitation for the signed-in person, however they signed in, when their
     * account's email is the invited one. Someone who is already a member keeps their role.
     *
     * @return the team joined, to switch to
     * @throws ValidationException on {@code token} for a dead link
     * @throws ConflictException   the invitation names another email than the signed-in person's
     */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public Membership accept(String token) {
        PushdeckPrincipal me = actor.require();
        if (me.kind() != PushdeckPrincipal.Kind.USER) {
            throw new AccessDeniedException("only people accept invitations");
        }
        InvitationRow row = lockLive(token);
        UserAccount person = users.get(me.id());
        if (!person.email().equalsIgnoreCase(row.email())) {
            throw new ConflictException("error.invitation.other-person");
        }
        return acceptAs(person, row, "link");
    }

    /**
     * Accepts a live invitation by creating the invited person's account with the password
     * they choose now. The caller signs them in afterwards.
     *
     * @param language the person's language (the page's)
     * @throws ValidationException on {@code token} for a dead link, on {@code email} when the
     *                             email has an account already (sign in to accept), on
     *                             {@code password} or {@code displayName}
     */
    @Transactional
    public UserAccount acceptAsNewPerson(String token, String displayName, String password, Locale language) {
        InvitationRow row = lockLive(token);
        if (users.findByEmail(row.email()).isPresent()) {
            throw new ValidationException("email", "error.invitation.has-account");
        }
        UserAccount person = users.create(row.email(), displayName, password,
                Messages.supported(language).toLanguageTag(), false);
        acceptAs(person, row, "link, new account");
        return person;
    }

    /**
     * Whether a live invitation to {@code email} waits in any team: for single sign-on, where it
     * is a reason to give a person without an account one ({@link SingleSignOnAccounts}).
     */
    boolean awaits(String email) {
        return invitations.listOpenByEmail(email).stream().anyMatch(row -> !expired(row));
    }

    /**
     * Accepts every live invitation to {@code person}'s email, for someone who has just signed
     * in by single sign-on with that email verified by the identity provider: the provider
     * vouching for the address proves what opening the mailed link proves. Each is accepted
     * exactly as by link (same membership rule, same audit entry, marked as single sign-on).
     * Runs inside the caller's sign-in transaction, before anyone is signed in, so it checks no
     * role; only {@link SingleSignOnAccounts} calls it, and only with a verified email.
     *
     * @return the teams joined by invitation (a team the person already belonged to keeps their role)
     */
    List<Membership> acceptForVerifiedEmail(UserAccount person) {
        return invitations.lockOpenByEmail(person.email()).stream().filter(row -> !expired(row))
                .map(row -> acceptAs(person, row, "single sign-on")).toList();
    }

    /**
     * Makes an invitation in {@code team} inside the caller's transaction, without a role
     * check: for team creation, whose caller already checked it. Mail it with {@link #deliver}
     * after the commit.
     */
    Issued issue(UUID team, String email, Role role) {
        Optional<UUID> existing = users.findByEmail(email).map(UserAccount::id);
        if (existing.isPresent() && teams.roleOf(team, existing.get()).isPresent()) {
            throw new ConflictException("error.member.exists");
        }
        invitations.findOpenByEmail(team, email).ifPresent(open -> {
            if (!expired(open)) {
                throw new ConflictException("error.invitation.exists");
            }
            invitations.revoke(team, open.id());
        });
        SecretTokens.Minted minted = SecretTokens.mint(KIND);
        UUID id = invitations.insert(team, email, role.name(), inviterLanguage(), minted.prefix(), minted.hash(),
                actor.principal().map(PushdeckPrincipal::actorLabel).orElse("system"),
                clock.instant().plus(LIFETIME));
        audit.recordInTeam(team, "invitation.created", email, role.name());
        return new Issued(invitations.findOpen(team, id).orElseThrow(), link(minted));
    }

    /** Mails a committed invitation in the invitee's language (their account's, else the inviter's). */
    CreatedInvitation deliver(Issued issued) {
        InvitationRow row = issued.row();
        Locale language = Locale.forLanguageTag(users.findByEmail(row.email()).map(UserAccount::language)
                .orElse(row.language()));
        MailOutcome mail = mailer.send(row.email(), language, "mail.invitation.subject", "mail.invitation.body",
                row.teamName(), row.invitedBy(), Messages.get(language, Role.valueOf(row.role()).labelKey()),
                issued.link(), LIFETIME.toDays());
        return new CreatedInvitation(invitation(row), issued.link(), mail);
    }

    /**
     * The one acceptance every way in goes through: joins the team with the invited role (a
     * member keeps their role), marks the invitation accepted and audits it in that team.
     */
    private Membership acceptAs(UserAccount person, InvitationRow row, String way) {
        Optional<String> already = teams.roleOf(row.tenantId(), person.id());
        if (already.isEmpty()) {
            teams.insertMember(row.tenantId(), person.id(), row.role());
        }
        invitations.accept(row.id(), person.id());
        Role role = Role.valueOf(already.orElse(row.role()));
        audit.recordAs(row.tenantId(), person.email(), "invitation.accepted",
                person.email() + " (" + role + ", " + way + ")", actor.clientAddress());
        return new Membership(row.tenantId(), row.teamName(), role);
    }

    private InvitationRow lockLive(String token) {
        return live(invitations::lockOpenByPrefix, token)
                .orElseThrow(() -> new ValidationException("token", "error.invitation.invalid"));
    }

    private Optional<InvitationRow> live(Function<String, Optional<InvitationRow>> find, String token) {
        return SecretTokens.prefixOf(KIND, token).flatMap(find)
                .filter(row -> SecretTokens.matches(token, row.secretHash()))
                .filter(row -> !expired(row));
    }

    private boolean expired(InvitationRow row) {
        return !row.expiresAt().isAfter(clock.instant());
    }

    private String inviterLanguage() {
        return actor.principal().filter(me -> me.kind() == PushdeckPrincipal.Kind.USER)
                .flatMap(me -> users.findByEmail(me.name())).map(UserAccount::language).orElse("en");
    }

    private String link(SecretTokens.Minted minted) {
        return publicUrl.link("invitation/" + minted.token())
                .orElseThrow(() -> new IllegalStateException("no public URL for links outside a request"));
    }

    private Invitation invitation(InvitationRow row) {
        return new Invitation(row.id(), row.email(), Role.valueOf(row.role()), row.invitedBy(), row.createdAt(),
                row.expiresAt(), expired(row));
    }
}
