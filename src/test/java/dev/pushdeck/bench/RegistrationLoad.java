package dev.pushdeck.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The registration API's load client, run in its own JVM so that the server's CPU figures
 * are the server's alone. Each thread keeps one HTTP/1.1 keep-alive connection to
 * 127.0.0.1 and PUTs fresh random tokens. It warms up, prints {@code warm}, waits for a
 * line on stdin (the server side reads its CPU counters meanwhile), measures, and prints
 * one JSON line: requests, failures, seconds, p50/p95/p99 in ms and its own CPU ms.
 *
 * <p>Arguments: port key threads warmupMillis measureMillis maxRequests.
 */
public final class RegistrationLoad {

    private static final String BODY = "{\"environment\":\"production\",\"tags\":[\"bench\"],\"locale\":\"en-US\","
            + "\"timezone\":\"Europe/Berlin\"}";

    private RegistrationLoad() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String key = args[1];
        int threads = Integer.parseInt(args[2]);
        long warmupMillis = Long.parseLong(args[3]);
        long measureMillis = Long.parseLong(args[4]);
        int max = Integer.parseInt(args[5]);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            run(pool, port, key, threads, warmupMillis, max);
            System.out.println("warm");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            double cpuBefore = cpuMillis();
            long start = System.nanoTime();
            long[][] latencies = run(pool, port, key, threads, measureMillis, max);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.println(json(latencies, seconds, cpuMillis() - cpuBefore));
        } finally {
            pool.shutdownNow();
        }
    }

    private static String json(long[][] latencies, double seconds, double cpuMillis) {
        long[] ok = Arrays.stream(latencies).flatMapToLong(Arrays::stream).filter(n -> n > 0).sorted().toArray();
        long failures = Arrays.stream(latencies).flatMapToLong(Arrays::stream).filter(n -> n < 0).count();
        return String.format(Locale.ROOT, "{\"requests\":%d,\"failures\":%d,\"seconds\":%.3f,\"p50Ms\":%.2f,"
                        + "\"p95Ms\":%.2f,\"p99Ms\":%.2f,\"clientCpuMs\":%.1f}", ok.length, failures, seconds,
                percentile(ok, 0.50), percentile(ok, 0.95), percentile(ok, 0.99), cpuMillis);
    }

    private static double percentile(long[] sorted, double fraction) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * fraction))] / 1e6;
    }

    /** Latencies in ns per thread, negative for a failed request. */
    private static long[][] run(ExecutorService pool, int port, String key, int threads, long millis, int max)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        AtomicLong budget = new AtomicLong(max);
        List<Future<long[]>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long seed = t * 7919L + System.nanoTime();
            futures.add(pool.submit(() -> thread(port, key, new Random(seed), deadline, budget, max / threads + 1)));
        }
        long[][] all = new long[threads][];
        for (int t = 0; t < threads; t++) {
            all[t] = futures.get(t).get(millis + 60_000, TimeUnit.MILLISECONDS);
        }
        return all;
    }

    private static long[] thread(int port, String key, Random random, long deadline, AtomicLong budget, int cap)
            throws IOException {
        long[] latencies = new long[cap];
        int n = 0;
        Connection connection = null;
        try {
            while (n < cap && System.nanoTime() < deadline && budget.decrementAndGet() >= 0) {
                long started = System.nanoTime();
                int status;
                try {
                    connection = connection == null ? new Connection(port) : connection;
                    status = connection.put("/api/v1/device-registrations/" + token(random), key);
                    if (!connection.reusable) {
                        connection.close();
                        connection = null;
                    }
                } catch (IOException e) {
                    status = -1;
                    if (connection != null) {
                        connection.close();
                    }
                    connection = null;
                }
                long took = Math.max(1, System.nanoTime() - started);
                latencies[n++] = status == 200 || status == 201 ? took : -took;
            }
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
        return Arrays.copyOf(latencies, n);
    }

    private static String token(Random random) {
        StringBuilder hex = new StringBuilder(64);
        for (int i = 0; i < 64; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }

    private static double cpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e6;
    }

    /** One keep-alive HTTP/1.1 connection; reads status, headers and a Content-Length or chunked body. */
    private static final class Connection {

        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private boolean reusable = true;

        Connection(int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            out = socket.getOutputStream();
            in = new java.io.BufferedInputStream(socket.getInputStream(), 8192);
        }

        int put(String path, String key) throws IOException {
            byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
            String head = "PUT " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                    + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String statusLine = line();
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            long length = 0;
            boolean chunked = false;
            boolean closes = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    closes = true;
                }
            }
            if (chunked) {
                skipChunks();
            } else {
                skip(length);
            }
            reusable = !closes;
            return status;
        }

        private void skipChunks() throws IOException {
            for (long size = Long.parseLong(line().trim(), 16); size > 0; size = Long.parseLong(line().trim(), 16)) {
                skip(size);
                line();
            }
            line();
        }

        private void skip(long bytes) throws IOException {
            for (long left = bytes; left > 0; left--) {
                if (in.read() < 0) {
                    throw new IOException("response cut short");
                }
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // Already gone.
            }
        }
    }
}
