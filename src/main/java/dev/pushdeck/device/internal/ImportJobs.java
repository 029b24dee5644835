package dev.pushdeck.device.internal;

import dev.pushdeck.device.DeviceImportService;
import dev.pushdeck.device.ImportProgress;
import dev.pushdeck.device.ImportReport;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.shared.error.ConflictException;
import dev.pushdeck.shared.error.PushdeckException;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Console imports running in the background, so they outlive the page (and the upload)
 * that started them: at most one running import per team, the latest one kept for its
 * report. A job runs as the person who started it, from a file it deletes when done.
 * Listeners are called on the worker thread (views hop onto their UI with
 * {@code UI.access}). In memory: a restart forgets jobs (rows already committed stay).
 * Thread-safe.
 */
@Component
public class ImportJobs {

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

    private final DeviceImportService imports;
    private final CurrentActor actor;
    private final Clock clock;
    private final Map<UUID, Job> latestByTeam = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "device-import");
        thread.setDaemon(true);
        return thread;
    });

    ImportJobs(DeviceImportService imports, CurrentActor actor, Clock clock) {
        this.imports = imports;
        this.actor = actor;
        this.clock = clock;
    }

    public enum State { RUNNING, DONE, FAILED }

    /** One import: its progress while running, then its report or why it failed. */
    public static final class Job {
        private final UUID appId;
        private final String fileName;
        private final long fileSize;
        private final String startedBy;
        private final Instant startedAt;
        private final List<Consumer<Job>> listeners = new CopyOnWriteArrayList<>();
        private volatile State state = State.RUNNING;
        private volatile ImportProgress progress = new ImportProgress(0, 0, 0, 0, 0);
        private volatile @Nullable ImportReport report;
        private volatile @Nullable PushdeckException failure;

        Job(UUID appId, String fileName, long fileSize, String startedBy, Instant startedAt) {
            this.appId = appId;
            this.fileName = fileName;
            this.fileSize = fileSize;
            this.startedBy = startedBy;
            this.startedAt = startedAt;
        }

        public UUID appId() {
            return appId;
        }

        public String fileName() {
            return fileName;
        }

        public String startedBy() {
            return startedBy;
        }

        public Instant startedAt() {
            return startedAt;
        }

        public State state() {
            return state;
        }

        public ImportProgress progress() {
            return progress;
        }

        /** Share of the file read, 0..1. */
        public double fraction() {
            return fileSize <= 0 ? 0 : Math.min(1, (double) progress.bytesRead() / fileSize);
        }

        public Optional<ImportReport> report() {
            return Optional.ofNullable(report);
        }

        public Optional<PushdeckException> failure() {
            return Optional.ofNullable(failure);
        }

        /** Calls {@code listener} after every change, on the worker thread; remove with the returned action. */
        public Runnable addListener(Consumer<Job> listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }

        private void changed() {
            listeners.forEach(listener -> {
                try {
                    listener.accept(this);
                } catch (RuntimeException e) {
                    log.debug("An import listener failed (its page is probably gone)", e);
                }
            });
        }
    }

    /**
     * Starts importing {@code file} (taken over: deleted when done) into the app.
     *
     * @throws ConflictException the team already has an import running
     */
    @PreAuthorize("hasRole('EDITOR')")
    public Job start(UUID appId, Path file, String fileName) throws IOException {
        UUID team = actor.teamId();
        Job job = new Job(appId, fileName, Files.size(file), actor.require().displayName(), clock.instant());
        Job running = latestByTeam.compute(team, (key, previous) ->
                previous != null && previous.state == State.RUNNING ? previous : job);
        if (running != job) {
            Files.deleteIfExists(file);
            throw new ConflictException("device.import.already-running");
        }
        workers.execute(new DelegatingSecurityContextRunnable(() -> run(job, file),
                SecurityContextHolder.getContext()));
        return job;
    }

    /** The team's running or latest import, if any. */
    @PreAuthorize("hasRole('VIEWER')")
    public Optional<Job> latest() {
        return Optional.ofNullable(latestByTeam.get(actor.teamId()));
    }

    private void run(Job job, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            job.report = imports.importCsv(job.appId, in, progress -> {
                job.progress = progress;
                job.changed();
            });
            job.state = State.DONE;
        } catch (PushdeckException e) {
            job.failure = e;
            job.state = State.FAILED;
        } catch (IOException | RuntimeException e) {
            log.error("Device import failed", e);
            job.failure = new ImportFailure();
            job.state = State.FAILED;
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("Could not delete the uploaded import file {}", file, e);
            }
            job.changed();
        }
    }

    /** An import that broke for a reason people cannot act on. */
    private static final class ImportFailure extends PushdeckException {
        ImportFailure() {
            super("error.unexpected");
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
