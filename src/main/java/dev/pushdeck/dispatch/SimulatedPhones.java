package dev.pushdeck.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushdeck.campaign.TrackingKey;
import dev.pushdeck.dispatch.internal.EngagementRepository;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * The phones behind the demo's APNs simulator ({@link SimulatorApns}): of the notifications it
 * accepts that carry the tracking key, {@code received-percent} are reported received a moment
 * later, as a Notification Service Extension would, and {@code opened-percent} of those opened
 * within a minute, as taps. They report through the same service path as real apps'
 * ({@link NotificationEvents}), in batches, once a second, so a demo report shows rates and a
 * chart. At most {@value #MAX_WAITING} reports wait; more are dropped (a demo, not a load test).
 * Thread-safe: Netty threads offer, the scheduler reports.
 */
@Component
@ConditionalOnProperty(name = "pushdeck.simulator.enabled", havingValue = "true")
class SimulatedPhones {

    static final int MAX_WAITING = 100_000;
    private static final Logger log = LoggerFactory.getLogger(SimulatedPhones.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NotificationEvents events;
    private final EngagementRepository runs;
    private final Clock clock;
    private final int receivedPercent;
    private final int openedPercent;
    private final PriorityBlockingQueue<Report> waiting = new PriorityBlockingQueue<>(1024,
            (a, b) -> a.due().compareTo(b.due()));

    /** A report a phone will make at {@code due}. */
    record Report(Instant due, UUID runId, String deliveryId, EngagementKind kind) {
    }

    SimulatedPhones(NotificationEvents events, EngagementRepository runs, Clock clock,
                    @Value("${pushdeck.simulator.received-percent:85}") int receivedPercent,
                    @Value("${pushdeck.simulator.opened-percent:30}") int openedPercent) {
        this.events = events;
        this.runs = runs;
        this.clock = clock;
        this.receivedPercent = receivedPercent;
        this.openedPercent = openedPercent;
    }

    /** A notification the simulator accepted: maybe a receipt soon, and maybe an open later. */
    void accepted(byte[] payload) {
        trackingKey(payload).ifPresent(key -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            if (random.nextInt(100) >= receivedPercent || waiting.size() >= MAX_WAITING) {
                return;
            }
            Instant now = clock.instant();
            Instant received = now.plusMillis(200 + random.nextInt(2_000));
            waiting.add(new Report(received, key.runId(), key.deliveryId(), EngagementKind.RECEIVED));
            if (random.nextInt(100) < openedPercent) {
                waiting.add(new Report(received.plusMillis(1_000 + random.nextInt(60_000)), key.runId(),
                        key.deliveryId(), EngagementKind.OPENED));
            }
        });
    }

    private record Key(UUID runId, String deliveryId) {
    }

    private static Optional<Key> trackingKey(byte[] payload) {
        try {
            JsonNode key = JSON.readTree(payload).path(TrackingKey.NAME);
            return key.path("c").isTextual() && key.path("d").isTextual()
                    ? Optional.of(new Key(UUID.fromString(key.path("c").asText()), key.path("d").asText()))
                    : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Scheduled(fixedDelayString = "PT1S")
    void report() {
        report(clock.instant());
    }

    /** Reports what is due at {@code now}, per run's app, in batches the endpoint would take. */
    void report(Instant now) {
        Map<UUID, List<NotificationEvent>> byRun = new LinkedHashMap<>();
        for (Report next = waiting.peek(); next != null && !next.due().isAfter(now); next = waiting.peek()) {
            Report due = waiting.poll();
            if (due != null) {
                byRun.computeIfAbsent(due.runId(), run -> new ArrayList<>()).add(new NotificationEvent(
                        due.kind().wire(), due.deliveryId(), due.runId().toString(), null, due.due().toString()));
            }
        }
        byRun.forEach(this::reportFor);
    }

    private void reportFor(UUID runId, List<NotificationEvent> reports) {
        try {
            runs.owner(runId).ifPresent(owner -> reportInBatches(owner, runId, reports));
        } catch (DataAccessException | TransactionException e) {
            // A simulation: what the phones would have reported while the database is away is let go.
            log.debug("Simulated phones let {} reports of run {} go: database unreachable ({})", reports.size(),
                    runId, e.getMessage());
        }
    }

    private void reportInBatches(EngagementRepository.Owner owner, UUID runId, List<NotificationEvent> reports) {
        for (int from = 0; from < reports.size(); from += NotificationEvents.MAX_BATCH) {
            List<NotificationEvent> batch = reports.subList(from,
                    Math.min(reports.size(), from + NotificationEvents.MAX_BATCH));
            try {
                events.recordForApp(owner.tenantId(), owner.appId(), batch);
            } catch (RuntimeException e) {
                log.debug("Simulated phones could not report {} events of run {}: {}", batch.size(), runId,
                        e.getMessage());
            }
        }
    }
}
