package dev.pushdeck.audit;

import dev.pushdeck.audit.internal.AuditRepository;
import dev.pushdeck.shared.csv.CsvWriter;
import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends to and reads the audit log. Rows are never updated or deleted (the database
 * refuses it). Writes join the caller's transaction, so an action that rolls back leaves
 * no record of having happened. Thread-safe.
 */
@Service
public class AuditLog {

    private static final String SYSTEM = "system";

    static final int EXPORT_BATCH = 1000;
    static final List<String> EXPORT_COLUMNS = List.of("occurredAt", "actor", "action", "target", "details",
            "clientAddress");

    private final AuditRepository repository;
    private final AuditActorProvider actors;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    private final TransactionTemplate readOnly;

    AuditLog(AuditRepository repository, AuditActorProvider actors, Clock clock,
             PlatformTransactionManager transactionManager) {
        this.repository = repository;
        this.actors = actors;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
    }

    /** Records an action by the current principal in its current team. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String action, @Nullable String target, @Nullable String details) {
        recordInTeam(actors.teamId().orElse(null), action, target, details);
    }

    /** Records an action by the current principal in a given team (e.g. a team just created). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordInTeam(@Nullable UUID teamId, String action, @Nullable String target, @Nullable String details) {
        repository.insert(teamId, actors.actor(), action, target, details, actors.clientAddress());
    }

    /**
     * Records an action with an explicit actor, for events that happen before anyone is
     * signed in (sign-in attempts) or without a request (scheduled checks).
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public void recordAs(@Nullable UUID teamId, @Nullable String actor, String action, @Nullable String target, @Nullable String clientAddress) {
        repository.insert(teamId, actor == null ? SYSTEM : actor, action, target, null, clientAddress);
    }

    /** A page of the current team's log, newest first. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<AuditEntry> search(AuditFilter filter, int offset, int limit) {
        return search(filter, null, offset, limit);
    }

    /** As {@link #search(AuditFilter, int, int)}, older than {@code after} (a walk at constant cost per page). */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<AuditEntry> search(AuditFilter filter, @Nullable AuditPosition after, long offset, int limit) {
        return repository.search(team(), filter, after, Math.max(0, offset), Math.max(1, Math.min(limit, 500)));
    }

    /**
     * Allows an export of the team's log with a filter now (ADMINs); the export streams
     * when written, newest first, in batches that each read the log afresh, and then records
     * {@code audit.exported} with the row count and the filter in a transaction of its own
     * (as delivery exports do, docs/decisions/020-delivery-exports-audited-after-the-stream.md).
     * Write it on the thread of the request that asked, where the principal is known.
     */
    @PreAuthorize("hasRole('ADMIN')")
    public AuditExport export(AuditFilter filter) {
        UUID team = team();
        String name = "audit-" + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) + ".csv";
        return new AuditExport() {
            @Override
            public String fileName() {
                return name;
            }

            @Override
            public void writeTo(Writer out) throws IOException {
                writeCsv(team, filter, out);
            }
        };
    }

    private void writeCsv(UUID team, AuditFilter filter, Writer out) throws IOException {
        CsvWriter csv = new CsvWriter(out);
        long rows = 0;
        try {
            csv.write(EXPORT_COLUMNS);
            AuditPosition after = null;
            List<AuditEntry> batch;
            do {
                AuditPosition from = after;
                batch = readOnly.execute(status -> repository.search(team, filter, from, 0, EXPORT_BATCH));
                for (AuditEntry entry : batch) {
                    csv.write(Arrays.asList(entry.occurredAt().toString(), entry.actor(), entry.action(),
                            entry.target(), entry.details(), entry.clientAddress()));
                    rows++;
                }
                after = batch.isEmpty() ? after : AuditPosition.of(batch.get(batch.size() - 1));
            } while (batch.size() == EXPORT_BATCH);
            csv.flush();
        } catch (IOException | RuntimeException e) {
            recordExport(team, "interrupted after at most " + rows + " row(s); " + summary(filter), e);
            throw e;
        }
        recordExport(team, rows + " row(s); " + summary(filter), null);
    }

    private void recordExport(UUID team, String details, @Nullable Exception streamFailure) {
        try {
            ownTransaction.executeWithoutResult(status -> recordInTeam(team, "audit.exported", null, details));
        } catch (RuntimeException auditFailed) {
            if (streamFailure == null) {
                throw auditFailed;
            }
            streamFailure.addSuppressed(auditFailed);
        }
    }

    private static String summary(AuditFilter filter) {
        StringBuilder text = new StringBuilder();
        append(text, "action", filter.action());
        append(text, "actor", filter.actor());
        append(text, "from", filter.from());
        append(text, "to", filter.to());
        return text.isEmpty() ? "no filter" : text.toString().strip();
    }

    private static void append(StringBuilder text, String name, @Nullable Object value) {
        if (value != null && !value.toString().isBlank()) {
            text.append(' ').append(name).append('=').append(value);
        }
    }

    private UUID team() {
        return actors.teamId().orElseThrow(() -> new AccessDeniedException("no team selected"));
    }

    /** The action names that occur in the current team's log, for filter choices. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<String> actions() {
        return repository.actions(team());
    }
}
