package dev.pushdeck.audit;

import dev.pushdeck.audit.internal.AuditRepository;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends to and reads the audit log. Rows are never updated or deleted (the database
 * refuses it). Writes join the caller's transaction, so an action that rolls back leaves
 * no record of having happened. Thread-safe.
 */
@Service
public class AuditLog {

    private static final String SYSTEM = "system";

    private final AuditRepository repository;
    private final AuditActorProvider actors;

    AuditLog(AuditRepository repository, AuditActorProvider actors) {
        this.repository = repository;
        this.actors = actors;
    }

    /** Records an action by the current principal in its current team. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String action, String target, String details) {
        recordInTeam(actors.teamId().orElse(null), action, target, details);
    }

    /** Records an action by the current principal in a given team (e.g. a team just created). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordInTeam(UUID teamId, String action, String target, String details) {
        repository.insert(teamId, actors.actor(), action, target, details, actors.clientAddress());
    }

    /**
     * Records an action with an explicit actor, for events that happen before anyone is
     * signed in (sign-in attempts) or without a request (scheduled checks).
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public void recordAs(UUID teamId, String actor, String action, String target, String clientAddress) {
        repository.insert(teamId, actor == null ? SYSTEM : actor, action, target, null, clientAddress);
    }

    /** A page of the current team's log, newest first. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<AuditEntry> search(AuditFilter filter, int offset, int limit) {
        UUID team = actors.teamId().orElseThrow(() -> new AccessDeniedException("no team selected"));
        return repository.search(team, filter, offset, Math.min(limit, 500));
    }

    /** The action names that occur in the current team's log, for filter choices. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<String> actions() {
        UUID team = actors.teamId().orElseThrow(() -> new AccessDeniedException("no team selected"));
        return repository.actions(team);
    }
}
