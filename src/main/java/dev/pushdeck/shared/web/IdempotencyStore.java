package dev.pushdeck.shared.web;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code idempotent_requests}: one answer per (team, key), kept for {@link #WINDOW}. */
@Repository
class IdempotencyStore {

    static final Duration WINDOW = Duration.ofHours(24);

    /** An answer given earlier; {@code fingerprint} is null for entries that repeat whatever the body. */
    record Answer(byte[] fingerprint, int status, String contentType, String location, byte[] body) {
    }

    private final JdbcClient jdbc;

    IdempotencyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the key for a request in the caller's transaction, or answers the entry that
     * holds it. A concurrent request with the same key waits here until the first one's
     * transaction ends, then sees its answer (or, if it rolled back, claims the key).
     * An entry older than the window is taken over.
     */
    Optional<Answer> claim(UUID team, String key, byte[] fingerprint, Instant now) {
        Timestamp expired = Timestamp.from(now.minus(WINDOW));
        jdbc.sql("delete from idempotent_requests where tenant_id = :team and created_at < :expired"
                        + " and idempotency_key <> :key")
                .param("team", team).param("expired", expired).param("key", key).update();
        boolean claimed = jdbc.sql("""
                        insert into idempotent_requests as r (tenant_id, idempotency_key, fingerprint, status, body,
                                                              created_at)
                        values (:team, :key, :fingerprint, 0, '', :now)
                        on conflict (tenant_id, idempotency_key) do update
                            set fingerprint = excluded.fingerprint, status = 0, content_type = null, location = null,
                                body = '', created_at = excluded.created_at
                            where r.created_at < :expired
                        returning 1""")
                .param("team", team).param("key", key).param("fingerprint", fingerprint)
                .param("now", Timestamp.from(now)).param("expired", expired).query(Integer.class).optional()
                .isPresent();
        if (claimed) {
            return Optional.empty();
        }
        return jdbc.sql("select fingerprint, status, content_type, location, body from idempotent_requests"
                        + " where tenant_id = :team and idempotency_key = :key")
                .param("team", team).param("key", key)
                .query((rs, row) -> new Answer(rs.getBytes("fingerprint"), rs.getInt("status"),
                        rs.getString("content_type"), rs.getString("location"), rs.getBytes("body")))
                .optional();
    }

    /** Stores the answer of the request that claimed the key, in the same transaction. */
    void complete(UUID team, String key, int status, String contentType, String location, byte[] body) {
        jdbc.sql("""
                        update idempotent_requests set status = :status, content_type = :type, location = :location,
                            body = :body
                        where tenant_id = :team and idempotency_key = :key""")
                .param("status", status).param("type", contentType).param("location", location).param("body", body)
                .param("team", team).param("key", key).update();
    }
}
