package dev.pushdeck.bench;

import dev.pushdeck.bench.Benchmark.Target;
import dev.pushdeck.dispatch.LiveReportBenchmark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The issues' targets judged against one run's figures. The sizes are the run's own: a
 * target stated for a million devices is only judged fairly by a full-size run.
 */
final class Targets {

    private Targets() {
    }

    static List<Target> of(Benchmark.Settings settings, Map<String, Object> devices, Map<String, Object> dispatch,
                           Map<String, Object> liveReport, Map<String, Object> deliveryLog) {
        List<Target> targets = new ArrayList<>();
        Map<String, Object> acceptAll = map(dispatch, "acceptAll");
        Map<String, Object> endToEnd = map(acceptAll, "endToEnd");
        double ratio = number(acceptAll, "endToEndToCeiling");
        targets.add(new Target("end to end / ceiling (accept-all)", ">= 0.60", String.valueOf(ratio), ratio >= 0.6));
        if (dispatch.containsKey("delayed")) {
            double delayed = number(map(dispatch, "delayed"), "endToEndToCeiling");
            targets.add(new Target("end to end / ceiling (delayed)", ">= 0.60", String.valueOf(delayed),
                    delayed >= 0.6));
        }
        double perSecond = number(endToEnd, "deliveriesPerSecond");
        targets.add(new Target("recorded deliveries/s (accept-all)", ">= 10,000", String.valueOf(perSecond),
                perSecond >= 10_000));
        double fanOut = number(endToEnd, "fanOutSeconds");
        double fanOutPerMillion = perMillion(fanOut, settings.dispatch().devices());
        targets.add(new Target("fan-out of " + settings.dispatch().devices() + " devices", "< 10 s (1,000,000)",
                fanOut + " s (" + fanOutPerMillion + " s per million, projected linearly)", fanOutPerMillion < 10));
        double heap = 0;
        for (String variant : List.of("acceptAll", "delayed")) {
            if (dispatch.containsKey(variant)) {
                heap = Math.max(heap, number(map(map(map(dispatch, variant), "endToEnd"), "memory"), "heapPeakMb"));
            }
        }
        targets.add(new Target("heap peak during the campaigns", "< 512 MB", heap + " MB", heap < 512));
        if (deliveryLog.containsKey("pages")) {
            double log = slowest(map(deliveryLog, "pages"), "medianMs");
            targets.add(new Target("slowest delivery log page at " + deliveryLog.get("rows") + " rows", "< 100 ms",
                    log + " ms", log < 100));
        }
        if (settings.runsLiveReport()) {
            double overhead = number(liveReport, "overheadPercent");
            targets.add(new Target("live report, " + liveReport.get("viewers") + " viewers: its reads / run CPU",
                    "< 5 %", overhead + " %", overhead < LiveReportBenchmark.TARGET_PERCENT));
        }
        if (settings.runsDevices()) {
            targets.addAll(devices(settings, devices));
        }
        return targets;
    }

    private static List<Target> devices(Benchmark.Settings settings, Map<String, Object> devices) {
        List<Target> targets = new ArrayList<>();
        double importSeconds = number(devices, "importSeconds");
        double importPerMillion = perMillion(importSeconds, settings.devices().importRows());
        targets.add(new Target("CSV import of " + settings.devices().importRows() + " devices", "< 60 s (1,000,000)",
                importSeconds + " s (" + importPerMillion + " s per million, projected linearly)",
                importPerMillion < 60));
        double importHeap = number(devices, "importHeapPeakMb");
        targets.add(new Target("heap peak during the import", "< 512 MB", importHeap + " MB", importHeap < 512));
        double grid = slowest(map(devices, "gridPages"), "serviceMedianMs");
        targets.add(new Target("slowest device grid page (median)", "< 100 ms", grid + " ms", grid < 100));
        double registrations = number(devices, "registrationPerSecond");
        double p99 = number(devices, "registrationP99Ms");
        targets.add(new Target("registration API", ">= 2,000/s, p99 < 50 ms", registrations + "/s, p99 " + p99
                + " ms", registrations >= 2000 && p99 < 50));
        return targets;
    }

    private static double slowest(Map<String, Object> pages, String figure) {
        return pages.values().stream().mapToDouble(page -> number(cast(page), figure)).max().orElse(0);
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return cast(parent.get(key));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }

    private static double number(Map<String, Object> parent, String key) {
        return ((Number) parent.get(key)).doubleValue();
    }

    /**
     * A time at a smaller size scaled to a million: a target set for a million is only met by
     * a small run that would also meet it at full size (linear is the optimistic case).
     */
    private static double perMillion(double seconds, long size) {
        return size <= 0 ? Double.POSITIVE_INFINITY : Math.round(seconds * 1_000_000 / size * 100) / 100.0;
    }
}
