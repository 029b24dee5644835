package dev.pushdeck.app;

import dev.pushdeck.app.internal.CredentialRepository;
import dev.pushdeck.app.internal.CredentialRepository.CredentialRow;
import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.shared.StoredReasons;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
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
 * several nodes and restarts give each warning once.
 */
@Component
class CredentialExpiryWatch implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CredentialExpiryWatch.class);
    private static final int[] THRESHOLD_DAYS = {1, 7, 30};
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private final CredentialRepository credentials;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transactions;

    CredentialExpiryWatch(CredentialRepository credentials, AuditLog audit, Clock clock,
                          PlatformTransactionManager transactionManager) {
        this.credentials = credentials;
        this.audit = audit;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
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
        byTeam.forEach((team, rows) -> transactions.executeWithoutResult(status -> check(team, rows, now)));
    }

    /** Checks one team as of {@code now} (tests move time for their own team only). */
    void checkTeam(UUID tenantId, Instant now) {
        List<CredentialRow> rows = credentials.endingBefore(now.plus(CredentialService.EXPIRY_WARNING)).stream()
                .filter(row -> row.tenantId().equals(tenantId)).toList();
        transactions.executeWithoutResult(status -> check(tenantId, rows, now));
    }

    private void check(UUID team, List<CredentialRow> endingSoon, Instant now) {
        Map<UUID, ActiveCredentials> activeByApp = endingSoon.stream().map(CredentialRow::appId).distinct()
                .collect(Collectors.toMap(app -> app, app -> new ActiveCredentials(credentials.list(team, app))));
        for (CredentialRow row : endingSoon) {
            Set<ApnsEnvironment> inUse = activeByApp.get(row.appId()).environmentsOf(row.id());
            if (!inUse.isEmpty()) {
                check(row, inUse, now);
            }
        }
    }

    private void check(CredentialRow row, Set<ApnsEnvironment> inUse, Instant now) {
        String target = row.environment() + " " + row.kind() + " " + row.fingerprintSha256().substring(0, 16);
        if (!row.notAfter().isAfter(now)) {
            if (credentials.noteWarning(row.id(), 0)) {
                String reason = StoredReasons.of("app.pause.expired", row.kind(),
                        row.fingerprintSha256().substring(0, 16), DAY.format(row.notAfter()));
                inUse.forEach(environment -> credentials.pause(row.tenantId(), row.appId(), environment.wire(),
                        reason));
                record(row, "credential.expired", target + ": " + StoredReasons.read(Locale.ENGLISH, reason));
            }
            return;
        }
        Duration left = Duration.between(now, row.notAfter());
        for (int days : THRESHOLD_DAYS) {
            if (left.compareTo(Duration.ofDays(days)) <= 0) {
                if (credentials.noteWarning(row.id(), days)) {
                    record(row, "credential.expiring", target + ": " + days + " " + (days == 1 ? "day" : "days")
                            + " left, ends " + DAY.format(row.notAfter()));
                }
                return;
            }
        }
    }

    /** The watch acts on its own, never on behalf of whoever happens to be signed in on this thread. */
    private void record(CredentialRow row, String action, String target) {
        audit.recordAs(row.tenantId(), "system", action, target, null);
    }
}
