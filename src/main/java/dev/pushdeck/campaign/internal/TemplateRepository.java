package dev.pushdeck.campaign.internal;

import static dev.pushdeck.shared.jdbc.RecordRows.requiredInstant;

import dev.pushdeck.campaign.Notification;
import dev.pushdeck.campaign.Template;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for campaign templates, always by (tenant_id, id). */
@Repository
public class TemplateRepository {

    private final JdbcClient jdbc;

    TemplateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public UUID insert(UUID tenant, String name, Notification notification, @Nullable String rawPayload,
                       String createdBy) {
        JdbcClient.StatementSpec sql = jdbc.sql("""
                insert into campaign_templates (tenant_id, name, created_by, %s)
                values (:tenant, :name, :createdBy, %s) returning id"""
                .formatted(ContentColumns.NAMES, ContentColumns.VALUES))
                .param("tenant", tenant).param("name", name).param("createdBy", createdBy);
        return ContentColumns.bind(sql, notification, rawPayload).query(UUID.class).single();
    }

    /** Replaces a template's name and content. */
    public boolean update(UUID tenant, UUID id, String name, Notification notification,
                          @Nullable String rawPayload) {
        JdbcClient.StatementSpec sql = jdbc.sql("""
                update campaign_templates set name = :name, %s where tenant_id = :tenant and id = :id"""
                .formatted(ContentColumns.ASSIGNMENTS)).param("tenant", tenant).param("id", id).param("name", name);
        return ContentColumns.bind(sql, notification, rawPayload).update() == 1;
    }

    /** Whether another template of the team (not {@code exceptId}) has this name, ignoring case. */
    public boolean nameTaken(UUID tenant, String name, @Nullable UUID exceptId) {
        return jdbc.sql("select exists (select 1 from campaign_templates where tenant_id = :tenant "
                        + "and lower(name) = lower(:name) and id is distinct from :except)")
                .param("tenant", tenant).param("name", name).param("except", exceptId).query(Boolean.class).single();
    }

    public Optional<Template> find(UUID tenant, UUID id) {
        return jdbc.sql("select * from campaign_templates where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).query(TemplateRepository::template).optional();
    }

    public List<Template> list(UUID tenant) {
        return jdbc.sql("select * from campaign_templates where tenant_id = :tenant order by lower(name)")
                .param("tenant", tenant).query(TemplateRepository::template).list();
    }

    public boolean delete(UUID tenant, UUID id) {
        return jdbc.sql("delete from campaign_templates where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).update() == 1;
    }

    private static Template template(ResultSet rs, int row) throws SQLException {
        return new Template(rs.getObject("id", UUID.class), rs.getString("name"), ContentColumns.read(rs),
                rs.getString("raw_payload"), rs.getString("created_by"),
                requiredInstant(rs, "created_at"));
    }
}
