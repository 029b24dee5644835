package dev.pushdeck.history;

import dev.pushdeck.dispatch.DeliveryStatus;
import dev.pushdeck.dispatch.RunProgress;
import dev.pushdeck.history.SvgChart.Series;
import dev.pushdeck.history.SvgChart.Slice;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;

/**
 * The charts of reports and the dashboard, drawn with {@link SvgChart} from the dispatcher's
 * numbers. {@code words} translates a message key for the reader (a view's getTranslation).
 * Pure functions: thread-safe.
 */
public final class OutcomeCharts {

    public static final String ACCEPTED = "#2e7d32";
    public static final String REJECTED = "#c62828";
    public static final String FAILED = "#ef6c00";
    public static final String EXPIRED = "#6d4c41";
    public static final String CANCELLED = "#9e9e9e";
    public static final String SKIPPED = "#b0bec5";
    public static final String WAITING = "#90caf9";
    public static final String RECEIVED = "#1565c0";
    public static final String OPENED = "#6a1b9a";

    /** A chart and the same facts in words, for the image's alt text. */
    public record Chart(String svg, String alt) {
    }

    private OutcomeCharts() {
    }

    /**
     * Outcomes per bucket as stacked columns (accepted, rejected, failed, expired), one per
     * bucket that had any, labelled with the bucket's start in UTC.
     *
     * @param labels formats a bucket start, e.g. "HH:mm:ss" for a run, "d MMM HH:00" for a week
     */
    public static Chart overTime(String title, List<OutcomeBucket> buckets, DateTimeFormatter labels,
                                 UnaryOperator<String> words) {
        List<Series> series = List.of(
                series(words, "history.status.accepted", ACCEPTED, buckets, OutcomeBucket::accepted),
                series(words, "history.status.rejected", REJECTED, buckets, OutcomeBucket::rejected),
                series(words, "history.status.failed", FAILED, buckets, OutcomeBucket::failed),
                series(words, "history.status.expired", EXPIRED, buckets, OutcomeBucket::expired));
        long total = buckets.stream().mapToLong(OutcomeBucket::total).sum();
        return columns(title, buckets.stream().map(OutcomeBucket::start).toList(),
                buckets.isEmpty() ? 0 : buckets.get(0).seconds(), series, labels,
                words.apply("history.chart.notifications"), total, words);
    }

    /**
     * What apps reported per bucket of a run, by when it happened on the phones: receipts and
     * opens as stacked columns, labelled like {@link #overTime}.
     */
    public static Chart engagementOverTime(String title, List<EngagementBucket> buckets, DateTimeFormatter labels,
                                           UnaryOperator<String> words) {
        List<Series> series = List.of(
                new Series(words.apply("history.engagement.received"), RECEIVED,
                        buckets.stream().map(EngagementBucket::received).toList()),
                new Series(words.apply("history.engagement.opened"), OPENED,
                        buckets.stream().map(EngagementBucket::opened).toList()));
        long total = buckets.stream().mapToLong(b -> b.received() + b.opened()).sum();
        return columns(title, buckets.stream().map(EngagementBucket::start).toList(),
                buckets.isEmpty() ? 0 : buckets.get(0).seconds(), series, labels,
                words.apply("history.chart.reports"), total, words);
    }

    private static Chart columns(String title, List<Instant> starts, int seconds, List<Series> series,
                                 DateTimeFormatter labels, String yAxis, long total, UnaryOperator<String> words) {
        DateTimeFormatter utc = labels.withZone(ZoneOffset.UTC);
        List<String> columns = starts.stream().map(utc::format).toList();
        String xAxis = starts.isEmpty() ? words.apply("history.chart.time")
                : words.apply("history.chart.time") + " · " + words.apply("history.chart.bar") + " " + seconds + " s";
        String svg = SvgChart.stackedColumns(title, columns, series, xAxis, yAxis, words.apply("history.chart.empty"));
        return new Chart(svg, title + ": " + total + " " + yAxis);
    }

    /** One bar split by what became of a run's deliveries so far. */
    public static Chart split(String title, RunProgress progress, UnaryOperator<String> words) {
        List<Slice> slices = List.of(
                slice(words, "history.status.accepted", ACCEPTED, progress.count(DeliveryStatus.ACCEPTED)),
                slice(words, "history.status.rejected", REJECTED, progress.count(DeliveryStatus.REJECTED)),
                slice(words, "history.status.failed", FAILED, progress.count(DeliveryStatus.FAILED)),
                slice(words, "history.status.expired", EXPIRED, progress.count(DeliveryStatus.EXPIRED)),
                slice(words, "history.status.cancelled", CANCELLED, progress.count(DeliveryStatus.CANCELLED)),
                slice(words, "history.status.skipped", SKIPPED, progress.count(DeliveryStatus.SKIPPED)),
                slice(words, "history.chart.waiting", WAITING, progress.count(DeliveryStatus.PENDING)
                        + progress.count(DeliveryStatus.IN_FLIGHT)));
        String alt = title + ": " + String.join(", ", slices.stream().map(s -> s.name() + " " + s.value()).toList());
        return new Chart(SvgChart.outcomeBar(title, slices, words.apply("history.chart.empty")), alt);
    }

    private static Series series(Function<String, String> words, String key, String color,
                                 List<OutcomeBucket> buckets, ToLongFunction<OutcomeBucket> value) {
        return new Series(words.apply(key), color, buckets.stream().map(b -> value.applyAsLong(b)).toList());
    }

    private static Slice slice(Function<String, String> words, String key, String color, long value) {
        return new Slice(words.apply(key), color, value);
    }
}
