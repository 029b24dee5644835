package dev.pushdeck.security.internal;

import dev.pushdeck.shared.jdbc.RecordRows;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for {@code api_tokens}. Secrets are stored only as SHA-256 hashes. Team tokens carry
 * their team; metrics tokens (role {@value #METRICS}) carry none.
 */
@Repository
public class ApiTokenRepository {

    /** The role column's value for instance-wide metrics tokens. */
    public static final String METRICS = "METRICS";

    private final JdbcClient jdbc;

    ApiTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record TokenRow(UUID id, UUID tenantId, String name, String role, boolean instanceScope,
                           String lookupPrefix, byte[] secretHash, String createdBy, Instant createdAt,
                           Instant lastUsedAt, Instant revokedAt) {
    }

    private static final String COLUMNS = "id, tenant_id, name, role, instance_scope, lookup_prefix, secret_hash,"
            + " created_by, created_at, last_used_at, revoked_at";

    public UUID insert(@Nullable UUID tenantId, String name, String role, boolean instanceScope, String prefix, byte[] hash,
                       String createdBy) {
        return jdbc.sql("""
                        insert into api_tokens (tenant_id, name, role, instance_scope, lookup_prefix, secret_hash, created_by)
                        values (:tenant, :name, :role, :scope, :prefix, :hash, :by) returning id""")
                .param("tenant", tenantId).param("name", name).param("role", role).param("scope", instanceScope)
                .param("prefix", prefix).param("hash", hash).param("by", createdBy)
                .query(UUID.class).single();
    }

    public UUID insertMetrics(String name, String prefix, byte[] hash, String createdBy) {
        return insert(null, name, METRICS, false, prefix, hash, createdBy);
    }

    public Optional<TokenRow> findActiveByPrefix(String prefix) {
        return jdbc.sql("select " + COLUMNS + " from api_tokens where lookup_prefix = :prefix and revoked_at is null")
                .param("prefix", prefix).query(RecordRows.of(TokenRow.class)).optional();
    }

    public List<TokenRow> listActive(UUID tenantId) {
        return jdbc.sql("select " + COLUMNS + " from api_tokens where tenant_id = :tenant and revoked_at is null"
                        + " order by created_at desc")
                .param("tenant", tenantId).query(RecordRows.of(TokenRow.class)).list();
    }

    public Optional<TokenRow> findActive(UUID tenantId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from api_tokens where tenant_id = :tenant and id = :id"
                        + " and revoked_at is null")
                .param("tenant", tenantId).param("id", id).query(RecordRows.of(TokenRow.class)).optional();
    }

    public List<TokenRow> listActiveMetrics() {
        return jdbc.sql("select " + COLUMNS + " from api_tokens where tenant_id is null and revoked_at is null"
                        + " order by created_at desc")
                .query(RecordRows.of(TokenRow.class)).list();
    }

    public Optional<TokenRow> findActiveMetrics(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from api_tokens where tenant_id is null and id = :id"
                        + " and revoked_at is null")
                .param("id", id).query(RecordRows.of(TokenRow.class)).optional();
    }

    public void revokeMetrics(UUID id) {
        jdbc.sql("update api_tokens set revoked_at = now() where tenant_id is null and id = :id")
                .param("id", id).update();
    }

    public void revoke(UUID tenantId, UUID id) {
        jdbc.sql("update api_tokens set revoked_at = now() where tenant_id = :tenant and id = :id")
                .param("tenant", tenantId).param("id", id).update();
    }

    /** Notes use at most once a minute per token, so busy tokens do not write on every call. */
    public void touch(UUID id) {
        jdbc.sql("""
                        update api_tokens set last_used_at = now()
                        where id = :id and (last_used_at is null or last_used_at < now() - interval '1 minute')""")
                .param("id", id).update();
    }
}
