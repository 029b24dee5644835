package dev.pushdeck.app.internal;

import dev.pushdeck.shared.jdbc.RecordRows;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code app_keys}. Secrets are stored only as SHA-256 hashes. */
@Repository
public class AppKeyRepository {

    private static final String COLUMNS = "id, tenant_id, app_id, name, lookup_prefix, secret_hash, created_by,"
            + " created_at, last_used_at";

    private final JdbcClient jdbc;

    AppKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record KeyRow(UUID id, UUID tenantId, UUID appId, String name, String lookupPrefix, byte[] secretHash,
                         String createdBy, Instant createdAt, Instant lastUsedAt) {
    }

    public UUID insert(UUID tenantId, UUID appId, String name, String prefix, byte[] hash, String createdBy) {
        return jdbc.sql("""
                        insert into app_keys (tenant_id, app_id, name, lookup_prefix, secret_hash, created_by)
                        values (:tenant, :app, :name, :prefix, :hash, :by) returning id""")
                .param("tenant", tenantId).param("app", appId).param("name", name).param("prefix", prefix)
                .param("hash", hash).param("by", createdBy).query(UUID.class).single();
    }

    public List<KeyRow> listActive(UUID tenantId, UUID appId) {
        return jdbc.sql("select " + COLUMNS + " from app_keys where tenant_id = :tenant and app_id = :app"
                        + " and revoked_at is null order by created_at desc")
                .param("tenant", tenantId).param("app", appId).query(RecordRows.of(KeyRow.class)).list();
    }

    public Optional<KeyRow> findActive(UUID tenantId, UUID appId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from app_keys where tenant_id = :tenant and app_id = :app"
                        + " and id = :id and revoked_at is null")
                .param("tenant", tenantId).param("app", appId).param("id", id).query(RecordRows.of(KeyRow.class)).optional();
    }

    public Optional<KeyRow> findActiveByPrefix(String prefix) {
        return jdbc.sql("select " + COLUMNS + " from app_keys where lookup_prefix = :prefix and revoked_at is null")
                .param("prefix", prefix).query(RecordRows.of(KeyRow.class)).optional();
    }

    public void revoke(UUID tenantId, UUID id) {
        jdbc.sql("update app_keys set revoked_at = now() where tenant_id = :tenant and id = :id")
                .param("tenant", tenantId).param("id", id).update();
    }

    /** Notes use at most once a minute per key, so a busy app does not write on every registration. */
    public void touch(UUID id) {
        jdbc.sql("""
                        update app_keys set last_used_at = now()
                        where id = :id and (last_used_at is null or last_used_at < now() - interval '1 minute')""")
                .param("id", id).update();
    }
}
