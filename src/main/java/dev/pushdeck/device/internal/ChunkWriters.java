package dev.pushdeck.device.internal;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The chunks of one import being written: at most {@code limit} at a time, each on a
 * thread of its own; with a limit of one, on the calling thread. Two chunks that share a
 * key are never written at once, so the later row still wins and writers never wait for
 * each other's rows. Results are collected on the reading thread, oldest first; used by
 * that thread only.
 */
final class ChunkWriters implements AutoCloseable {

    private record Written(Set<String> keys, Future<ImportChunkRepository.Counts> counts) {
    }

    private final int limit;
    private final @Nullable ExecutorService threads;
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
    void submit(Set<String> keys, Callable<ImportChunkRepository.Counts> write, Consumer<ImportChunkRepository.Counts> done) {
        if (threads == null) {
            done.accept(call(write));
            return;
        }
        while (inFlight.size() >= limit || inFlight.stream().anyMatch(w -> !Collections.disjoint(w.keys(), keys))) {
            finishOldest(done);
        }
        inFlight.addLast(new Written(keys, threads.submit(write)));
    }

    void finishAll(Consumer<ImportChunkRepository.Counts> done) {
        while (!inFlight.isEmpty()) {
            finishOldest(done);
        }
    }

    private static ImportChunkRepository.Counts call(Callable<ImportChunkRepository.Counts> write) {
        try {
            return write.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void finishOldest(Consumer<ImportChunkRepository.Counts> done) {
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
