package dev.pushdeck.dispatch;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The dispatcher's knobs, {@code pushdeck.dispatch.*}; the defaults suit one node talking to Apple. */
@Component
class DispatchSettings {

    /** Deliveries claimed but not yet recorded, per node: the semaphore's size and the most a crash resends. */
    final int maxInFlight;
    /** Most rows one claim statement takes. */
    final int claimBatch;
    final Duration lease;
    final int maxAttempts;
    final Duration retryBase;
    final Duration retryCap;
    /** HTTP/2 connections per APNs client. */
    final int connections;
    final int eventLoopThreads;
    /** How long an idle claimer waits before looking for due deliveries again. */
    final Duration idlePoll;
    final Duration flushInterval;
    final int flushSize;
    /** Threads recording answers; each writes its own batches, so the database works on several at once. */
    final int writers;
    final Duration shutdownTimeout;
    /** How long decrypted signing material and pause states are reused before being read again. */
    final Duration materialTtl;
    final Duration pauseTtl;
    final Duration clientIdle;
    final boolean workerEnabled;

    DispatchSettings(@Value("${pushdeck.dispatch.max-in-flight:1000}") int maxInFlight,
                     @Value("${pushdeck.dispatch.claim-batch:250}") int claimBatch,
                     @Value("${pushdeck.dispatch.lease:60s}") Duration lease,
                     @Value("${pushdeck.dispatch.max-attempts:5}") int maxAttempts,
                     @Value("${pushdeck.dispatch.retry-base:2s}") Duration retryBase,
                     @Value("${pushdeck.dispatch.retry-cap:10m}") Duration retryCap,
                     @Value("${pushdeck.dispatch.connections:2}") int connections,
                     @Value("${pushdeck.dispatch.event-loop-threads:2}") int eventLoopThreads,
                     @Value("${pushdeck.dispatch.idle-poll:250ms}") Duration idlePoll,
                     @Value("${pushdeck.dispatch.flush-interval:10ms}") Duration flushInterval,
                     @Value("${pushdeck.dispatch.flush-size:500}") int flushSize,
                     @Value("${pushdeck.dispatch.writers:2}") int writers,
                     @Value("${pushdeck.dispatch.shutdown-timeout:20s}") Duration shutdownTimeout,
                     @Value("${pushdeck.dispatch.material-ttl:10s}") Duration materialTtl,
                     @Value("${pushdeck.dispatch.pause-ttl:1s}") Duration pauseTtl,
                     @Value("${pushdeck.dispatch.client-idle:10m}") Duration clientIdle,
                     @Value("${pushdeck.dispatch.worker-enabled:true}") boolean workerEnabled) {
        this.maxInFlight = maxInFlight;
        this.claimBatch = claimBatch;
        this.lease = lease;
        this.maxAttempts = maxAttempts;
        this.retryBase = retryBase;
        this.retryCap = retryCap;
        this.connections = connections;
        this.eventLoopThreads = eventLoopThreads;
        this.idlePoll = idlePoll;
        this.flushInterval = flushInterval;
        this.flushSize = flushSize;
        this.writers = Math.max(1, writers);
        this.shutdownTimeout = shutdownTimeout;
        this.materialTtl = materialTtl;
        this.pauseTtl = pauseTtl;
        this.clientIdle = clientIdle;
        this.workerEnabled = workerEnabled;
    }
}
