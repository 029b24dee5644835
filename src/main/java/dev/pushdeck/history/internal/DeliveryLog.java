package dev.pushdeck.history.internal;

import dev.pushdeck.dispatch.EngagementKind;
import dev.pushdeck.history.DeliveryEntry;
import dev.pushdeck.history.DeliveryFilter;
import dev.pushdeck.history.Engagement;
import dev.pushdeck.history.EngagementBucket;
import dev.pushdeck.history.OutcomeBucket;
import dev.pushdeck.history.SentWording;
import dev.pushdeck.history.TeamStats;
import dev.pushdeck.history.VariantOutcome;
import dev.pushdeck.history.internal.DeliveryLogRepository.RunBounds;
import dev.pushdeck.shared.csv.CsvWriter;
import dev.pushdeck.shared.error.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongConsumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What became of every send: the delivery log of a run, an app or a device, throughput
 * buckets, engagement, team statistics and CSV exports, read from the tables the dispatcher
 * writes (docs/decisions/052-the-delivery-log-read-by-history.md and
 * 009-stored-delivery-counters.md).
 *
 * <p>For trusted callers only: the tenant is passed explicitly and no role is checked, so it
 * lives in {@code internal} and only this module's role-checked services
 * ({@code DeliveryHistory}, {@code DeliveryExports}) call it, with the team of the principal. Another
 * team's run answers {@link NotFoundException}; another team's app or device simply has no
 * deliveries (check those ids with their own modules first). Thread-safe.
 *
 * <p>Pages are keyset pages over indexes (no counting): pass the last id seen. Counts and
 * buckets come from stored counters, so they stay after retention deleted old rows.
 */
@Service
public class DeliveryLog {

    private static final List<String> DELIVERY_COLUMNS = List.of("token", "status", "statusCode", "reason",
            "attempts", "apnsId", "lastAttemptAt", "acceptedAt", "appleTimestamp", "apnsUniqueId");
    /** The wording's columns come last in every export, so files read by position read as before they came. */
    private static final List<String> WORDING_COLUMNS = List.of("version", "language", "abTestGroup");
    /** The CSV columns of a run export; an app export adds {@code campaignId} before the wording's. */
    public static final List<String> EXPORT_COLUMNS = Stream.concat(DELIVERY_COLUMNS.stream(),
            WORDING_COLUMNS.stream()).toList();
    /** The longest page a list answers, whatever it asks for. */
    static final int MAX_PAGE = 500;
    /** Throughput charts get at most about this many bars; longer runs are summed into wider ones. */
    static final int MAX_BARS = 240;
    private static final int[] BAR_SECONDS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600,
            86400};

    private final DeliveryLogRepository history;
    private final QueueRepository queue;
    private final EngagementReads engagement;
    private final Wordings wordings;

    DeliveryLog(DeliveryLogRepository history, QueueRepository queue, EngagementReads engagement,
                Wordings wordings) {
        this.history = history;
        this.queue = queue;
        this.engagement = engagement;
        this.wordings = wordings;
    }

    /**
     * A page of a run's deliveries in id order after {@code afterId} (0 to start): final
     * outcomes and the deliveries still queued or in flight, merged.
     *
     * @throws NotFoundException the run is not the team's
     */
    // One snapshot for both reads: a delivery answered between them would be in neither.
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<DeliveryEntry> ofRun(UUID tenantId, UUID runId, @Nullable DeliveryFilter filter, long afterId,
                                     int limit) {
        RunBounds bounds = bounds(tenantId, runId);
        DeliveryFilter clean = orNone(filter);
        int size = pageSize(limit);
        List<DeliveryEntry> finals = clean.admitsFinal() ? history.ofRun(tenantId, bounds, clean, afterId, size)
                : List.of();
        List<DeliveryEntry> queued = queue.ofRun(tenantId, bounds, clean, afterId, size);
        return listed(tenantId, merge(finals, queued, size));
    }

    /**
     * A page of an app's final outcomes across its runs, newest first, before {@code beforeId}
     * ({@link Long#MAX_VALUE} to start). Deliveries still queued are listed on their run only.
     */
    @Transactional(readOnly = true)
    public List<DeliveryEntry> ofApp(UUID tenantId, UUID appId, @Nullable DeliveryFilter filter, long beforeId,
                                     int limit) {
        return listed(tenantId, history.ofApp(tenantId, appId, orNone(filter), beforeId,
                pageSize(limit)));
    }

    /**
     * A device's final outcomes across runs, newest first, before {@code beforeId}
     * ({@link Long#MAX_VALUE} to start). A delivery still queued appears once it has an outcome.
     */
    @Transactional(readOnly = true)
    public List<DeliveryEntry> ofDevice(UUID tenantId, UUID deviceId, long beforeId, int limit) {
        return listed(tenantId, history.ofDevice(tenantId, deviceId, beforeId, pageSize(limit)));
    }

    /**
     * How many of a run's deliveries the app reported received and opened (each once).
     *
     * @throws NotFoundException the run is not the team's
     */
    @Transactional(readOnly = true)
    public Engagement engagement(UUID tenantId, UUID runId) {
        bounds(tenantId, runId);
        Map<Character, Long> counts = engagement.counts(runId);
        return new Engagement(counts.getOrDefault(EngagementKind.RECEIVED.code(), 0L),
                counts.getOrDefault(EngagementKind.OPENED.code(), 0L));
    }

    /**
     * A run's outcomes, receipts and opens per content variant, the default first; empty for a run
     * without variants or before its first delivery (docs/decisions/055-content-per-language.md).
     *
     * @throws NotFoundException the run is not the team's
     */
    @Transactional(readOnly = true)
    public List<VariantOutcome> byVariant(UUID tenantId, UUID runId) {
        RunBounds bounds = bounds(tenantId, runId);
        Long first = bounds.firstId();
        Long last = bounds.lastId();
        return first == null || last == null ? List.of()
                : engagement.byVariant(runId, bounds.appId(), first, last);
    }

    /**
     * A run's receipts and opens over time by when they happened on the phones, in bars as wide as
     * {@link #throughput}'s rules make them for the events' own span. Empty before the first report.
     *
     * @throws NotFoundException the run is not the team's
     */
    @Transactional(readOnly = true)
    public List<EngagementBucket> engagementOverTime(UUID tenantId, UUID runId) {
        bounds(tenantId, runId);
        Instant[] span = engagement.span(runId);
        if (span == null) {
            return List.of();
        }
        int seconds = barSeconds(Duration.between(span[0], span[1]));
        return engagement.buckets(runId, seconds).stream().map(bar ->
                new EngagementBucket(Instant.ofEpochSecond(bar[0]), seconds, bar[1], bar[2])).toList();
    }

    /**
     * A page with the wording of each delivery of a run with variants ({@link Wordings}: one lookup
     * for the page's runs) and the app's reports of each delivery (one primary-key lookup per row);
     * nothing is read for an empty page.
     */
    private List<DeliveryEntry> listed(UUID tenantId, List<DeliveryEntry> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        List<DeliveryEntry> page = wordings.of(tenantId, rows);
        Map<Long, Instant[]> reports = engagement.ofDeliveries(tenantId, page.stream().map(DeliveryEntry::id).toList());
        if (reports.isEmpty()) {
            return page;
        }
        return page.stream().map(d -> {
            Instant[] both = reports.get(d.id());
            return both == null ? d : d.reported(both[0], both[1]);
        }).toList();
    }

    /**
     * A run's outcomes over time, oldest first: one bar per second for short runs, wider
     * bars (2 s, 5 s, 10 s, ... 1 day) so that a long run still has at most about
     * {@value #MAX_BARS}. Seconds without outcomes are left out. Empty before the first answer.
     *
     * @throws NotFoundException the run is not the team's
     */
    @Transactional(readOnly = true)
    public List<OutcomeBucket> throughput(UUID tenantId, UUID runId) {
        bounds(tenantId, runId);
        return history.span(runId)
                .map(span -> history.runBuckets(runId, barSeconds(Duration.between(span[0], span[1]))))
                .orElse(List.of());
    }

    /**
     * The team's outcomes since {@code since} (rounded down to the hour), with one bucket
     * per hour that had any. {@link TeamStats#sent()} is accepted + rejected + failed.
     */
    @Transactional(readOnly = true)
    public TeamStats stats(UUID tenantId, Instant since) {
        List<OutcomeBucket> hours = history.teamHours(tenantId, since);
        long accepted = 0;
        long rejected = 0;
        long failed = 0;
        long expired = 0;
        for (OutcomeBucket hour : hours) {
            accepted += hour.accepted();
            rejected += hour.rejected();
            failed += hour.failed();
            expired += hour.expired();
        }
        return new TeamStats(accepted + rejected + failed, accepted, rejected, failed, expired, hours);
    }

    /**
     * Writes a run's deliveries as CSV ({@link #EXPORT_COLUMNS}, RFC 4180, formula-safe; the version,
     * language and A/B test group are empty for a run without variants):
     * final outcomes in id order, then the deliveries still queued, streamed from database
     * cursors: memory stays flat at any size. Flushes {@code out} but does not close it.
     * Not audited here: the caller records the export once it ended (history's
     * {@code DeliveryExports}, docs/decisions/020-delivery-exports-audited-after-the-stream.md).
     *
     * @param written told the number of delivery rows written so far after each row, so a
     *                caller still knows how far an export got when it fails half way
     * @return the number of delivery rows written (the header not counted)
     * @throws NotFoundException    the run is not the team's (before anything is written)
     * @throws UncheckedIOException writing to {@code out} failed (e.g. the client went away)
     */
    // One snapshot for the log and the queue, as for a page (ofRun).
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public long exportRun(UUID tenantId, UUID runId, @Nullable DeliveryFilter filter, Writer out,
                          LongConsumer written) {
        RunBounds bounds = bounds(tenantId, runId);
        CsvExport export = new CsvExport(out, false, wordings.streaming(tenantId), written);
        DeliveryFilter clean = orNone(filter);
        if (clean.admitsFinal()) {
            history.streamRun(tenantId, bounds, clean, export);
        }
        queue.streamRun(tenantId, bounds, clean, export);
        return export.finish();
    }

    /**
     * Writes an app's final outcomes across runs as CSV, newest first, with a column
     * {@code campaignId} (the run id) before the wording's; otherwise as {@link #exportRun}.
     */
    @Transactional(readOnly = true)
    public long exportApp(UUID tenantId, UUID appId, @Nullable DeliveryFilter filter, Writer out,
                          LongConsumer written) {
        CsvExport export = new CsvExport(out, true, wordings.streaming(tenantId), written);
        history.streamApp(tenantId, appId, orNone(filter), export);
        return export.finish();
    }

    /** The smallest bar width that keeps a run of this length within {@link #MAX_BARS} bars. */
    static int barSeconds(Duration span) {
        long seconds = span.toSeconds() + 1;
        for (int width : BAR_SECONDS) {
            if (seconds <= (long) width * MAX_BARS) {
                return width;
            }
        }
        return BAR_SECONDS[BAR_SECONDS.length - 1];
    }

    private static int pageSize(int limit) {
        return Math.max(1, Math.min(limit, MAX_PAGE));
    }

    /** The first {@code size} of two id-ordered lists, in id order. */
    private static List<DeliveryEntry> merge(List<DeliveryEntry> a, List<DeliveryEntry> b, int size) {
        if (b.isEmpty()) {
            return a;
        }
        List<DeliveryEntry> merged = new ArrayList<>(Math.min(size, a.size() + b.size()));
        int i = 0;
        int j = 0;
        while (merged.size() < size && (i < a.size() || j < b.size())) {
            boolean fromA = j >= b.size() || (i < a.size() && a.get(i).id() < b.get(j).id());
            merged.add(fromA ? a.get(i++) : b.get(j++));
        }
        return merged;
    }

    private RunBounds bounds(UUID tenantId, UUID runId) {
        return history.bounds(tenantId, runId).orElseThrow(NotFoundException::new);
    }

    private static DeliveryFilter orNone(@Nullable DeliveryFilter filter) {
        return filter == null ? DeliveryFilter.none() : filter;
    }

    /** Turns streamed rows into CSV lines. */
    private static final class CsvExport implements RowCallbackHandler {

        private final CsvWriter csv;
        private final boolean withRun;
        private final UnaryOperator<DeliveryEntry> worded;
        private final LongConsumer written;
        private long rows;

        CsvExport(Writer out, boolean withRun, UnaryOperator<DeliveryEntry> worded, LongConsumer written) {
            this.csv = new CsvWriter(out);
            this.withRun = withRun;
            this.worded = worded;
            this.written = written;
            List<String> header = new ArrayList<>(DELIVERY_COLUMNS);
            if (withRun) {
                header.add("campaignId");
            }
            header.addAll(WORDING_COLUMNS);
            write(header);
        }

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            DeliveryEntry d = worded.apply(DeliveryLogRepository.delivery(rs, 0));
            List<@Nullable String> cells = new ArrayList<>(EXPORT_COLUMNS.size() + 1);
            cells.add(d.token());
            cells.add(d.status().name());
            cells.add(text(d.statusCode()));
            cells.add(d.reason());
            cells.add(Integer.toString(d.attempts()));
            cells.add(text(d.apnsId()));
            cells.add(text(d.lastAttemptAt()));
            cells.add(text(d.acceptedAt()));
            cells.add(text(d.appleTimestamp()));
            cells.add(text(d.apnsUniqueId()));
            if (withRun) {
                cells.add(d.runId().toString());
            }
            SentWording wording = d.wording();
            cells.add(wording == null ? null : wording.letter());
            cells.add(wording == null ? null : wording.language());
            cells.add(wording == null ? null : wording.abTestGroup());
            write(cells);
            written.accept(++rows);
        }

        long finish() {
            try {
                csv.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return rows;
        }

        private void write(List<@Nullable String> cells) {
            try {
                csv.write(cells);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static @Nullable String text(@Nullable Object value) {
            return value == null ? null : value.toString();
        }
    }
}
