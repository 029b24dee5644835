package dev.pushdeck.security.internal;

import dev.pushdeck.shared.jdbc.RecordRows;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for {@code user_sessions}: one row per signed-in browser session, so any node can list
 * a person's sessions and end them.
 */
@Repository
public class SessionRepository {

    private final JdbcClient jdbc;

    SessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record SessionRow(UUID id, Instant startedAt, Instant lastSeenAt, @Nullable String userAgent,
                             @Nullable String clientAddress) {
    }

    /** What the per-request check needs: is the person still there, and is this session still open. */
    public record Standing(boolean instanceAdmin, boolean sessionEnded) {
    }

    public UUID open(UUID userId, @Nullable String userAgent, @Nullable String clientAddress) {
        return jdbc.sql("""
                        insert into user_sessions (user_id, user_agent, client_address)
                        values (:user, :agent, :address) returning id""")
                .param("user", userId).param("agent", userAgent).param("address", clientAddress)
                .query(UUID.class).single();
    }

    /** Empty when the person no longer exists. A session id without a row counts as open. */
    public Optional<Standing> standing(UUID userId, @Nullable UUID sessionId) {
        return jdbc.sql("""
                        select u.instance_admin, s.ended_at is not null as session_ended
                        from users u left join user_sessions s on s.id = :session and s.user_id = u.id
                        where u.id = :user""")
                .param("user", userId).param("session", sessionId).query(RecordRows.of(Standing.class)).optional();
    }

    public void touch(UUID sessionId) {
        jdbc.sql("update user_sessions set last_seen_at = now() where id = :id and ended_at is null")
                .param("id", sessionId).update();
    }

    /** Sessions not ended and seen within {@code idle} (older ones have timed out, also on a node that died). */
    public List<SessionRow> open(UUID userId, Duration idle) {
        return jdbc.sql("""
                        select id, started_at, last_seen_at, user_agent, client_address from user_sessions
                        where user_id = :user and ended_at is null and last_seen_at > now() - make_interval(secs => :idle)
                        order by last_seen_at desc""")
                .param("user", userId).param("idle", idle.toSeconds()).query(RecordRows.of(SessionRow.class)).list();
    }

    /** Ends one of the person's sessions; false when it was not theirs or had ended already. */
    public boolean end(UUID userId, UUID sessionId, String reason) {
        return jdbc.sql("""
                        update user_sessions set ended_at = now(), end_reason = :reason
                        where id = :id and user_id = :user and ended_at is null""")
                .param("id", sessionId).param("user", userId).param("reason", reason).update() == 1;
    }

    /** Ends every open session of the person except {@code keep} (may be null); answers the ended ids. */
    public List<UUID> endAllBut(UUID userId, @Nullable UUID keep, String reason) {
        return jdbc.sql("""
                        update user_sessions set ended_at = now(), end_reason = :reason
                        where user_id = :user and ended_at is null and (cast(:keep as uuid) is null or id <> :keep)
                        returning id""")
                .param("user", userId).param("keep", keep).param("reason", reason).query(UUID.class).list();
    }

    /** The server closed the session (sign-out or time-out); a reason given earlier stays. */
    public void closed(UUID sessionId) {
        jdbc.sql("update user_sessions set ended_at = now(), end_reason = 'closed' where id = :id and ended_at is null")
                .param("id", sessionId).update();
    }
}
