package dev.pushdeck.app.internal;

import dev.pushdeck.app.PushApp;
import dev.pushdeck.shared.jdbc.RecordRows;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code apps}; every statement is scoped by tenant. */
@Repository
public class AppRepository {

    private static final String COLUMNS = "id, name, bundle_id, created_by, created_at, paused_reason, paused_at,"
            + " registration_key_rate, registration_address_rate, cap_per_day, cap_per_week";

    private final JdbcClient jdbc;

    AppRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public UUID insert(UUID tenantId, String name, String bundleId, String createdBy) {
        return jdbc.sql("""
                        insert into apps (tenant_id, name, bundle_id, created_by)
                        values (:tenant, :name, :bundle, :by) returning id""")
                .param("tenant", tenantId).param("name", name).param("bundle", bundleId).param("by", createdBy)
                .query(UUID.class).single();
    }

    public Optional<PushApp> find(UUID tenantId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from apps where tenant_id = :tenant and id = :id")
                .param("tenant", tenantId).param("id", id).query(RecordRows.of(PushApp.class)).optional();
    }

    public List<PushApp> list(UUID tenantId, int offset, int limit) {
        return jdbc.sql("select " + COLUMNS + " from apps where tenant_id = :tenant order by lower(name)"
                        + " offset :offset limit :limit")
                .param("tenant", tenantId).param("offset", offset).param("limit", limit)
                .query(RecordRows.of(PushApp.class)).list();
    }

    public long count(UUID tenantId) {
        return jdbc.sql("select count(*) from apps where tenant_id = :tenant").param("tenant", tenantId)
                .query(Long.class).single();
    }

    public boolean nameTaken(UUID tenantId, String name, @Nullable UUID exceptId) {
        return jdbc.sql("""
                        select exists (select 1 from apps where tenant_id = :tenant and lower(name) = lower(:name)
                                       and (cast(:except as uuid) is null or id <> :except))""")
                .param("tenant", tenantId).param("name", name).param("except", exceptId)
                .query(Boolean.class).single();
    }

    public void updateRegistrationRates(UUID tenantId, UUID id, @Nullable Integer keyRate,
                                        @Nullable Integer addressRate) {
        jdbc.sql("""
                        update apps set registration_key_rate = :key, registration_address_rate = :address
                        where tenant_id = :tenant and id = :id""")
                .param("key", keyRate).param("address", addressRate).param("tenant", tenantId).param("id", id)
                .update();
    }

    public void updateFrequencyCap(UUID tenantId, UUID id, @Nullable Integer perDay, @Nullable Integer perWeek) {
        jdbc.sql("update apps set cap_per_day = :day, cap_per_week = :week where tenant_id = :tenant and id = :id")
                .param("day", perDay).param("week", perWeek).param("tenant", tenantId).param("id", id).update();
    }

    public void update(UUID tenantId, UUID id, String name, String bundleId) {
        jdbc.sql("update apps set name = :name, bundle_id = :bundle where tenant_id = :tenant and id = :id")
                .param("name", name).param("bundle", bundleId).param("tenant", tenantId).param("id", id).update();
    }

    public void delete(UUID tenantId, UUID id) {
        jdbc.sql("delete from apps where tenant_id = :tenant and id = :id")
                .param("tenant", tenantId).param("id", id).update();
    }
}
