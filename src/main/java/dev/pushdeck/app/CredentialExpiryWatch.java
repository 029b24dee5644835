package dev.pushdeck.app;

import dev.pushdeck.app.internal.AppRepository;
import dev.pushdeck.app.internal.CredentialRepository;
import dev.pushdeck.app.internal.CredentialRepository.CredentialRow;
import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.mail.Mailer;
import dev.pushdeck.mail.PublicUrl;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.UserAccount;
import dev.pushdeck.security.UserService;
import dev.pushdeck.security.memberships.MembershipDirectory;
import dev.pushdeck.shared.i18n.Messages;
import dev.pushdeck.shared.i18n.StoredReasons;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Watches certificate expiry across all teams, at start-up and daily: a credential in use
 * gets one audit record when it comes within 30, 7 and 1 days of its end, and when it has
 * expired its environment is paused with the reason (the dispatcher then stops instead of
 * failing TLS handshakes). Each threshold is noted in the row with a guarded update, so
 * several nodes and restarts give each warning once. When mail is configured, each warning
 * is also mailed to the team's owners and admins, each in their own language, after the
 * team's transaction has committed (a mail server that is down loses the mail, not the warning).
 */
@Component
class CredentialExpiryWatch implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CredentialExpiryWatch.class);
    private static final int[] THRESHOLD_DAYS = {1, 7, 30};
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private final CredentialRepository credentials;
    private final AppRepository apps;
    private final AuditLog audit;
    private final MembershipDirectory memberships;
    private final UserService users;
    private final Mailer mailer;
    private final PublicUrl publicUrl;
    private final Clock clock;
    private final TransactionTemplate transactions;

    CredentialExpiryWatch(CredentialRepository credentials, AppRepository apps, AuditLog audit,
                          MembershipDirectory memberships, UserService users, Mailer mailer, PublicUrl publicUrl,
                          Clock clock, PlatformTransactionManager transactionManager) {
        this.credentials = credentials;
        this.apps = apps;
        this.audit = audit;
        this.memberships = memberships;
        this.users = users;
        this.mailer = mailer;
        this.publicUrl = publicUrl;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** A warning given in a team's transaction, to be mailed once it has committed. */
    private record Notice(UUID tenantId, UUID appId, EnvironmentCoverage environment, Instant notAfter, int daysLeft) {
    }

    @Override
    public void run(ApplicationArguments args) {
        daily();
    }

    @Scheduled(cron = "${pushdeck.credentials.expiry-check-cron:0 17 3 * * *}", zone = "UTC")
    void daily() {
        try {
            checkAll(clock.instant());
        } catch (RuntimeException e) {
            log.error("The credential expiry check failed; it runs again tomorrow", e);
        }
    }

    /** Checks every team's credentials as of {@code now}, one transaction per team. */
    void checkAll(Instant now) {
        Map<UUID, List<CredentialRow>> byTeam = credentials.endingBefore(now.plus(CredentialService.EXPIRY_WARNING))
                .stream().collect(Collectors.groupingBy(CredentialRow::tenantId));
        byTeam.forEach((team, rows) -> checkAndMail(team, rows, now));
    }

    /** Checks one team as of {@code now} (tests move time for their own team only). */
    void checkTeam(UUID tenantId, Instant now) {
        List<CredentialRow> rows = credentials.endingBefore(now.plus(CredentialService.EXPIRY_WARNING)).stream()
                .filter(row -> row.tenantId().equals(tenantId)).toList();
        checkAndMail(tenantId, rows, now);
    }

    private void checkAndMail(UUID team, List<CredentialRow> rows, Instant now) {
        List<Notice> notices = new ArrayList<>();
        transactions.executeWithoutResult(status -> check(team, rows, now, notices));
        notices.forEach(this::mail);
    }

    private void check(UUID team, List<CredentialRow> endingSoon, Instant now, List<Notice> notices) {
        Map<UUID, ActiveCredentials> activeByApp = endingSoon.stream().map(CredentialRow::appId).distinct()
                .collect(Collectors.toMap(app -> app, app -> new ActiveCredentials(credentials.list(team, app))));
        for (CredentialRow row : endingSoon) {
            ActiveCredentials active = Objects.requireNonNull(activeByApp.get(row.appId()), "every row's app is mapped");
            Set<ApnsEnvironment> inUse = active.environmentsOf(row.id());
            if (!inUse.isEmpty()) {
                check(row, inUse, now, notices);
            }
        }
    }

    private void check(CredentialRow row, Set<ApnsEnvironment> inUse, Instant now, List<Notice> notices) {
        Instant notAfter = Objects.requireNonNull(row.notAfter(), "only credentials with an end are ending soon");
        String target = row.environment().wire() + " " + row.kind() + " " + row.fingerprintSha256().substring(0, 16);
        if (!notAfter.isAfter(now)) {
            if (credentials.noteWarning(row.id(), 0)) {
                String reason = StoredReasons.of("app.pause.expired", row.kind(),
                        row.fingerprintSha256().substring(0, 16), DAY.format(notAfter));
                inUse.forEach(environment -> credentials.pause(row.tenantId(), row.appId(), environment, reason));
                record(row, "credential.expired", target + ": " + StoredReasons.read(Locale.ENGLISH, reason));
                notices.add(new Notice(row.tenantId(), row.appId(), row.environment(), notAfter, 0));
            }
            return;
        }
        Duration left = Duration.between(now, notAfter);
        for (int days : THRESHOLD_DAYS) {
            if (left.compareTo(Duration.ofDays(days)) <= 0) {
                if (credentials.noteWarning(row.id(), days)) {
                    record(row, "credential.expiring", target + ": " + days + " " + (days == 1 ? "day" : "days")
                            + " left, ends " + DAY.format(notAfter));
                    notices.add(new Notice(row.tenantId(), row.appId(), row.environment(), notAfter, days));
                }
                return;
            }
        }
    }

    /** Mails one warning to each owner and admin of the team, in their language. */
    private void mail(Notice notice) {
        if (!mailer.configured()) {
            return;
        }
        String app = apps.find(notice.tenantId(), notice.appId()).map(PushApp::name).orElse("?");
        String where = publicUrl.link("apps/" + notice.appId()).orElse("Pushdeck › Apps › " + app);
        boolean expired = notice.daysLeft() == 0;
        for (UUID person : memberships.membersWithRole(notice.tenantId(), Role.ADMIN)) {
            UserAccount recipient = users.get(person);
            Locale language = recipient.mailLanguage();
            mailer.send(recipient.email(), language, expired ? "mail.expired.subject" : "mail.expiring.subject",
                    expired ? "mail.expired.body" : "mail.expiring.body", app,
                    Messages.get(language, "env." + notice.environment().wire()), DAY.format(notice.notAfter()),
                    notice.daysLeft(), where);
        }
    }

    /** The watch acts on its own, never on behalf of whoever happens to be signed in on this thread. */
    private void record(CredentialRow row, String action, String target) {
        audit.recordAs(row.tenantId(), "system", action, target, null);
    }
}
