package dev.pushdeck.dispatch;

import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.dispatch.ApnsClients.ClientKey;
import dev.pushdeck.dispatch.ApnsClients.Pooled;
import dev.pushdeck.dispatch.internal.ClaimRepository.Claimed;
import dev.pushdeck.dispatch.internal.RunRepository.SendableRun;
import dev.pushdeck.dispatch.policy.ApnsReply;
import dev.pushdeck.dispatch.policy.ApnsReply.NotSentWhy;
import dev.pushdeck.dispatch.policy.ClientBreaker;
import dev.pushdeck.dispatch.policy.ClientBreaker.Change;
import dev.pushdeck.dispatch.policy.ClientBreaker.Permit;
import dev.pushdeck.dispatch.policy.DeliveryClock;
import dev.pushdeck.dispatch.policy.Outcome;
import dev.pushdeck.dispatch.policy.OutcomePolicy;
import dev.pushdeck.dispatch.policy.ReplyClass;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands claimed deliveries to Pushy clients and judges what comes back with the
 * {@link OutcomePolicy}. Keeps, per client (credential, environment, endpoint), a
 * {@link ClientBreaker} and the count of unanswered notifications, so that an APNs outage
 * is waited out with one probe at a time, and a client that cannot reach Apple holds at
 * most {@code max-in-flight-per-client} permits: when its breaker opens while it has no
 * connection, it is retired and what was queued in it comes back unsent.
 *
 * <p>Threads: {@link #route}, {@link #allowance} and {@link #send} run on the claimer;
 * replies arrive on Pushy's event loop and are passed to the reply consumer there (which
 * must not block). Outage changes are handed to the {@code outages} listener, which must
 * not block either (it schedules the database write).
 */
final class ApnsSender {

    private static final Logger log = LoggerFactory.getLogger(ApnsSender.class);
    /** TooManyProviderTokenUpdates recycles a client at most this often. */
    private static final Duration RECYCLE_INTERVAL = Duration.ofMinutes(1);

    /** What the claimer sends a run's deliveries through: a client, or the reason none is used. */
    record Route(SendableRun run, @Nullable Pooled client, @Nullable ClientHealth health,
                 @Nullable NotSentWhy refusal) {
    }

    /** How one client is doing, on this node. */
    static final class ClientHealth {
        final ClientBreaker breaker;
        final UUID tenantId;
        final UUID appId;
        final ApnsEnvironment environment;
        final AtomicInteger unanswered = new AtomicInteger();
        volatile long lastRecycle;
        volatile long lastUsed = System.nanoTime();

        ClientHealth(ClientBreaker breaker, UUID tenantId, UUID appId, ApnsEnvironment environment) {
            this.breaker = breaker;
            this.tenantId = tenantId;
            this.appId = appId;
            this.environment = environment;
            this.lastRecycle = System.nanoTime() - RECYCLE_INTERVAL.toNanos();
        }
    }

    /** Told when an outage of a client begins or ends. */
    interface Outages {
        void changed(ClientHealth health);
    }

    private final ApnsClients clients;
    private final OutcomePolicy policy;
    private final DispatchSettings settings;
    private final DispatchMetrics metrics;
    private final Outages outages;
    private final Map<ClientKey, ClientHealth> health = new ConcurrentHashMap<>();

    ApnsSender(ApnsClients clients, OutcomePolicy policy, DispatchSettings settings, DispatchMetrics metrics,
               Outages outages) {
        this.clients = clients;
        this.policy = policy;
        this.settings = settings;
        this.metrics = metrics;
        this.outages = outages;
    }

    /** Looked up once per claimed batch: every delivery of a run goes through the same client. */
    Route route(SendableRun run) {
        try {
            Pooled client = clients.clientFor(run);
            ClientHealth state = health.computeIfAbsent(client.key, key -> new ClientHealth(
                    new ClientBreaker(settings.breaker), run.tenantId(), run.appId(), key.environment()));
            state.lastUsed = System.nanoTime();
            return new Route(run, client, state, null);
        } catch (ApnsClients.NoCredentialException e) {
            return new Route(run, null, null, "NoCredential".equals(e.getMessage()) ? NotSentWhy.NO_CREDENTIAL
                    : NotSentWhy.CREDENTIAL_UNUSABLE);
        } catch (RuntimeException e) {
            log.warn("Cannot prepare an APNs client for run {}: {}", run.id(), e.toString());
            return new Route(run, null, null, NotSentWhy.CLIENT_UNAVAILABLE);
        }
    }

    /**
     * How many of {@code want} deliveries may be claimed for {@code route} now: none while its
     * client waits out an outage (one when a probe is due), and no more than the client's
     * share of in-flight notifications.
     */
    Allowance allowance(Route route, int want, long nanos) {
        ClientHealth health = route.health();
        if (route.client() == null || health == null) {
            return new Allowance(want, false, false);
        }
        Permit permit = health.breaker.permit(nanos);
        return switch (permit) {
            case WAIT -> new Allowance(0, false, false);
            case PROBE -> new Allowance(1, true, false);
            case ALLOW -> share(health, want);
        };
    }

    /**
     * The client's free share, up to {@code want}; full while it cannot take a batch worth a
     * claim (its answers are coming, and waiting for them is cheaper than tiny claims).
     */
    private Allowance share(ClientHealth health, int want) {
        int unanswered = health.unanswered.get();
        int free = Math.max(0, Math.min(want, settings.maxInFlightPerClient - unanswered));
        boolean full = unanswered > 0 && free < Math.min(want, settings.minimumClaim());
        return new Allowance(full ? 0 : free, false, full);
    }

    /**
     * How many to claim, whether the one claimed is the probe of an outage, and whether the
     * client's share of in-flight notifications is taken (answers will free it).
     */
    record Allowance(int count, boolean probe, boolean full) {
    }

    /** A probe was allowed but nothing was claimed for it. */
    void probeNotSent(Route route) {
        Objects.requireNonNull(route.health(), "a probe is allowed only through a client").breaker
                .probeNotSent(System.nanoTime());
    }

    /**
     * Sends one claimed delivery, or judges it unsent at once (its deadline passed, or its
     * route has no client); {@code replies} gets the judged outcome exactly once.
     */
    void send(Route route, Claimed claim, boolean probe, Consumer<Answered> replies) {
        SendableRun run = route.run();
        Instant now = Instant.now();
        DeliveryClock clock = new DeliveryClock(claim.attempt(), claim.releaseAt(), run.expiresAt(claim.releaseAt()),
                claim.lastReason());
        if (!now.isBefore(clock.deadline(policy.retryWindow()))) {
            if (probe) {
                probeNotSent(route);
            }
            replies.accept(judge(run, claim, clock, new ApnsReply.NotSent(NotSentWhy.DEADLINE_PASSED)));
            return;
        }
        NotSentWhy refusal = route.refusal();
        if (refusal != null) {
            replies.accept(judge(run, claim, clock, new ApnsReply.NotSent(refusal)));
            return;
        }
        Pooled client = Objects.requireNonNull(route.client(), "a route without a refusal has a client");
        ClientHealth state = Objects.requireNonNull(route.health(), "a route with a client has its health");
        if (!probe && state.breaker.isOpen()) {
            // The outage began while this batch was being handed over: wait it out instead of spending an attempt.
            replies.accept(judge(run, claim, clock, new ApnsReply.NotSent(NotSentWhy.CLIENT_UNAVAILABLE)));
            return;
        }
        state.unanswered.incrementAndGet();
        long started = System.nanoTime();
        client.client.sendNotification(notification(run, claim, clock.expiresAt())).whenComplete((response, failure) -> {
            state.unanswered.decrementAndGet();
            metrics.latency(Duration.ofNanos(System.nanoTime() - started));
            ApnsReply reply = failure != null
                    ? new ApnsReply.Failed(failure, client.certificate, client.retired && failure instanceof IllegalStateException)
                    : new ApnsReply.Answered(response.getStatusCode(), response.getRejectionReason().orElse(null),
                            response.getTokenInvalidationTimestamp().orElse(null),
                            response.getApnsUniqueId().orElse(null));
            Answered answered = judge(run, claim, clock, reply);
            heard(client, state, answered.outcome(), probe, started);
            replies.accept(answered);
        });
    }

    /** Clients whose breaker is open on this node, with their app and environment. */
    List<ClientHealth> outages() {
        return health.values().stream().filter(state -> state.breaker.isOpen()).toList();
    }

    /** Forgets the health of clients no run used for {@code client-idle} (with the idle-client sweep). */
    void forgetIdle() {
        health.values().removeIf(state -> !state.breaker.isOpen() && state.unanswered.get() == 0
                && System.nanoTime() - state.lastUsed > settings.clientIdle.toNanos());
    }

    private Answered judge(SendableRun run, Claimed claim, DeliveryClock clock, ApnsReply reply) {
        return new Answered(run, claim, policy.outcome(reply, clock, Instant.now()));
    }

    /** What a reply says about its client: an outage beginning or ending, or a client to recycle. */
    private void heard(Pooled client, ClientHealth state, Outcome outcome, boolean probe, long sentAt) {
        ReplyClass kind = outcome.replyClass();
        switch (kind.clientSignal()) {
            case TROUBLE -> {
                boolean unreachable = client.openConnections() == 0;
                String reason = Objects.requireNonNull(outcome.reason(), "trouble is never an acceptance");
                if (state.breaker.trouble(System.nanoTime(), Instant.now(), reason, probe, unreachable)
                        == Change.OPENED) {
                    opened(client, state);
                } else if (probe && unreachable) {
                    // The next probe gets a fresh client, not one that waits out Pushy's growing reconnect delay.
                    clients.retire(client);
                }
            }
            case ANSWERED -> answered(state, sentAt);
            case RECYCLE -> {
                answered(state, sentAt);
                long now = System.nanoTime();
                if (now - state.lastRecycle > RECYCLE_INTERVAL.toNanos()) {
                    state.lastRecycle = now;
                    log.info("APNs answered TooManyProviderTokenUpdates; recycling the client for credential {}",
                            client.key.credentialId());
                    clients.retire(client);
                }
            }
            case NONE -> {
                // Not sent: says nothing about the client.
            }
        }
    }

    private void opened(Pooled client, ClientHealth state) {
        log.warn("APNs unavailable for credential {} ({}) since {} ({}); waiting it out with probes",
                client.key.credentialId(), client.key.environment().wire(), state.breaker.since(),
                state.breaker.lastTrouble());
        metrics.outageOpened();
        if (client.openConnections() == 0) {
            // Nothing reaches Apple through it: what waits in it for a connection comes back unsent.
            clients.retire(client);
        }
        outages.changed(state);
    }

    private void answered(ClientHealth state, long sentAt) {
        if (state.breaker.answered(sentAt) == Change.CLOSED) {
            log.info("APNs answers again for app {} ({})", state.appId, state.environment.wire());
            metrics.outageClosed();
            outages.changed(state);
        }
    }

    private static SimpleApnsPushNotification notification(SendableRun run, Claimed claim,
                                                           @Nullable Instant expiresAt) {
        return new SimpleApnsPushNotification(claim.token(), run.topic(), run.payloadFor(claim.id(), claim.variant()), expiresAt,
                DeliveryPriority.getFromCode(run.priority()), PushType.getFromHeaderValue(run.pushType()),
                run.collapseId(), claim.apnsId());
    }
}
