package dev.pushdeck.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One row of the audit log, as shown to team admins. */
public record AuditEntry(long id, Instant occurredAt, @Nullable String actor, String action, @Nullable String target,
                         @Nullable String details, @Nullable String clientAddress) {
}
