package dev.pushdeck.dispatch.policy;

import dev.pushdeck.dispatch.DeliveryStatus;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What to write for one delivery after a reply.
 *
 * @param replyClass     the kind of reply, for its effects on device, run, credential and client
 * @param status         a final status, or PENDING when the delivery stays queued
 * @param retryAt        when a PENDING delivery is due again
 * @param refund         whether the attempt is given back (it never reached Apple)
 * @param statusCode     Apple's HTTP status, or null without an answer
 * @param reason         Apple's reason, the failure's name or the dispatcher's own; null when accepted
 * @param appleTimestamp Apple's token invalidation time (410), or null
 * @param uniqueId       Apple's apns-unique-id of a final answer, or null
 */
public record Outcome(ReplyClass replyClass, DeliveryStatus status, @Nullable Instant retryAt, boolean refund,
                      @Nullable Integer statusCode, @Nullable String reason, @Nullable Instant appleTimestamp,
                      @Nullable UUID uniqueId) {

    /** An outcome without an apns-unique-id. */
    public Outcome(ReplyClass replyClass, DeliveryStatus status, @Nullable Instant retryAt, boolean refund,
                   @Nullable Integer statusCode, @Nullable String reason, @Nullable Instant appleTimestamp) {
        this(replyClass, status, retryAt, refund, statusCode, reason, appleTimestamp, null);
    }
}
