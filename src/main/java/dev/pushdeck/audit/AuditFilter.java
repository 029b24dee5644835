package dev.pushdeck.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Narrows the audit log; every part is optional ({@code null} means "any").
 *
 * @param action exact action name, e.g. {@code invitation.accepted}
 * @param actor  substring of the actor, case-insensitive
 * @param from   inclusive lower bound
 * @param to     exclusive upper bound
 */
public record AuditFilter(@Nullable String action, @Nullable String actor, @Nullable Instant from, @Nullable Instant to) {

    public static AuditFilter none() {
        return new AuditFilter(null, null, null, null);
    }
}
