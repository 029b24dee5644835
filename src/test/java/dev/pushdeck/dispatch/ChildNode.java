package dev.pushdeck.dispatch;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * The whole application in a child JVM, started from this JVM's classpath (no jar needed)
 * with the given properties, so tests can kill it like a crashed node ({@link #kill}) or
 * stop it like an operator ({@link #terminate}). Output goes to {@code target/child-nodes/<name>.log}.
 *
 * <p>Children run without the test profile and without devtools' restart and live reload;
 * the caller passes the database, the master key and everything else the node needs.
 * Always {@link #close} a node (it is killed if still alive).
 */
final class ChildNode implements AutoCloseable {

    private static final Path LOGS = Path.of("target", "child-nodes");
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ChildNode(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** CPU seconds the node's JVM has used so far (0 where the platform does not say). */
    double cpuSeconds() {
        return process.toHandle().info().totalCpuDuration().map(cpu -> cpu.toNanos() / 1e9).orElse(0.0);
    }

    /** A node for tests: a small heap, a serial collector and only the quick JIT, which start fast. */
    static final List<String> TEST_JVM = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    /** Starts a node with {@link #TEST_JVM} options and waits until it reports ready. */
    static ChildNode start(String name, Map<String, String> properties) {
        return start(name, properties, TEST_JVM);
    }

    /** Starts a node and waits until it reports ready; fails with the tail of its log if it does not. */
    static ChildNode start(String name, Map<String, String> properties, List<String> jvmOptions) {
        int port = freePort();
        Map<String, String> all = new LinkedHashMap<>();
        all.put("server.port", Integer.toString(port));
        all.put("spring.devtools.restart.enabled", "false");
        all.put("spring.devtools.livereload.enabled", "false");
        all.put("spring.devtools.add-properties", "false");
        all.put("spring.main.banner-mode", "off");
        // Nobody opens the UI of a child: initialising Vaadin (and Atmosphere's classpath scan) on the
        // first request instead of at startup saves most of the start time.
        all.put("vaadin.load-on-startup", "false");
        all.put("logging.level.root", "warn");
        all.put("logging.level.dev.pushdeck", "info");
        all.putAll(properties);
        List<String> command = new ArrayList<>(List.of(javaExecutable()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", applicationClassPath()));
        all.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("dev.pushdeck.PushdeckApplication");
        try {
            Files.createDirectories(LOGS);
            Path log = LOGS.resolve(name + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            ChildNode node = new ChildNode(name, port, process, log);
            node.awaitReady();
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start child node " + name, e);
        }
    }

    URI uri(String path) {
        try {
            return new URI("http://localhost:" + port + path);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(path, e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, like a crash or a power cut: nothing of the shutdown runs. */
    void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM, like an orchestrator stopping the node; answers the exit code. */
    int terminate(Duration timeout) {
        process.destroy();
        return awaitExit(timeout);
    }

    /**
     * The node's threads, as {@code jcmd Thread.print} shows them, written next to its log
     * ({@code <name>-threads-<n>.txt}); answers the file, or null when it could not be taken.
     */
    Path dumpThreads() {
        Path jcmd = Path.of(javaExecutable()).resolveSibling("jcmd");
        Path dump = LOGS.resolve(name + "-threads-" + System.currentTimeMillis() + ".txt");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(this.process.pid()), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(dump.toFile()).start();
            return process.waitFor(30, TimeUnit.SECONDS) ? dump : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.subList(Math.max(0, lines.size() - 40), lines.size()).stream()
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "child node " + name;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("Child node " + name + " exited with " + process.exitValue()
                        + " before it was ready; its log ends:\n" + logTail());
            }
            if (ready()) {
                return;
            }
            pause(Duration.ofMillis(250));
        }
        close();
        throw new AssertionError("Child node " + name + " not ready after " + READY_TIMEOUT + "; its log ends:\n"
                + logTail());
    }

    private boolean ready() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(uri("/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("Child node " + name + " did not exit within " + timeout
                        + " and was killed; its log ends:\n" + logTail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * This JVM's classpath without the test classes (the children run the application as
     * shipped). Surefire may start the tests from a manifest-only jar; its Class-Path is expanded.
     */
    private static String applicationClassPath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.addAll(expandManifestOnlyJar(entry));
        }
        return entries.stream().filter(entry -> !Path.of(entry).endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static List<String> expandManifestOnlyJar(String entry) {
        if (!entry.endsWith(".jar") || !Path.of(entry).getFileName().toString().startsWith("surefirebooter")) {
            return List.of(entry);
        }
        try (JarFile jar = new JarFile(entry)) {
            String classPath = jar.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            URI base = Path.of(entry).toAbsolutePath().getParent().toUri();
            List<String> expanded = new ArrayList<>();
            for (String url : classPath.trim().split("\\s+")) {
                expanded.add(Path.of(base.resolve(new URI(url))).toString());
            }
            return expanded;
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("Cannot read the classpath of " + entry, e);
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
