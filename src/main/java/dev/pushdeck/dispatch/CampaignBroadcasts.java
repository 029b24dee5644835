package dev.pushdeck.dispatch;

import dev.pushdeck.dispatch.BroadcastApns.Answer;
import dev.pushdeck.dispatch.BroadcastApns.Target;
import dev.pushdeck.dispatch.internal.BroadcastRunRepository;
import dev.pushdeck.dispatch.internal.BroadcastRunRepository.OpenRun;
import dev.pushdeck.dispatch.internal.RunRepository;
import dev.pushdeck.dispatch.internal.RunRepository.RunRef;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends campaigns' broadcasts to channels: each run's one request to Apple through
 * {@link BroadcastApns}, and its one outcome written as the run's only delivery (with Apple's
 * {@code apns-unique-id}), so the campaign report, the delivery log and the API show it like any
 * delivery. See docs/decisions/044-broadcast-campaigns.md.
 *
 * <p>A run is sent once, ever. It is taken (a guarded update of its row) before the request
 * leaves, so a cancel that comes first stops it, and one that comes after finds it taken and
 * its answer is still written. No answer (no connection, a timeout, a node stopped mid-send) is
 * FAILED and not repeated: Apple may have taken it, and a late repeat of an update could
 * overwrite a newer one on every subscribed activity. Apple asking to try later (429, 5xx) is
 * FAILED too, with its reason; the person decides whether to send again.
 *
 * <p>Sends run on a small pool of this class's own after the launch commits. A sweep (every
 * {@code pushdeck.broadcast.sweep-interval}) picks up what a stopped node left: a run never
 * taken is sent late only while its expiration holds and no newer broadcast reached its channel
 * (else EXPIRED, reason {@code Expired} or {@code Superseded}); one taken without a written
 * answer becomes FAILED ({@code NoAnswer}). Thread-safe.
 */
@Component
class CampaignBroadcasts {

    private static final Logger log = LoggerFactory.getLogger(CampaignBroadcasts.class);
    private static final String LIVE_ACTIVITY_SUFFIX = ".push-type.liveactivity";
    /** A launch's own send begins within moments; the sweep leaves it that long. */
    static final Duration UNTAKEN_GRACE = Duration.ofSeconds(30);
    /** Longer than a request may take, so an answer still on its way is never judged lost. */
    static final Duration ANSWER_WAIT = BroadcastApns.REQUEST_TIMEOUT.multipliedBy(4);

    private final BroadcastRunRepository runs;
    private final RunRepository dispatchRuns;
    private final BroadcastApns apns;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final boolean sweeping;
    private final ExecutorService senders = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "broadcast-send");
        thread.setDaemon(true);
        return thread;
    });

    CampaignBroadcasts(BroadcastRunRepository runs, RunRepository dispatchRuns, BroadcastApns apns,
                       TransactionTemplate transactions, ApplicationEventPublisher events,
                       @Value("${pushdeck.scheduler.enabled:true}") boolean sweeping) {
        this.runs = runs;
        this.dispatchRuns = dispatchRuns;
        this.apns = apns;
        this.transactions = transactions;
        this.events = events;
        this.sweeping = sweeping;
    }

    /** Sends the run's broadcast soon, on this class's pool (call after its launch committed). */
    void sendSoon(UUID runId) {
        senders.execute(() -> {
            try {
                send(runId);
            } catch (DataAccessException | TransactionException e) {
                log.warn("Broadcast {} waits for the sweep: database unreachable ({})", runId, e.getMessage());
            } catch (RuntimeException e) {
                log.error("Broadcast {} failed unexpectedly", runId, e);
            }
        });
    }

    /** Takes the run and sends it; nothing when it is not sending, or was taken already. */
    void send(UUID runId) {
        transactions.execute(status -> runs.take(runId)).ifPresent(this::send);
    }

    private void send(OpenRun run) {
        Target target;
        try {
            target = apns.target(run.tenantId(), run.appId(), run.environment(), bundleId(run.topic()));
        } catch (ApnsClients.NoCredentialException e) {
            finish(run, DeliveryStatus.FAILED, null, "NoCredential", null);
            return;
        } catch (BroadcastApns.CertificateOnlyException e) {
            finish(run, DeliveryStatus.FAILED, null, "TokenKeyRequired", null);
            return;
        }
        Answer answer;
        try {
            answer = apns.broadcast(target, run.channelId(), run.payload(), run.priority(),
                    run.expiresAt() == null ? 0 : run.expiresAt().getEpochSecond(), run.requestId())
                    .get(BroadcastApns.REQUEST_TIMEOUT.multipliedBy(2).toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            finish(run, DeliveryStatus.FAILED, null, "NoAnswer", null);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(run, DeliveryStatus.FAILED, null, "NoAnswer", null);
            return;
        }
        DeliveryStatus status = answer.ok() ? DeliveryStatus.ACCEPTED
                : answer.status() == 429 || answer.status() >= 500 ? DeliveryStatus.FAILED : DeliveryStatus.REJECTED;
        String reason = answer.ok() ? null : answer.reason() == null ? "HTTP " + answer.status() : answer.reason();
        finish(run, status, answer.status(), reason, answer.uniqueId());
    }

    /** Writes a sent run's outcome (once), files it under its channel and completes the run. */
    private void finish(OpenRun run, DeliveryStatus status, @Nullable Integer code, @Nullable String reason,
                        @Nullable UUID uniqueId) {
        transactions.executeWithoutResult(tx -> {
            if (runs.finish(run.id(), true, status, code, reason, uniqueId).isEmpty()) {
                return;
            }
            runs.fileUnderChannel(run, status.name(), code, reason, uniqueId);
            complete(run.id());
        });
        log.info("Broadcast {} to channel {}: {}{}", run.id(), run.channelId(), status,
                reason == null ? "" : " (" + reason + ")");
    }

    /**
     * Finishes a broadcast never taken (its run was cancelled or failed) as {@code status}; in the
     * caller's transaction, after the run row was changed (so no sender can take it meanwhile).
     */
    void finishUnsent(UUID runId, DeliveryStatus status, String reason) {
        if (runs.finish(runId, false, status, null, reason, null).isPresent()) {
            complete(runId);
        }
    }

    private void complete(UUID runId) {
        for (RunRef done : dispatchRuns.completeFinished(List.of(runId))) {
            events.publishEvent(new RunCompleted(done.tenantId(), done.runId()));
        }
    }

    /** What a stopped node left: see the class comment. Skips while the database is unreachable. */
    @Scheduled(fixedDelayString = "${pushdeck.broadcast.sweep-interval:PT15S}")
    void sweepTick() {
        if (!sweeping) {
            return;
        }
        try {
            sweep();
        } catch (DataAccessException | TransactionException e) {
            log.warn("Broadcast sweep skipped: database unreachable ({})", e.getMessage());
        }
    }

    /** One sweep; answers how many runs it settled or sent. */
    int sweep() {
        List<OpenRun> overdue = transactions.execute(status -> runs.overdue(UNTAKEN_GRACE, ANSWER_WAIT));
        for (OpenRun run : overdue) {
            if (run.takenAt() != null) {
                finish(run, DeliveryStatus.FAILED, null, "NoAnswer", null);
            } else {
                sendLate(run);
            }
        }
        return overdue.size();
    }

    /** A late send must still be wanted: not expired, and not older than what the channel shows now. */
    private void sendLate(OpenRun run) {
        boolean expired = run.expiresAt() != null && !run.expiresAt().isAfter(Instant.now());
        boolean superseded = !expired && transactions.execute(status ->
                runs.broadcastSince(run.tenantId(), run.channelRef(), run.launchedAt()));
        if (expired || superseded) {
            transactions.executeWithoutResult(tx -> finishUnsent(run.id(), DeliveryStatus.EXPIRED,
                    expired ? "Expired" : "Superseded"));
            return;
        }
        send(run.id());
    }

    private static String bundleId(String topic) {
        return topic.endsWith(LIVE_ACTIVITY_SUFFIX) ? topic.substring(0, topic.length() - LIVE_ACTIVITY_SUFFIX.length())
                : topic;
    }

    @PreDestroy
    void stop() {
        senders.shutdown();
    }
}
