package dev.pushdeck.security.internal;

import dev.pushdeck.shared.jdbc.RecordRows;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code password_resets}. Link secrets are stored only as SHA-256 hashes. */
@Repository
public class PasswordResetRepository {

    private final JdbcClient jdbc;

    PasswordResetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record ResetRow(UUID id, UUID userId, byte[] secretHash, Instant expiresAt, Instant usedAt) {
    }

    public void insert(UUID userId, String prefix, byte[] hash, String createdBy, Instant expiresAt) {
        jdbc.sql("""
                        insert into password_resets (user_id, lookup_prefix, secret_hash, created_by, expires_at)
                        values (:user, :prefix, :hash, :by, :expires)""")
                .param("user", userId).param("prefix", prefix).param("hash", hash).param("by", createdBy)
                .param("expires", java.sql.Timestamp.from(expiresAt)).update();
    }

    /** The link with this prefix, locked so it can be used once only. */
    public Optional<ResetRow> lockByPrefix(String prefix) {
        return jdbc.sql("""
                        select id, user_id, secret_hash, expires_at, used_at from password_resets
                        where lookup_prefix = :prefix for update""")
                .param("prefix", prefix).query(RecordRows.of(ResetRow.class)).optional();
    }

    public Optional<ResetRow> findByPrefix(String prefix) {
        return jdbc.sql("select id, user_id, secret_hash, expires_at, used_at from password_resets"
                        + " where lookup_prefix = :prefix")
                .param("prefix", prefix).query(RecordRows.of(ResetRow.class)).optional();
    }

    public void markUsed(UUID id) {
        jdbc.sql("update password_resets set used_at = now() where id = :id").param("id", id).update();
    }

    /** A newer link, or a used one, makes the person's other open links worthless. */
    public void expireOpen(UUID userId) {
        jdbc.sql("""
                        update password_resets set expires_at = now()
                        where user_id = :user and used_at is null and expires_at > now()""")
                .param("user", userId).update();
    }

    /** Whether a link was mailed to the person since {@code since} (so a flood sends one mail). */
    public boolean mailedSince(UUID userId, Instant since) {
        return jdbc.sql("""
                        select exists (select 1 from password_resets
                                       where user_id = :user and created_by = 'mail' and created_at > :since)""")
                .param("user", userId).param("since", java.sql.Timestamp.from(since)).query(Boolean.class).single();
    }
}
