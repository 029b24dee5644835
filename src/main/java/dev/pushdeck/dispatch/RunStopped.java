package dev.pushdeck.dispatch;

import java.util.UUID;

/**
 * Published in the transaction that stops a run before it completed: CANCELLED by a
 * person, or FAILED because Apple refused the notification itself (the reason is Apple's,
 * e.g. PayloadTooLarge). Its pending deliveries are CANCELLED.
 */
public record RunStopped(UUID tenantId, UUID runId, RunStatus status, String reason) {
}
