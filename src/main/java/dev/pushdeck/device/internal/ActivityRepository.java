package dev.pushdeck.device.internal;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.device.ActivityKind;
import dev.pushdeck.device.ActivityRegistration;
import dev.pushdeck.device.ActivityTarget;
import dev.pushdeck.device.AttributeFilters;
import dev.pushdeck.device.Audience;
import dev.pushdeck.shared.jdbc.RecordRows;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for {@code activity_registrations}, the Live Activity tokens of devices. Every
 * statement filters by tenant and app (the dispatcher's feedback by the app a run sent for).
 */
@Repository
public class ActivityRepository {

    private static final String COLUMNS = """
            id, app_id, device_id, environment, token, kind, attributes_type, activity_id,
            status, ended_at, end_reason, expires_at, registered_at, created_at""";
    /** A token a campaign sent now reaches. */
    private static final String LIVE = "a.status = 'ACTIVE' and (a.expires_at is null or a.expires_at > now())";

    private final JdbcClient jdbc;

    ActivityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One registration to write. */
    public record Registering(UUID tenantId, UUID appId, UUID deviceId, ApnsEnvironment environment, String token,
                              ActivityKind kind, String attributesType, @Nullable String activityId, Instant at,
                              @Nullable Duration lifetime) {
    }

    /** A registration as stored now, and whether this call created it. */
    public record Upserted(ActivityRegistration registration, boolean created) {
    }

    /**
     * Inserts or refreshes a registration. A refresh takes the given device, kind, type and
     * activity id; an ENDED token comes back to ACTIVE only when this registration is newer
     * than its end (an old retry cannot revive it), and then gets a new lifetime.
     */
    public Upserted register(Registering r) {
        return jdbc.sql("""
                        insert into activity_registrations as a (tenant_id, app_id, device_id, environment, token,
                            kind, attributes_type, activity_id, expires_at, registered_at)
                        values (:tenant, :app, :device, :env, :token, :kind, :type, :activity, :expires, :at)
                        on conflict (app_id, environment, token) do update set
                            device_id = excluded.device_id, kind = excluded.kind,
                            attributes_type = excluded.attributes_type, activity_id = excluded.activity_id,
                            registered_at = greatest(a.registered_at, excluded.registered_at),
                            expires_at = case when a.status = 'ENDED' and a.ended_at < excluded.registered_at
                                              then excluded.expires_at
                                              when a.kind <> excluded.kind then excluded.expires_at
                                              else a.expires_at end,
                            status = case when a.status = 'ENDED' and a.ended_at < excluded.registered_at
                                          then 'ACTIVE' else a.status end,
                            ended_at = case when a.status = 'ENDED' and a.ended_at < excluded.registered_at
                                            then null else a.ended_at end,
                            end_reason = case when a.status = 'ENDED' and a.ended_at < excluded.registered_at
                                              then null else a.end_reason end
                        returning\s""" + COLUMNS + ", (xmax = 0) as created")
                .param("tenant", r.tenantId()).param("app", r.appId()).param("device", r.deviceId())
                .param("env", r.environment().wire()).param("token", r.token()).param("kind", r.kind().name())
                .param("type", r.attributesType()).param("activity", r.activityId())
                .param("at", Timestamp.from(r.at()))
                .param("expires", r.lifetime() == null ? null : Timestamp.from(r.at().plus(r.lifetime())))
                .query((rs, row) -> new Upserted(RecordRows.of(ActivityRegistration.class).mapRow(rs, row),
                        rs.getBoolean("created")))
                .single();
    }

    public Optional<ActivityRegistration> find(UUID tenantId, UUID appId, ApnsEnvironment environment, String token) {
        return jdbc.sql("select " + COLUMNS + " from activity_registrations where tenant_id = :tenant"
                        + " and app_id = :app and environment = :env and token = :token")
                .param("tenant", tenantId).param("app", appId).param("env", environment.wire())
                .param("token", token).query(RecordRows.of(ActivityRegistration.class)).optional();
    }

    public Optional<ActivityRegistration> find(UUID tenantId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from activity_registrations where tenant_id = :tenant and id = :id")
                .param("tenant", tenantId).param("id", id).query(RecordRows.of(ActivityRegistration.class))
                .optional();
    }

    /** A device's registrations, newest first. */
    public List<ActivityRegistration> ofDevice(UUID tenantId, UUID deviceId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from activity_registrations where tenant_id = :tenant"
                        + " and device_id = :device order by registered_at desc, id limit :limit")
                .param("tenant", tenantId).param("device", deviceId).param("limit", limit)
                .query(RecordRows.of(ActivityRegistration.class)).list();
    }

    public boolean delete(UUID tenantId, UUID id) {
        return jdbc.sql("delete from activity_registrations where tenant_id = :tenant and id = :id")
                .param("tenant", tenantId).param("id", id).update() == 1;
    }

    /** One token to end: when its activity ended, and why. */
    public record Ending(String token, Instant at, String reason) {
    }

    /**
     * Ends the app's ACTIVE registrations of these tokens, each at its own time, unless one was
     * registered again after that moment (then what ended was an older activity of the token).
     *
     * @return how many ended
     */
    public int end(UUID tenantId, UUID appId, ApnsEnvironment environment, List<Ending> endings) {
        if (endings.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        update activity_registrations a set status = 'ENDED', ended_at = e.at, end_reason = e.reason
                        from unnest(cast(:tokens as text[]), cast(:ats as timestamptz[]), cast(:reasons as text[]))
                             as e(token, at, reason)
                        where a.tenant_id = :tenant and a.app_id = :app and a.environment = :env
                          and a.token = e.token collate "C" and a.status = 'ACTIVE' and a.registered_at <= e.at""")
                .param("tenant", tenantId).param("app", appId).param("env", environment.wire())
                .param("tokens", endings.stream().map(Ending::token).toArray(String[]::new))
                .param("ats", endings.stream().map(e -> e.at().toString()).toArray(String[]::new))
                .param("reasons", endings.stream().map(Ending::reason).toArray(String[]::new))
                .update();
    }

    /** How many live tokens the audience's {@link ActivityTarget} reaches among the devices it selects. */
    public long countAudience(UUID tenantId, UUID appId, Audience audience) {
        ActivityTarget target = Objects.requireNonNull(audience.activity(),
                "only an activity audience is counted here");
        Map<String, Object> params = new HashMap<>();
        StringBuilder sql = new StringBuilder("""
                select count(*) from activity_registrations a join devices d on d.id = a.device_id
                where a.tenant_id = :tenant and a.app_id = :app and a.environment = :env and a.kind = :kind
                  and a.attributes_type = :type and\s""").append(LIVE);
        params.put("tenant", tenantId);
        params.put("app", appId);
        params.put("env", audience.environment().wire());
        params.put("kind", target.kind().name());
        params.put("type", target.attributesType());
        where(sql, params, !target.activityIds().isEmpty(), " and a.activity_id = any(cast(:activities as text[]))",
                "activities", target.activityIds());
        where(sql, params, !audience.tagsAny().isEmpty(), " and d.tags && cast(:any as text[])", "any",
                audience.tagsAny());
        where(sql, params, !audience.tagsAll().isEmpty(), " and d.tags @> cast(:all as text[])", "all",
                audience.tagsAll());
        where(sql, params, !audience.tokens().isEmpty(), " and a.token = any(cast(:tokens as text[]))", "tokens",
                audience.tokens());
        if (audience.testDevicesOnly()) {
            sql.append(" and d.test_device");
        }
        if (!audience.aliases().isEmpty()) {
            sql.append(" and lower(d.alias) collate \"C\" = any(cast(:lowerAliases as text[]))"
                    + " and d.alias = any(cast(:aliases as text[]))");
            params.put("aliases", audience.aliases().toArray(String[]::new));
            params.put("lowerAliases", audience.aliases().stream().map(a -> a.toLowerCase(Locale.ROOT))
                    .toArray(String[]::new));
        }
        AttributeFilters.appendConditions(audience.filters(), sql, params);
        return jdbc.sql(sql.toString()).params(params).query(Long.class).single();
    }

    /**
     * Which of {@code values} (activity tokens, or device aliases with {@code byAlias}) reach at
     * least one live token the target names.
     */
    public Set<String> liveAmong(UUID tenantId, UUID appId, ApnsEnvironment environment, ActivityTarget target,
                                           List<String> values, boolean byAlias) {
        String value = byAlias ? "d.alias" : "a.token";
        return new HashSet<>(jdbc.sql("select distinct " + value + """
                         from activity_registrations a join devices d on d.id = a.device_id
                        where a.tenant_id = :tenant and a.app_id = :app and a.environment = :env and a.kind = :kind
                          and a.attributes_type = :type and\s""" + LIVE + " and " + value
                        + " = any(cast(:values as text[]))")
                .param("tenant", tenantId).param("app", appId).param("env", environment.wire())
                .param("kind", target.kind().name()).param("type", target.attributesType())
                .param("values", values.toArray(String[]::new)).query(String.class).list());
    }

    private static void where(StringBuilder sql, Map<String, Object> params, boolean applies, String condition,
                              String name, List<String> values) {
        if (applies) {
            sql.append(condition);
            params.put(name, values.toArray(String[]::new));
        }
    }
}
