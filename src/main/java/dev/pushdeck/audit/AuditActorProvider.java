package dev.pushdeck.audit;

import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Tells the audit log who is acting, so audit needs no dependency on security.
 * Implemented by the security module; called on request threads.
 */
public interface AuditActorProvider {

    /** The team the current principal acts in. */
    Optional<UUID> teamId();

    /** The actor as it should read in the log (an email, or "token:NAME"), or "system". */
    String actor();

    /** The client's network address, or {@code null} outside a request. */
    @Nullable String clientAddress();
}
