package dev.pushdeck.dispatch;

import dev.pushdeck.dispatch.policy.ClientBreaker;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The dispatcher's knobs, {@code pushdeck.dispatch.*}; the defaults suit one node talking to Apple. */
@Component
class DispatchSettings {

    /** Notifications sent (or about to be) and not yet answered by Apple, per node: the bare client's bound too. */
    final int maxInFlight;
    /**
     * Answers received and not yet written, per node, beyond those in flight: with
     * {@link #maxInFlight}, what a crash can resend and what waits in memory while the
     * database is slow (docs/decisions/035-dispatch-throughput.md).
     */
    final int maxUnwritten;
    /** Notifications one client may hold unanswered, so a client that cannot reach Apple cannot take every permit. */
    final int maxInFlightPerClient;
    /** Most rows one claim statement takes. */
    final int claimBatch;
    /** How long a claimed delivery stays with its node; renewed while it waits for an answer or to be written. */
    final Duration lease;
    final Duration retryBase;
    final Duration retryCap;
    /** How long a notification without an expiration of its own is retried after its release. */
    final Duration retryWindow;
    /** HTTP/2 connections per APNs client. */
    final int connections;
    final int eventLoopThreads;
    /** A connection idle this long is pinged; one whose ping goes unanswered for half of it again is closed. */
    final Duration idlePing;
    /** How long an idle claimer waits before looking for due deliveries again. */
    final Duration idlePoll;
    final Duration flushInterval;
    final int flushSize;
    /** Threads recording answers; each writes its own batches, so the database works on several at once. */
    final int writers;
    final Duration shutdownTimeout;
    /** How long decrypted signing material is reused before being read again. */
    final Duration materialTtl;
    final Duration clientIdle;
    /** When an APNs outage opens a client's breaker and how it probes (see {@link ClientBreaker}). */
    final ClientBreaker.Settings breaker;
    /** Rows one housekeeping statement (expiry, draining a stopped run) moves at most. */
    final int housekeepingBatch;
    final boolean workerEnabled;

    DispatchSettings(@Value("${pushdeck.dispatch.max-in-flight:1000}") int maxInFlight,
                     @Value("${pushdeck.dispatch.max-unwritten:0}") int maxUnwritten,
                     @Value("${pushdeck.dispatch.max-in-flight-per-client:0}") int maxInFlightPerClient,
                     @Value("${pushdeck.dispatch.claim-batch:250}") int claimBatch,
                     @Value("${pushdeck.dispatch.lease:2m}") Duration lease,
                     @Value("${pushdeck.dispatch.retry-base:2s}") Duration retryBase,
                     @Value("${pushdeck.dispatch.retry-cap:10m}") Duration retryCap,
                     @Value("${pushdeck.dispatch.retry-window:24h}") Duration retryWindow,
                     @Value("${pushdeck.dispatch.connections:2}") int connections,
                     @Value("${pushdeck.dispatch.event-loop-threads:2}") int eventLoopThreads,
                     @Value("${pushdeck.dispatch.idle-ping:30s}") Duration idlePing,
                     @Value("${pushdeck.dispatch.idle-poll:250ms}") Duration idlePoll,
                     @Value("${pushdeck.dispatch.flush-interval:30ms}") Duration flushInterval,
                     @Value("${pushdeck.dispatch.flush-size:500}") int flushSize,
                     @Value("${pushdeck.dispatch.writers:2}") int writers,
                     @Value("${pushdeck.dispatch.shutdown-timeout:20s}") Duration shutdownTimeout,
                     @Value("${pushdeck.dispatch.material-ttl:10s}") Duration materialTtl,
                     @Value("${pushdeck.dispatch.client-idle:10m}") Duration clientIdle,
                     @Value("${pushdeck.dispatch.outage.first-probe:1s}") Duration firstProbe,
                     @Value("${pushdeck.dispatch.outage.max-probe:15s}") Duration maxProbe,
                     @Value("${pushdeck.dispatch.housekeeping-batch:5000}") int housekeepingBatch,
                     @Value("${pushdeck.dispatch.worker-enabled:true}") boolean workerEnabled) {
        this.maxInFlight = maxInFlight;
        // Default: as many as may be in flight, so a write may take as long as Apple's answer.
        this.maxUnwritten = maxUnwritten > 0 ? maxUnwritten : maxInFlight;
        // Default: four fifths of the node's permits, so other clients keep at least one fifth
        // while a client that cannot connect waits for its breaker to open.
        this.maxInFlightPerClient = maxInFlightPerClient > 0 ? Math.min(maxInFlightPerClient, maxInFlight)
                : Math.max(1, maxInFlight * 4 / 5);
        this.claimBatch = claimBatch;
        this.lease = lease;
        this.retryBase = retryBase;
        this.retryCap = retryCap;
        this.retryWindow = retryWindow;
        this.connections = connections;
        this.eventLoopThreads = eventLoopThreads;
        this.idlePing = idlePing;
        this.idlePoll = idlePoll;
        this.flushInterval = flushInterval;
        this.flushSize = flushSize;
        this.writers = Math.max(1, writers);
        this.shutdownTimeout = shutdownTimeout;
        this.materialTtl = materialTtl;
        this.clientIdle = clientIdle;
        ClientBreaker.Settings defaults = ClientBreaker.Settings.DEFAULT;
        this.breaker = new ClientBreaker.Settings(defaults.consecutive(), defaults.window(), defaults.windowTrouble(),
                firstProbe, maxProbe, defaults.probeTimeout());
        this.housekeepingBatch = housekeepingBatch;
        this.workerEnabled = workerEnabled;
    }

    /**
     * The fewest deliveries worth a claim while answers are awaited: claiming as soon as one
     * permit is free would cost a claim statement per delivery.
     */
    int minimumClaim() {
        return Math.max(1, Math.min(claimBatch, maxInFlight / 8));
    }

    /** How often held leases are renewed: several times per lease, so one missed renewal loses nothing. */
    Duration leaseRenewal() {
        return lease.dividedBy(4);
    }
}
