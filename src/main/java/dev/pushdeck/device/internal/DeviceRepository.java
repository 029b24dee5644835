package dev.pushdeck.device.internal;

import static dev.pushdeck.shared.jdbc.RecordRows.timestamp;
import static dev.pushdeck.device.internal.DeviceRows.COLUMNS;
import static dev.pushdeck.device.internal.DeviceRows.array;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceFields;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for single {@code devices}: adding, finding, changing and deleting one, and the
 * status marks APNs feedback sets (and a run's undo clears). Every statement filters by
 * tenant. Registrations are written by {@link RegistrationRepository}, filtered lists by
 * {@link FilteredDevices}, audiences counted by {@link DeviceAudiences}.
 */
@Repository
public class DeviceRepository {

    private final JdbcClient jdbc;

    DeviceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a device a person added; empty when it already exists. */
    public Optional<Device> insert(UUID tenantId, UUID appId, ApnsEnvironment environment, String token,
                                   DeviceFields fields, Instant now) {
        return jdbc.sql("""
                        insert into devices (tenant_id, app_id, environment, token, tags, alias, locale, time_zone,
                                             last_registered_at)
                        values (:tenant, :app, :env, :token, coalesce(cast(:tags as text[]), '{}'),
                                nullif(:alias, ''), nullif(:locale, ''), nullif(:zone, ''), :now)
                        on conflict (app_id, environment, token) do nothing
                        returning\s""" + COLUMNS)
                .param("tenant", tenantId).param("app", appId).param("env", environment.wire())
                .param("token", token).param("tags", array(fields.tags())).param("alias", fields.alias())
                .param("locale", fields.locale()).param("zone", fields.timeZone()).param("now", timestamp(now))
                .query(DeviceRows::device).optional();
    }

    public Optional<Device> find(UUID tenantId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from devices where tenant_id = :tenant and id = :id")
                .param("tenant", tenantId).param("id", id).query(DeviceRows::device).optional();
    }

    public Optional<Device> find(UUID tenantId, UUID appId, ApnsEnvironment environment, String token) {
        return jdbc.sql("select " + COLUMNS + " from devices where tenant_id = :tenant and app_id = :app"
                        + " and environment = :env and token = :token")
                .param("tenant", tenantId).param("app", appId).param("env", environment.wire())
                .param("token", token).query(DeviceRows::device).optional();
    }

    /** Changes the given fields (null keeps a field; empty text clears it) and, when not null, the test flag. */
    public boolean update(UUID tenantId, UUID id, DeviceFields fields, @Nullable Boolean testDevice) {
        return jdbc.sql("""
                        update devices set tags = coalesce(cast(:tags as text[]), tags),
                            alias = case when cast(:alias as text) is null then alias else nullif(:alias, '') end,
                            locale = case when cast(:locale as text) is null then locale else nullif(:locale, '') end,
                            time_zone = case when cast(:zone as text) is null then time_zone else nullif(:zone, '') end,
                            test_device = coalesce(cast(:test as boolean), test_device)
                        where tenant_id = :tenant and id = :id""")
                .param("tags", array(fields.tags())).param("alias", fields.alias()).param("locale", fields.locale())
                .param("zone", fields.timeZone()).param("test", testDevice).param("tenant", tenantId).param("id", id)
                .update() == 1;
    }

    public boolean setTestDevice(UUID tenantId, UUID id, boolean testDevice) {
        return jdbc.sql("update devices set test_device = :test where tenant_id = :tenant and id = :id")
                .param("test", testDevice).param("tenant", tenantId).param("id", id).update() == 1;
    }

    public boolean delete(UUID tenantId, UUID id) {
        return jdbc.sql("delete from devices where tenant_id = :tenant and id = :id")
                .param("tenant", tenantId).param("id", id).update() == 1;
    }

    /**
     * Marks UNREGISTERED at {@code at}; with {@code onlyIfNewer}, only when the device has
     * not registered again since (Apple's timestamp must be after the last registration).
     * INVALID devices stay INVALID.
     */
    public boolean markUnregistered(UUID tenantId, UUID id, Instant at, String reason, boolean onlyIfNewer) {
        return jdbc.sql("""
                        update devices set status = 'UNREGISTERED', invalidated_at = :at, invalid_reason = :reason
                        where tenant_id = :tenant and id = :id and status <> 'INVALID'"""
                        + (onlyIfNewer ? " and last_registered_at < :at" : ""))
                .param("at", timestamp(at)).param("reason", reason).param("tenant", tenantId).param("id", id)
                .update() == 1;
    }

    /**
     * Marks ACTIVE devices INVALID as refused by run {@code runId}, each at its own time and
     * with its own reason, unless it registered again after that time.
     *
     * @return how many were marked
     */
    public int markInvalid(UUID tenantId, UUID runId, List<UUID> ids, List<Instant> ats, List<String> reasons) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        update devices d set status = 'INVALID', invalidated_at = v.at, invalid_reason = v.reason,
                            invalid_run_id = :run
                        from unnest(cast(:ids as uuid[]), cast(:ats as timestamptz[]), cast(:reasons as text[]))
                             as v(id, at, reason)
                        where d.tenant_id = :tenant and d.id = v.id and d.status = 'ACTIVE'
                          and d.last_registered_at < v.at""")
                .param("tenant", tenantId).param("run", runId)
                .param("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
                .param("ats", ats.stream().map(Instant::toString).toArray(String[]::new))
                .param("reasons", reasons.toArray(String[]::new)).update();
    }

    /** Devices run {@code runId} marked INVALID that are still so. */
    public long countMarkedBy(UUID tenantId, UUID runId) {
        return jdbc.sql("select count(*) from devices where tenant_id = :tenant and invalid_run_id = :run"
                        + " and status = 'INVALID'")
                .param("tenant", tenantId).param("run", runId).query(Long.class).single();
    }

    /** Makes the devices run {@code runId} marked INVALID (and that are still so) ACTIVE again; answers how many. */
    public int restoreMarkedBy(UUID tenantId, UUID runId) {
        return jdbc.sql("""
                        update devices set status = 'ACTIVE', invalidated_at = null, invalid_reason = null,
                            invalid_run_id = null
                        where tenant_id = :tenant and invalid_run_id = :run and status = 'INVALID'""")
                .param("tenant", tenantId).param("run", runId).update();
    }
}
