package dev.pushdeck.audit;

import java.time.Instant;

/** One row of the audit log, as shown to team admins. */
public record AuditEntry(long id, Instant occurredAt, String actor, String action, String target, String details,
                         String clientAddress) {
}
