package dev.pushdeck.shared.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JVM killed with SIGKILL leaves its embedded postmaster running and holding the data
 * directory. Before starting, we ask such a leftover to shut down fast (SIGINT) so the
 * new start owns the directory; PostgreSQL's own crash recovery does the rest.
 */
final class StalePostmaster {

    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private StalePostmaster() {
    }

    static void stopIfRunning(Path dataDir) {
        readPid(dataDir.resolve("postmaster.pid"))
                .flatMap(ProcessHandle::of)
                .filter(StalePostmaster::isPostgres)
                .ifPresent(StalePostmaster::stop);
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(command -> command.endsWith("postgres")).orElse(true);
    }

    private static void stop(ProcessHandle postmaster) {
        log.warn("Stopping a PostgreSQL (pid {}) left running by an earlier run", postmaster.pid());
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid())).inheritIO().start().waitFor();
            Instant deadline = Instant.now().plus(WAIT);
            while (postmaster.isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
        } catch (IOException e) {
            postmaster.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (postmaster.isAlive()) {
            throw new IllegalStateException("A PostgreSQL process (pid " + postmaster.pid()
                    + ") still holds the data directory; stop it and start again");
        }
    }
}
