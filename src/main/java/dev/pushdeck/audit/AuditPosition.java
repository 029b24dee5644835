package dev.pushdeck.audit;

import java.time.Instant;

/**
 * Where an entry stands in the newest-first log (time, then id): the cursor a long walk
 * through the log continues from, served by the (team, time, id) index.
 */
public record AuditPosition(Instant occurredAt, long id) {

    public static AuditPosition of(AuditEntry entry) {
        return new AuditPosition(entry.occurredAt(), entry.id());
    }
}
