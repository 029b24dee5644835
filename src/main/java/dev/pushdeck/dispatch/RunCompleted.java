package dev.pushdeck.dispatch;

import java.util.UUID;

/** Published in the transaction that completes a run: nothing of it is pending or in flight any more. */
public record RunCompleted(UUID tenantId, UUID runId) {
}
