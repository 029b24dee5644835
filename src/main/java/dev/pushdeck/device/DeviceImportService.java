package dev.pushdeck.device;

import dev.pushdeck.app.AppService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.device.internal.CsvReader;
import dev.pushdeck.device.internal.DeviceRules;
import dev.pushdeck.device.internal.ImportChunks;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.shared.Messages;
import dev.pushdeck.shared.ValidationException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one CSV import engine, behind both the REST API and the console. The file is read
 * as a stream (memory stays bounded whatever its size), rows are validated one by one,
 * and valid rows are upserted in chunks, each chunk its own transaction: a crash or a cap
 * leaves the chunks written so far stored, and running the same file again is harmless
 * (unchanged rows are neither written nor counted). Within a chunk the last row for a
 * token wins; across chunks later rows overwrite earlier ones.
 *
 * <p>Up to {@code pushdeck.devices.import.writers} chunks (default 2) are written at once,
 * on separate connections, while the calling thread goes on reading: the database's index
 * maintenance, not parsing, is what an import waits for, and one backend uses one core.
 * Two chunks that share a token are never written at the same time, so the later row
 * still wins and concurrent writers never wait for each other's rows.
 *
 * <p>Header: {@code token,environment,tags,alias,locale,timezone} in any order, names
 * case-insensitive; only {@code token} is required; unknown columns (such as an export's
 * {@code status}) are ignored; a missing or empty environment means production. Columns
 * the file lacks are left unchanged on existing devices.
 *
 * <p>Runs on the calling thread, as the calling principal (EDITOR and up). A file that
 * is not usable at all fails with {@link ImportFailedException} before anything is stored.
 */
@Service
public class DeviceImportService {

    private final ImportChunks chunks;
    private final AppService apps;
    private final CurrentActor actor;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ImportLimits limits;

    /** Caps of one import; all configurable under {@code pushdeck.devices.import.*}. */
    public record ImportLimits(long maxBytes, long maxRows, int chunkSize, int maxErrors, int maxRecordChars,
                               int writers) {
    }

    DeviceImportService(ImportChunks chunks, AppService apps, CurrentActor actor, AuditLog audit,
                        TransactionTemplate transactions, Clock clock,
                        @Value("${pushdeck.devices.import.max-bytes:536870912}") long maxBytes,
                        @Value("${pushdeck.devices.import.max-rows:2000000}") long maxRows,
                        @Value("${pushdeck.devices.import.chunk-size:5000}") int chunkSize,
                        @Value("${pushdeck.devices.import.max-errors:100}") int maxErrors,
                        @Value("${pushdeck.devices.import.max-line-chars:65536}") int maxRecordChars,
                        @Value("${pushdeck.devices.import.writers:2}") int writers) {
        this.chunks = chunks;
        this.apps = apps;
        this.actor = actor;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
        this.limits = new ImportLimits(maxBytes, maxRows, chunkSize, maxErrors, maxRecordChars, Math.max(1, writers));
    }

    public ImportLimits limits() {
        return limits;
    }

    /**
     * Imports {@code csv} into the app's devices and reports the outcome; messages in the
     * report are in {@code locale}. {@code progress} is called on this thread after each
     * committed chunk. The stream is read to the end or to a cap, not closed.
     *
     * @throws ImportFailedException the file is not CSV text, lacks the token column, or is larger than allowed
     */
    @PreAuthorize("hasRole('EDITOR')")
    public ImportReport importCsv(UUID appId, InputStream csv, Locale locale, Consumer<ImportProgress> progress) {
        return importCsv(appId, csv, locale, progress, limits);
    }

    /** As {@link #importCsv(UUID, InputStream, Locale, Consumer)} with other caps; for tests, behind the public check. */
    ImportReport importCsv(UUID appId, InputStream csv, Locale locale, Consumer<ImportProgress> progress,
                           ImportLimits limits) {
        PushApp app = apps.get(appId);
        UUID tenant = actor.teamId();
        ImportReport report;
        // Inside a caller's transaction (the demo seed creates the app in the same one), other
        // connections cannot see what it has not committed: write every chunk on this thread.
        int writerCount = TransactionSynchronizationManager.isActualTransactionActive() ? 1 : limits.writers();
        try (ChunkWriters writers = new ChunkWriters(writerCount)) {
            report = new Run(tenant, app.id(), new CountingStream(csv, limits.maxBytes()), locale, progress, limits,
                    writers).execute();
        }
        transactions.executeWithoutResult(status -> audit.record("device.imported", app.name(),
                "imported=" + report.imported() + " updated=" + report.updated() + " rejected=" + report.rejected()
                        + (report.stoppedReason() == null ? "" : " stopped")));
        return report;
    }

    /** One import's state: the reader, the pending chunk, the counts. */
    private final class Run {
        private final UUID tenant;
        private final UUID app;
        private final CountingStream bytes;
        private final Locale locale;
        private final Consumer<ImportProgress> progress;
        private final ImportLimits limits;
        private final ChunkWriters writers;
        private final Map<String, ImportChunks.Row> pending = new LinkedHashMap<>();
        private final List<ImportReport.LineError> errors = new ArrayList<>();
        private Map<String, Integer> columns;
        private ImportChunks.Columns present;
        private long rows;
        private long lastLine = 1;
        private long imported;
        private long updated;
        private long rejected;

        Run(UUID tenant, UUID app, CountingStream bytes, Locale locale, Consumer<ImportProgress> progress,
            ImportLimits limits, ChunkWriters writers) {
            this.limits = limits;
            this.writers = writers;
            this.tenant = tenant;
            this.app = app;
            this.bytes = bytes;
            this.locale = locale;
            this.progress = progress;
        }

        ImportReport execute() {
            Reader text = new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
            CsvReader reader = new CsvReader(text, limits.maxRecordChars());
            String stopped = null;
            try {
                readHeader(reader.next());
                for (CsvReader.Record record = reader.next(); record != null; record = reader.next()) {
                    lastLine = record.line();
                    if (record.blank()) {
                        continue;
                    }
                    if (++rows > limits.maxRows()) {
                        rows--;
                        stopped = say("device.import.stopped.rows", record.line(), limits.maxRows());
                        break;
                    }
                    accept(record);
                }
            } catch (TooLargeException e) {
                failIfNothingRead(HttpStatus.PAYLOAD_TOO_LARGE, "device.import.too-large");
                stopped = say("device.import.stopped.size", megabytes());
            } catch (CharacterCodingException e) {
                failIfNothingRead(HttpStatus.UNPROCESSABLE_ENTITY, "device.import.not-csv");
                stopped = say("device.import.stopped.not-text", lastLine + 1);
            } catch (IOException e) {
                failIfNothingRead(HttpStatus.BAD_REQUEST, "device.import.read-failed");
                stopped = say("device.import.stopped.read", lastLine + 1);
            }
            flush();
            writers.finishAll(this::counted);
            return new ImportReport(imported, updated, rejected, List.copyOf(errors), stopped);
        }

        /** Before the header has been understood, a broken file is a failed import, not a report. */
        private void failIfNothingRead(HttpStatus status, String key) {
            if (columns == null) {
                throw new ImportFailedException(status, key, megabytes());
            }
        }

        private long megabytes() {
            return limits.maxBytes() / (1024 * 1024);
        }

        private void readHeader(CsvReader.Record header) {
            if (header == null || header.problem() != null) {
                throw new ImportFailedException(HttpStatus.UNPROCESSABLE_ENTITY, "device.import.not-csv");
            }
            Map<String, Integer> found = new HashMap<>();
            for (int i = 0; i < header.fields().size(); i++) {
                String name = header.fields().get(i).strip().toLowerCase(Locale.ROOT);
                if (found.putIfAbsent(name, i) != null && !name.isEmpty()) {
                    throw new ImportFailedException(HttpStatus.UNPROCESSABLE_ENTITY, "device.import.duplicate-column",
                            name);
                }
            }
            if (!found.containsKey("token")) {
                throw new ImportFailedException(HttpStatus.UNPROCESSABLE_ENTITY, "device.import.no-token-column",
                        preview(header.fields()));
            }
            columns = found;
            present = new ImportChunks.Columns(found.containsKey("tags"), found.containsKey("alias"),
                    found.containsKey("locale"), found.containsKey("timezone"));
        }

        private void accept(CsvReader.Record record) {
            if (record.problem() != null) {
                reject(record.line(), say("device.import.row." + record.problem().name().toLowerCase(Locale.ROOT)
                        .replace('_', '-'), limits.maxRecordChars()));
                return;
            }
            List<String> cells = record.fields();
            try {
                String token = DeviceToken.normalize(cell(cells, "token"));
                String env = cell(cells, "environment");
                Environment environment = env == null || env.isBlank() ? Environment.PRODUCTION : Environment.parse(env);
                DeviceFields fields = DeviceRules.normalize(new DeviceFields(
                        present.tags() ? DeviceRules.splitTags(cell(cells, "tags")) : null,
                        cell(cells, "alias"), cell(cells, "locale"), cell(cells, "timezone")));
                String key = environment.wire() + ':' + token;
                pending.remove(key);
                pending.put(key, new ImportChunks.Row(environment.wire(), token, fields.tags(), fields.alias(),
                        fields.locale(), fields.timeZone()));
                if (pending.size() >= limits.chunkSize()) {
                    flush();
                }
            } catch (ValidationException e) {
                ValidationException.FieldError first = e.errors().get(0);
                reject(record.line(), first.field() + ": " + first.message(locale));
            }
        }

        private String cell(List<String> cells, String column) {
            Integer index = columns.get(column);
            return index == null || index >= cells.size() ? null : cells.get(index);
        }

        private void reject(long line, String message) {
            rejected++;
            if (errors.size() < limits.maxErrors()) {
                errors.add(new ImportReport.LineError(line, message));
            }
        }

        private void flush() {
            if (pending.isEmpty()) {
                return;
            }
            List<ImportChunks.Row> chunk = new ArrayList<>(pending.values());
            Set<String> keys = new HashSet<>(pending.keySet());
            pending.clear();
            writers.submit(keys, () -> transactions.execute(status ->
                    chunks.upsert(tenant, app, present, chunk, clock.instant())), this::counted);
        }

        /** Called on the reading thread as each chunk's transaction has committed. */
        private void counted(ImportChunks.Counts counts) {
            imported += counts.inserted();
            updated += counts.updated();
            if (progress != null) {
                progress.accept(new ImportProgress(bytes.count, rows, imported, updated, rejected));
            }
        }

        private String say(String key, Object... args) {
            return Messages.get(locale, key, args);
        }
    }

    /**
     * The chunks of one import being written: at most {@code limit} at a time, each on a
     * thread of its own. Results are collected on the reading thread, oldest first.
     */
    private static final class ChunkWriters implements AutoCloseable {
        private record Written(Set<String> keys, Future<ImportChunks.Counts> counts) {
        }

        private final int limit;
        private final ExecutorService threads;
        private final Deque<Written> inFlight = new ArrayDeque<>();

        ChunkWriters(int limit) {
            this.limit = limit;
            AtomicInteger numbers = new AtomicInteger();
            this.threads = limit == 1 ? null : Executors.newFixedThreadPool(limit, work -> {
                Thread thread = new Thread(work, "device-import-" + numbers.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }

        /**
         * Waits for a free writer and for any chunk sharing a key with this one, then starts
         * it; with a single writer, writes it here and now.
         */
        void submit(Set<String> keys, Callable<ImportChunks.Counts> write, Consumer<ImportChunks.Counts> done) {
            if (threads == null) {
                done.accept(call(write));
                return;
            }
            while (inFlight.size() >= limit || inFlight.stream().anyMatch(w -> !Collections.disjoint(w.keys(), keys))) {
                finishOldest(done);
            }
            inFlight.addLast(new Written(keys, threads.submit(write)));
        }

        void finishAll(Consumer<ImportChunks.Counts> done) {
            while (!inFlight.isEmpty()) {
                finishOldest(done);
            }
        }

        private static ImportChunks.Counts call(Callable<ImportChunks.Counts> write) {
            try {
                return write.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private void finishOldest(Consumer<ImportChunks.Counts> done) {
            Written oldest = inFlight.removeFirst();
            try {
                done.accept(oldest.counts().get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("The import was interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        /** Lets chunks already started finish (their transactions are short), then frees the threads. */
        @Override
        public void close() {
            if (threads == null) {
                return;
            }
            threads.shutdown();
            try {
                threads.awaitTermination(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The start of a header that is not ours, shown so people see what was read. */
    private static String preview(List<String> fields) {
        String joined = String.join(",", fields).replaceAll("\\p{Cntrl}", "?");
        return joined.length() > 60 ? joined.substring(0, 60) + "…" : joined;
    }

    private static final class TooLargeException extends IOException {
    }

    /**
     * Counts bytes and hands out at most {@code max} of them; asked for more when more
     * exist, it fails, so every row within the cap is still read and imported.
     */
    private static final class CountingStream extends FilterInputStream {
        private final long max;
        private volatile long count;

        CountingStream(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (count >= max) {
                if (super.read() < 0) {
                    return -1;
                }
                throw new TooLargeException();
            }
            int n = super.read(buffer, offset, (int) Math.min(length, max - count));
            if (n > 0) {
                count += n;
            }
            return n;
        }

        /** Never promises bytes past the cap, so a decoder reading ahead stops there first. */
        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), Math.max(0, max - count));
        }

        @Override
        public void close() {
            // The caller owns the stream.
        }
    }
}
