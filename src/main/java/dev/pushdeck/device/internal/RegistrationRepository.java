package dev.pushdeck.device.internal;

import static dev.pushdeck.device.internal.DeviceRows.COLUMNS;
import static dev.pushdeck.device.internal.DeviceRows.joinTags;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceFields;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL that writes registrations into {@code devices}: many at once, each row carrying its
 * own team and app. {@link RegistrationWriter} decides how they are grouped and retried.
 */
@Repository
public class RegistrationRepository {

    private final JdbcClient jdbc;

    RegistrationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A registration's outcome: the device as stored now, and whether it was new. */
    public record Upserted(Device device, boolean created) {
    }

    /** One registration to write: null fields keep what is stored, empty ones clear it. */
    public record Registering(UUID tenantId, UUID appId, ApnsEnvironment environment, String token, DeviceFields fields,
                              DeviceRules.Reported reported, Instant at) {

        /** A registration that reports nothing about the app. */
        public Registering(UUID tenantId, UUID appId, ApnsEnvironment environment, String token, DeviceFields fields,
                           Instant at) {
            this(tenantId, appId, environment, token, fields, DeviceRules.Reported.NONE, at);
        }

        /** The device it writes: a group may hold each at most once. */
        public Key key() {
            return new Key(appId, environment, token);
        }
    }

    /** A device's identity within its app. */
    public record Key(UUID appId, ApnsEnvironment environment, String token) {
    }

    /**
     * Inserts or refreshes each registration (at most one per {@link Key}) in one
     * statement; the outcomes come back in the given order. Fields that are null stay as
     * they are; an UNREGISTERED or INVALID device comes back to ACTIVE only if the
     * registration is after the time it was marked. Rows may belong to
     * different teams: each carries its own team and app.
     */
    public List<Upserted> registerAll(List<Registering> registrations) {
        Map<Key, Upserted> written = new HashMap<>();
        jdbc.sql(REGISTER_ALL)
                .param("tenants", column(registrations, r -> r.tenantId().toString()))
                .param("apps", column(registrations, r -> r.appId().toString()))
                .param("envs", column(registrations, r -> r.environment().wire()))
                .param("tokens", column(registrations, Registering::token))
                .param("tags", column(registrations, r -> joinTags(r.fields().tags())))
                .param("aliases", column(registrations, r -> r.fields().alias()))
                .param("locales", column(registrations, r -> r.fields().locale()))
                .param("zones", column(registrations, r -> r.fields().timeZone()))
                .param("versions", column(registrations, r -> r.reported().appVersion()))
                .param("orders", column(registrations, r -> r.reported().versionOrder()))
                .param("properties", column(registrations, r -> r.reported().propertiesJson()))
                .param("ats", column(registrations, r -> r.at().truncatedTo(ChronoUnit.MICROS).toString()))
                .query((rs, row) -> new Upserted(DeviceRows.device(rs, row), rs.getBoolean("created")))
                .list().forEach(upserted -> written.put(key(upserted.device()), upserted));
        return registrations.stream().map(r -> written.get(r.key())).toList();
    }

    /**
     * Null given fields keep the stored value on conflict, so the update reads them from
     * {@code given} rather than from {@code excluded}, which only holds what a new row gets.
     * Given properties merge into the stored ones key by key; a key given as null goes, and
     * an object left empty is stored as null (outside the partial properties index).
     */
    private static final String REGISTER_ALL = """
            with given as (
                select * from unnest(cast(:tenants as uuid[]), cast(:apps as uuid[]), cast(:envs as text[]),
                                     cast(:tokens as text[]), cast(:tags as text[]), cast(:aliases as text[]),
                                     cast(:locales as text[]), cast(:zones as text[]), cast(:ats as timestamptz[]),
                                     cast(:versions as text[]), cast(:orders as text[]), cast(:properties as text[]))
                       as g(tenant_id, app_id, environment, token, tags, alias, locale, time_zone, at, app_version,
                            version_order, properties)
            )
            insert into devices as d (tenant_id, app_id, environment, token, tags, alias, locale, time_zone,
                                      last_registered_at, app_version, app_version_order, properties)
            select tenant_id, app_id, environment, token, coalesce(string_to_array(nullif(tags, ''), chr(31)), '{}'),
                   nullif(alias, ''), nullif(locale, ''), nullif(time_zone, ''), at, nullif(app_version, ''),
                   version_order, nullif(jsonb_strip_nulls(cast(properties as jsonb)), '{}')
            from given
            on conflict (app_id, environment, token) do update set
                (tags, alias, locale, time_zone, app_version, app_version_order, properties) = (
                    select case when g.tags is null then d.tags
                                else coalesce(string_to_array(nullif(g.tags, ''), chr(31)), '{}') end,
                           case when g.alias is null then d.alias else nullif(g.alias, '') end,
                           case when g.locale is null then d.locale else nullif(g.locale, '') end,
                           case when g.time_zone is null then d.time_zone else nullif(g.time_zone, '') end,
                           case when g.app_version is null then d.app_version else nullif(g.app_version, '') end,
                           case when g.app_version is null then d.app_version_order else g.version_order end,
                           case when g.properties is null then d.properties
                                else nullif(jsonb_strip_nulls(coalesce(d.properties, '{}') || cast(g.properties as jsonb)),
                                            '{}') end
                    from given g
                    where g.app_id = excluded.app_id and g.environment = excluded.environment
                      and g.token collate "C" = excluded.token),
                last_registered_at = greatest(d.last_registered_at, excluded.last_registered_at),
                status = case when d.status <> 'ACTIVE' and d.invalidated_at < excluded.last_registered_at
                              then 'ACTIVE' else d.status end,
                invalidated_at = case when d.status <> 'ACTIVE' and d.invalidated_at < excluded.last_registered_at
                                      then null else d.invalidated_at end,
                invalid_reason = case when d.status <> 'ACTIVE' and d.invalidated_at < excluded.last_registered_at
                                      then null else d.invalid_reason end,
                invalid_run_id = case when d.status <> 'ACTIVE' and d.invalidated_at < excluded.last_registered_at
                                      then null else d.invalid_run_id end
            returning\s""" + COLUMNS + ", (xmax = 0) as created";

    private static Key key(Device device) {
        return new Key(device.appId(), device.environment(), device.token());
    }

    private static String[] column(List<Registering> registrations, Function<Registering, String> value) {
        return registrations.stream().map(value).toArray(String[]::new);
    }
}
