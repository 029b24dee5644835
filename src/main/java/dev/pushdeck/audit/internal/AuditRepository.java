package dev.pushdeck.audit.internal;

import dev.pushdeck.audit.AuditEntry;
import dev.pushdeck.audit.AuditFilter;
import dev.pushdeck.audit.AuditPosition;
import dev.pushdeck.shared.jdbc.RecordRows;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code audit_events}: insert and filtered, paged reads of one team. */
@Repository
public class AuditRepository {

    private static final int MAX_TEXT = 2000;

    private final JdbcClient jdbc;

    AuditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(@Nullable UUID teamId, String actor, String action, @Nullable String target, @Nullable String details,
                       @Nullable String address) {
        jdbc.sql("""
                        insert into audit_events (tenant_id, actor, action, target, details, client_address)
                        values (:team, :actor, :action, :target, :details, :address)""")
                .param("team", teamId).param("actor", clip(actor, 320)).param("action", action)
                .param("target", clip(target, 500)).param("details", clip(details, MAX_TEXT))
                .param("address", clip(address, 64))
                .update();
    }

    /** Newest first; with {@code after}, the entries older than that one. */
    public List<AuditEntry> search(UUID teamId, AuditFilter filter, @Nullable AuditPosition after, long offset, int limit) {
        return jdbc.sql("""
                        select id, occurred_at, actor, action, target, details, client_address
                        from audit_events
                        where tenant_id = :team
                          and (cast(:action as varchar) is null or action = :action)
                          and (cast(:actor as varchar) is null or actor ilike '%' || :actor || '%')
                          and (cast(:from as timestamptz) is null or occurred_at >= :from)
                          and (cast(:to as timestamptz) is null or occurred_at < :to)
                        """ + (after == null ? "" : " and (occurred_at, id) < (:afterAt, :afterId)") + """
                        order by occurred_at desc, id desc
                        offset :offset limit :limit""")
                .param("afterAt", after == null ? null : java.sql.Timestamp.from(after.occurredAt()))
                .param("afterId", after == null ? null : after.id())
                .param("team", teamId).param("action", blankToNull(filter.action()))
                .param("actor", likeSafe(filter.actor()))
                .param("from", filter.from() == null ? null : java.sql.Timestamp.from(filter.from()))
                .param("to", filter.to() == null ? null : java.sql.Timestamp.from(filter.to()))
                .param("offset", offset).param("limit", limit)
                .query(RecordRows.of(AuditEntry.class)).list();
    }

    public List<String> actions(UUID teamId) {
        return jdbc.sql("select distinct action from audit_events where tenant_id = :team order by action")
                .param("team", teamId).query(String.class).list();
    }

    private static @Nullable String likeSafe(@Nullable String text) {
        String value = blankToNull(text);
        return value == null ? null : value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static @Nullable String clip(@Nullable String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
