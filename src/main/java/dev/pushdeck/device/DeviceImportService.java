package dev.pushdeck.device;

import dev.pushdeck.app.AppService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.device.internal.CsvImport;
import dev.pushdeck.security.CurrentActor;
import java.io.InputStream;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * CSV imports of devices, behind both the REST API and the console. The file is read as a
 * stream (memory stays bounded whatever its size), rows are validated one by one, and
 * valid rows are upserted in chunks: a crash or a cap leaves the chunks written so far
 * stored, and running the same file again is harmless (unchanged rows are neither written
 * nor counted). Later rows for a token overwrite earlier ones. Every import is audited.
 *
 * <p>Two modes, chosen by the caller: {@link #importCsv} writes each chunk in a
 * transaction of its own, up to {@code pushdeck.devices.import.writers} at once on separate
 * connections, and must not be called inside a transaction (other connections could not
 * see what it has not committed); {@link #importCsvInTransaction} writes every chunk on
 * the calling thread as part of the caller's transaction, for a caller that creates the
 * app in that same transaction (the demo seed).
 *
 * <p>Header: {@code token,environment,tags,alias,locale,timezone} in any order, names
 * case-insensitive; only {@code token} is required; unknown columns (such as an export's
 * {@code status}) are ignored; a missing or empty environment means production. Columns
 * the file lacks are left unchanged on existing devices. Caps are {@link ImportLimits}.
 *
 * <p>Runs on the calling thread, as the calling principal (EDITOR and up). A file that is
 * not usable at all fails with {@link ImportFailedException} before anything is stored;
 * rows refused and a stop at a cap are in the {@link ImportReport}, as message keys
 * (docs/decisions/047-imports-say-where-they-commit.md).
 */
@Service
@EnableConfigurationProperties(ImportLimits.class)
public class DeviceImportService {

    private final CsvImport engine;
    private final AppService apps;
    private final CurrentActor actor;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final ImportLimits limits;

    DeviceImportService(CsvImport engine, AppService apps, CurrentActor actor, AuditLog audit,
                        TransactionTemplate transactions, ImportLimits limits) {
        this.engine = engine;
        this.apps = apps;
        this.actor = actor;
        this.audit = audit;
        this.transactions = transactions;
        this.limits = limits;
    }

    public ImportLimits limits() {
        return limits;
    }

    /**
     * Imports {@code csv} into the app's devices, chunks committed one by one and written in
     * parallel, and reports the outcome. {@code progress} (may be null) is called on this
     * thread after each committed chunk. The stream is read to the end or to a cap, not closed.
     *
     * @throws ImportFailedException the file is not CSV text, lacks the token column, or is larger than allowed
     * @throws org.springframework.transaction.IllegalTransactionStateException called inside a transaction
     */
    @PreAuthorize("hasRole('EDITOR')")
    @Transactional(propagation = Propagation.NEVER)
    public ImportReport importCsv(UUID appId, InputStream csv, @Nullable Consumer<ImportProgress> progress) {
        return importCsv(appId, csv, progress, limits);
    }

    /** As {@link #importCsv(UUID, InputStream, Consumer)} with other caps; for tests, behind the public check. */
    @Transactional(propagation = Propagation.NEVER)
    ImportReport importCsv(UUID appId, InputStream csv, @Nullable Consumer<ImportProgress> progress,
                           ImportLimits limits) {
        return run(appId, csv, progress, limits, limits.writers());
    }

    /**
     * Imports {@code csv} as part of the caller's transaction, every chunk written on this
     * thread: what the import stores commits or rolls back with the caller's work.
     *
     * @throws ImportFailedException the file is not CSV text, lacks the token column, or is larger than allowed
     * @throws org.springframework.transaction.IllegalTransactionStateException called outside a transaction
     */
    @PreAuthorize("hasRole('EDITOR')")
    @Transactional(propagation = Propagation.MANDATORY)
    public ImportReport importCsvInTransaction(UUID appId, InputStream csv) {
        return run(appId, csv, null, limits, 1);
    }

    private ImportReport run(UUID appId, InputStream csv, @Nullable Consumer<ImportProgress> progress,
                             ImportLimits limits, int writers) {
        PushApp app = apps.get(appId);
        ImportReport report = engine.run(actor.teamId(), app.id(), csv, progress, limits, writers);
        transactions.executeWithoutResult(status -> audit.record("device.imported", app.name(),
                "imported=" + report.imported() + " updated=" + report.updated() + " rejected=" + report.rejected()
                        + (report.stoppedReason() == null ? "" : " stopped")));
        return report;
    }
}
