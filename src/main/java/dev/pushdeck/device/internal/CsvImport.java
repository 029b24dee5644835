package dev.pushdeck.device.internal;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.DeviceToken;
import dev.pushdeck.device.ImportFailedException;
import dev.pushdeck.device.ImportLimits;
import dev.pushdeck.device.ImportProgress;
import dev.pushdeck.device.ImportReport;
import dev.pushdeck.shared.error.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The CSV import engine behind {@link dev.pushdeck.device.DeviceImportService}. The file is
 * read as a stream with {@link CsvReader} (memory stays bounded whatever its size), rows are
 * validated one by one, and valid rows are upserted by {@link ImportChunkRepository} in chunks, each
 * chunk its own transaction (or part of the caller's). Within a chunk the last row for a
 * token wins; across chunks later rows overwrite earlier ones. With more than one writer,
 * the calling thread goes on reading while {@link ChunkWriters} write: the database's index
 * maintenance, not parsing, is what an import waits for, and one backend uses one core.
 *
 * <p>Checks no role and takes the team as given: the facade does both. Stateless; each call
 * runs on the calling thread.
 */
@Component
public class CsvImport {

    /** Why a run's columns are known when a row is read: the header comes first. */
    private static final String HEADER_READ = "rows are read once the header was";

    private final ImportChunkRepository chunks;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CsvImport(ImportChunkRepository chunks, TransactionTemplate transactions, Clock clock) {
        this.chunks = chunks;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Imports {@code csv} into the app's devices with {@code writers} chunks written at once
     * (one: on this thread, inside the caller's transaction if there is one). {@code progress}
     * is called on this thread after each committed chunk. The stream is not closed.
     *
     * @throws ImportFailedException the file is not CSV text, lacks the token column, or is larger than allowed
     */
    public ImportReport run(UUID tenant, UUID app, InputStream csv, @Nullable Consumer<ImportProgress> progress,
                            ImportLimits limits, int writers) {
        try (ChunkWriters chunkWriters = new ChunkWriters(writers)) {
            return new Run(tenant, app, new CappedStream(csv, limits.maxBytes()), progress, limits, chunkWriters)
                    .execute();
        }
    }

    /** One import's state: the reader, the pending chunk, the counts. */
    private final class Run {
        private final UUID tenant;
        private final UUID app;
        private final CappedStream bytes;
        private final @Nullable Consumer<ImportProgress> progress;
        private final ImportLimits limits;
        private final ChunkWriters writers;
        private final Map<String, ImportChunkRepository.Row> pending = new LinkedHashMap<>();
        private final List<ImportReport.LineError> errors = new ArrayList<>();
        /** Set once the header was understood; until then a broken file fails the import. */
        private @Nullable Map<String, Integer> columns;
        private ImportChunkRepository.@Nullable Columns present;
        private long rows;
        private long lastLine = 1;
        private long imported;
        private long updated;
        private long rejected;

        Run(UUID tenant, UUID app, CappedStream bytes, @Nullable Consumer<ImportProgress> progress, ImportLimits limits,
            ChunkWriters writers) {
            this.tenant = tenant;
            this.app = app;
            this.bytes = bytes;
            this.progress = progress;
            this.limits = limits;
            this.writers = writers;
        }

        ImportReport execute() {
            Reader text = new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
            CsvReader reader = new CsvReader(text, limits.maxRecordChars());
            ImportReport.@Nullable Reason stopped = null;
            try {
                readHeader(reader.next());
                for (CsvReader.Record record = reader.next(); record != null; record = reader.next()) {
                    lastLine = record.line();
                    if (record.blank()) {
                        continue;
                    }
                    if (++rows > limits.maxRows()) {
                        rows--;
                        stopped = new ImportReport.Reason("device.import.stopped.rows", record.line(),
                                limits.maxRows());
                        break;
                    }
                    accept(record);
                }
            } catch (CappedStream.TooLarge e) {
                failIfNothingRead(HttpStatus.PAYLOAD_TOO_LARGE, "device.import.too-large");
                stopped = new ImportReport.Reason("device.import.stopped.size", limits.maxMegabytes());
            } catch (CharacterCodingException e) {
                failIfNothingRead(HttpStatus.UNPROCESSABLE_ENTITY, "device.import.not-csv");
                stopped = new ImportReport.Reason("device.import.stopped.not-text", lastLine + 1);
            } catch (IOException e) {
                failIfNothingRead(HttpStatus.BAD_REQUEST, "device.import.read-failed");
                stopped = new ImportReport.Reason("device.import.stopped.read", lastLine + 1);
            }
            flush();
            writers.finishAll(this::counted);
            return new ImportReport(imported, updated, rejected, errors, stopped);
        }

        /** Before the header has been understood, a broken file is a failed import, not a report. */
        private void failIfNothingRead(HttpStatus status, String key) {
            if (columns == null) {
                throw new ImportFailedException(status, key, limits.maxMegabytes());
            }
        }

        private void readHeader(CsvReader.@Nullable Record header) {
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
            present = new ImportChunkRepository.Columns(found.containsKey("tags"), found.containsKey("alias"),
                    found.containsKey("locale"), found.containsKey("timezone"));
        }

        private void accept(CsvReader.Record record) {
            if (record.problem() != null) {
                reject(record.line(), null, new ImportReport.Reason("device.import.row."
                        + record.problem().name().toLowerCase(Locale.ROOT).replace('_', '-'), limits.maxRecordChars()));
                return;
            }
            List<String> cells = record.fields();
            try {
                String token = DeviceToken.normalize(cell(cells, "token"));
                String env = cell(cells, "environment");
                ApnsEnvironment environment = env == null || env.isBlank() ? ApnsEnvironment.PRODUCTION
                        : ApnsEnvironment.parse(env);
                DeviceFields fields = DeviceRules.normalize(new DeviceFields(
                        present().tags() ? DeviceRules.splitTags(cell(cells, "tags")) : null,
                        cell(cells, "alias"), cell(cells, "locale"), cell(cells, "timezone")));
                String key = environment.wire() + ':' + token;
                pending.remove(key);
                pending.put(key, new ImportChunkRepository.Row(environment, token, fields.tags(), fields.alias(),
                        fields.locale(), fields.timeZone()));
                if (pending.size() >= limits.chunkSize()) {
                    flush();
                }
            } catch (ValidationException e) {
                ValidationException.FieldError first = e.errors().get(0);
                reject(record.line(), first.field(), new ImportReport.Reason(first.key(), first.args()));
            }
        }

        private @Nullable String cell(List<String> cells, String column) {
            Integer index = Objects.requireNonNull(columns, HEADER_READ).get(column);
            return index == null || index >= cells.size() ? null : cells.get(index);
        }

        /** Which optional columns the file has; rows are only read once the header was. */
        private ImportChunkRepository.Columns present() {
            return Objects.requireNonNull(present, HEADER_READ);
        }

        private void reject(long line, @Nullable String column, ImportReport.Reason reason) {
            rejected++;
            if (errors.size() < limits.maxErrors()) {
                errors.add(new ImportReport.LineError(line, column, reason));
            }
        }

        private void flush() {
            if (pending.isEmpty()) {
                return;
            }
            List<ImportChunkRepository.Row> chunk = new ArrayList<>(pending.values());
            Set<String> keys = new HashSet<>(pending.keySet());
            pending.clear();
            writers.submit(keys, () -> transactions.execute(status ->
                    chunks.upsert(tenant, app, present(), chunk, clock.instant())), this::counted);
        }

        /** Called on the reading thread as each chunk's transaction has committed. */
        private void counted(ImportChunkRepository.Counts counts) {
            imported += counts.inserted();
            updated += counts.updated();
            if (progress != null) {
                progress.accept(new ImportProgress(bytes.count(), rows, imported, updated, rejected));
            }
        }
    }

    /** The start of a header that is not ours, shown so people see what was read. */
    private static String preview(List<String> fields) {
        String joined = String.join(",", fields).replaceAll("\\p{Cntrl}", "?");
        return joined.length() > 60 ? joined.substring(0, 60) + "…" : joined;
    }
}
