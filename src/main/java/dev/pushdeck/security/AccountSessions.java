package dev.pushdeck.security;

import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.security.internal.SessionRepository;
import dev.pushdeck.shared.error.NotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A person's signed-in browser sessions: listing them on the account page and ending them,
 * one by one, all but the current one, or all after a password reset. An ended session is
 * closed at once on this node and at its next request on any other.
 *
 * <p>Thread-safe. Only people have sessions: tokens and app keys get
 * {@link AccessDeniedException}; another person's session id answers {@link NotFoundException}.
 */
@Service
public class AccountSessions {

    private final SessionRepository sessions;
    private final SessionTracking tracking;
    private final CurrentActor actor;
    private final AuditLog audit;
    private final Duration idleTimeout;

    AccountSessions(SessionRepository sessions, SessionTracking tracking, CurrentActor actor, AuditLog audit,
                    @Value("${server.servlet.session.timeout:30m}") Duration idleTimeout) {
        this.sessions = sessions;
        this.tracking = tracking;
        this.actor = actor;
        this.audit = audit;
        this.idleTimeout = idleTimeout;
    }

    /** The signed-in person's open sessions, most recently seen first; the asking one is marked current. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<OpenSession> mine() {
        UUID me = person().id();
        Optional<UUID> current = tracking.current();
        return sessions.open(me, idleTimeout).stream()
                .map(row -> new OpenSession(row.id(), row.startedAt(), row.lastSeenAt(), row.userAgent(),
                        row.clientAddress(), current.filter(row.id()::equals).isPresent()))
                .toList();
    }

    /** Ends one of the signed-in person's sessions (the current one too: that signs them out). */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public void end(UUID sessionId) {
        PushdeckPrincipal me = person();
        if (!sessions.end(me.id(), sessionId, "ended-by-owner")) {
            throw new NotFoundException();
        }
        audit.record("session.ended", me.name(), null);
        closeAfterCommit(List.of(sessionId));
    }

    /** Ends every session of the signed-in person but the one asking; answers how many ended. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public int endOthers() {
        PushdeckPrincipal me = person();
        int ended = endAllBut(me.id(), tracking.current().orElse(null), "ended-by-owner");
        audit.record("session.others-ended", me.name(), ended + " session(s)");
        return ended;
    }

    /**
     * Ends every session of a person except {@code keep} (null: all), e.g. after their
     * password changed. Joins the caller's transaction; sessions on this node close after
     * it commits. The caller audits.
     */
    int endAllBut(UUID userId, @Nullable UUID keep, String reason) {
        List<UUID> ended = sessions.endAllBut(userId, keep, reason);
        closeAfterCommit(ended);
        return ended.size();
    }

    /** The current session's row, when the caller is a signed-in browser session. */
    Optional<UUID> current() {
        return tracking.current();
    }

    private void closeAfterCommit(List<UUID> rows) {
        if (rows.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            tracking.closeLocal(rows);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                tracking.closeLocal(rows);
            }
        });
    }

    private PushdeckPrincipal person() {
        PushdeckPrincipal me = actor.require();
        if (me.kind() != PushdeckPrincipal.Kind.USER) {
            throw new AccessDeniedException("only people have sessions");
        }
        return me;
    }
}
