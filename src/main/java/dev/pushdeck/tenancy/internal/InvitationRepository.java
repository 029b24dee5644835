package dev.pushdeck.tenancy.internal;

import dev.pushdeck.shared.jdbc.RecordRows;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for {@code invitations}. "Open" means neither accepted nor revoked; an open invitation
 * may have expired. Link secrets are stored only as SHA-256 hashes.
 */
@Repository
public class InvitationRepository {

    private static final String COLUMNS = "i.id, i.tenant_id, t.name as team_name, i.email, i.role, i.language,"
            + " i.secret_hash, i.invited_by, i.created_at, i.expires_at";
    private static final String OPEN = " from invitations i join teams t on t.id = i.tenant_id"
            + " where i.accepted_at is null and i.revoked_at is null";

    private final JdbcClient jdbc;

    InvitationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record InvitationRow(UUID id, UUID tenantId, String teamName, String email, String role, String language,
                                byte[] secretHash, String invitedBy, Instant createdAt, Instant expiresAt) {
    }

    public UUID insert(UUID tenantId, String email, String role, String language, String prefix, byte[] hash,
                       String invitedBy, Instant expiresAt) {
        return jdbc.sql("""
                        insert into invitations (tenant_id, email, role, language, lookup_prefix, secret_hash,
                                                 invited_by, expires_at)
                        values (:tenant, :email, :role, :language, :prefix, :hash, :by, :expires) returning id""")
                .param("tenant", tenantId).param("email", email).param("role", role).param("language", language)
                .param("prefix", prefix).param("hash", hash).param("by", invitedBy)
                .param("expires", Timestamp.from(expiresAt)).query(UUID.class).single();
    }

    public List<InvitationRow> listOpen(UUID tenantId) {
        return jdbc.sql("select " + COLUMNS + OPEN + " and i.tenant_id = :tenant order by i.created_at desc")
                .param("tenant", tenantId).query(RecordRows.of(InvitationRow.class)).list();
    }

    public Optional<InvitationRow> findOpen(UUID tenantId, UUID id) {
        return jdbc.sql("select " + COLUMNS + OPEN + " and i.tenant_id = :tenant and i.id = :id")
                .param("tenant", tenantId).param("id", id).query(RecordRows.of(InvitationRow.class)).optional();
    }

    public Optional<InvitationRow> findOpenByEmail(UUID tenantId, String email) {
        return jdbc.sql("select " + COLUMNS + OPEN + " and i.tenant_id = :tenant and lower(i.email) = lower(:email)")
                .param("tenant", tenantId).param("email", email).query(RecordRows.of(InvitationRow.class)).optional();
    }

    public Optional<InvitationRow> findOpenByPrefix(String prefix) {
        return jdbc.sql("select " + COLUMNS + OPEN + " and i.lookup_prefix = :prefix")
                .param("prefix", prefix).query(RecordRows.of(InvitationRow.class)).optional();
    }

    /** Every team's open invitations to this email (any case). */
    public List<InvitationRow> listOpenByEmail(String email) {
        return jdbc.sql("select " + COLUMNS + OPEN + " and lower(i.email) = lower(:email)")
                .param("email", email).query(RecordRows.of(InvitationRow.class)).list();
    }

    /** Every team's open invitations to this email, locked so that each is accepted once only. */
    public List<InvitationRow> lockOpenByEmail(String email) {
        return jdbc.sql("select " + COLUMNS + OPEN + " and lower(i.email) = lower(:email) order by i.created_at"
                        + " for update of i")
                .param("email", email).query(RecordRows.of(InvitationRow.class)).list();
    }

    /** The open invitation with this prefix, locked so that it is accepted once only. */
    public Optional<InvitationRow> lockOpenByPrefix(String prefix) {
        return jdbc.sql("select " + COLUMNS + OPEN + " and i.lookup_prefix = :prefix for update of i")
                .param("prefix", prefix).query(RecordRows.of(InvitationRow.class)).optional();
    }

    /** A new secret and expiry for an open invitation: the old link stops working. */
    public void renew(UUID tenantId, UUID id, String prefix, byte[] hash, Instant expiresAt) {
        jdbc.sql("""
                        update invitations set lookup_prefix = :prefix, secret_hash = :hash, expires_at = :expires
                        where tenant_id = :tenant and id = :id""")
                .param("prefix", prefix).param("hash", hash).param("expires", Timestamp.from(expiresAt))
                .param("tenant", tenantId).param("id", id).update();
    }

    public void revoke(UUID tenantId, UUID id) {
        jdbc.sql("update invitations set revoked_at = now() where tenant_id = :tenant and id = :id")
                .param("tenant", tenantId).param("id", id).update();
    }

    public void accept(UUID id, UUID userId) {
        jdbc.sql("update invitations set accepted_at = now(), accepted_by = :user where id = :id")
                .param("id", id).param("user", userId).update();
    }
}
