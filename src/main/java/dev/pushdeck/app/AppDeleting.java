package dev.pushdeck.app;

import java.util.UUID;

/**
 * Published inside the transaction that deletes an app, before its row goes: listeners
 * delete what they keep about the app without a foreign key to it (the delivery queue and
 * log), so it commits or rolls back with the deletion.
 */
public record AppDeleting(UUID tenantId, UUID appId) {
}
