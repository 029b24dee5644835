package dev.pushdeck.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Watches one stretch of a benchmark: heap in use (sampled every 20 ms, garbage included),
 * the live heap (what the last collection left), this process's resident memory, and CPU
 * seconds spent by this JVM and by PostgreSQL's processes. Start once, then {@link #stop()}.
 */
public final class Probe {

    private static final long MB = 1024 * 1024;

    private final JdbcClient jdbc;
    private final AtomicBoolean sampling = new AtomicBoolean(true);
    private final Thread sampler;
    private final double jvmCpuAtStart;
    private final double databaseCpuAtStart;
    private volatile long heapPeak;
    private volatile long liveHeapPeak;
    private volatile long rssPeak;

    private Probe(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.jvmCpuAtStart = jvmCpuSeconds();
        this.databaseCpuAtStart = databaseCpuSeconds(jdbc);
        this.sampler = new Thread(this::sample, "bench-probe");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts watching now. */
    public static Probe start(JdbcClient jdbc) {
        return new Probe(jdbc);
    }

    /** Stops watching; figures in MB and seconds. */
    public Map<String, Object> stop() throws InterruptedException {
        sampling.set(false);
        sampler.join(1000);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("heapPeakMb", heapPeak / MB);
        figures.put("liveHeapPeakMb", liveHeapPeak / MB);
        figures.put("maxHeapMb", Runtime.getRuntime().maxMemory() / MB);
        figures.put("rssPeakMb", rssPeak / MB);
        figures.put("rssHighWaterMarkMb", procStatus("VmHWM") / MB);
        figures.put("jvmCpuSeconds", round(jvmCpuSeconds() - jvmCpuAtStart));
        figures.put("databaseCpuSeconds", round(databaseCpuSeconds(jdbc) - databaseCpuAtStart));
        return figures;
    }

    private void sample() {
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        while (sampling.get()) {
            heapPeak = Math.max(heapPeak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            long live = 0;
            for (MemoryPoolMXBean pool : heapPools) {
                MemoryUsage afterGc = pool.getCollectionUsage();
                live += afterGc == null ? 0 : afterGc.getUsed();
            }
            liveHeapPeak = Math.max(liveHeapPeak, live);
            rssPeak = Math.max(rssPeak, procStatus("VmRSS"));
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A size line of /proc/self/status in bytes; 0 where there is no /proc (not Linux). */
    static long procStatus(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not on Linux: report 0.
        }
        return 0;
    }

    static double jvmCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** CPU seconds of every PostgreSQL process the statistics view lists (backends and background workers). */
    public static double databaseCpuSeconds(JdbcClient jdbc) {
        double seconds = 0;
        for (int pid : jdbc.sql("select pid from pg_stat_activity").query(Integer.class).list()) {
            try {
                String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ", 2)[1].split(" ");
                seconds += (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / 100.0; // USER_HZ on Linux
            } catch (IOException | RuntimeException e) {
                // Not on Linux, or the process is gone: leave it out.
            }
        }
        return seconds;
    }

    /** The machine's one-minute load average (other engineers' builds share it), rounded. */
    public static double loadAverage() {
        return round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    public static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
