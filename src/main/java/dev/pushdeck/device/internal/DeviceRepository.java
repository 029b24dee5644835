package dev.pushdeck.device.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.device.AttributeFilters;
import dev.pushdeck.device.Audience;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.DeviceFilter;
import dev.pushdeck.device.DevicePosition;
import dev.pushdeck.device.DeviceStatus;
import dev.pushdeck.device.LocaleCount;
import dev.pushdeck.device.ReportedProperty;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for {@code devices}. Every statement filters by tenant and app; lists page with
 * offset/limit over an index that matches their order, never with a count.
 */
@Repository
public class DeviceRepository {

    static final String COLUMNS = "id, app_id, environment, token, tags, alias, locale, time_zone, status,"
            + " invalidated_at, invalid_reason, last_registered_at, test_device, created_at, app_version, properties";
    /** Sorts after every character, so {@code x >= p and x < p || MAX} is a prefix match an index can serve. */
    /** Joins a row's tags into one array element, split with {@code chr(31)} in SQL. */
    private static final String TAG_JOINER = "\u001f";
    private static final String MAX_CHAR = new String(Character.toChars(Character.MAX_CODE_POINT));

    private static final ObjectMapper PROPERTIES = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final TypeReference<LinkedHashMap<String, Object>> PROPERTY_MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    DeviceRepository(JdbcClient jdbc) {
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
                .query((rs, row) -> new Upserted(device(rs, row), rs.getBoolean("created")))
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

    /**
     * A list of tags as one text array element ({@code null} stays null, empty is ""),
     * split again in SQL; the joiner is a control character, never part of a valid tag.
     */
    static @Nullable String joinTags(@Nullable List<String> tags) {
        return tags == null ? null : String.join(TAG_JOINER, tags);
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
                .query(DeviceRepository::device).optional();
    }

    public Optional<Device> find(UUID tenantId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from devices where tenant_id = :tenant and id = :id")
                .param("tenant", tenantId).param("id", id).query(DeviceRepository::device).optional();
    }

    public Optional<Device> find(UUID tenantId, UUID appId, ApnsEnvironment environment, String token) {
        return jdbc.sql("select " + COLUMNS + " from devices where tenant_id = :tenant and app_id = :app"
                        + " and environment = :env and token = :token")
                .param("tenant", tenantId).param("app", appId).param("env", environment.wire())
                .param("token", token).query(DeviceRepository::device).optional();
    }

    /**
     * A page of an app's devices in the filter's order; offset/limit ride on the matching
     * index. With {@code after} (token order only) the page starts behind that device.
     */
    public List<Device> list(UUID tenantId, UUID appId, DeviceFilter filter, @Nullable DevicePosition after,
                             long offset, int limit) {
        Statement statement = listStatement(tenantId, appId, filter, after, offset, limit);
        return jdbc.sql(statement.sql()).params(statement.params()).query(DeviceRepository::device).list();
    }

    /** An SQL statement with its named parameters. */
    public record Statement(String sql, Map<String, Object> params) {
    }

    /** The statement behind {@link #list}; public so benchmarks can EXPLAIN exactly what the grid runs. */
    public static Statement listStatement(UUID tenantId, UUID appId, DeviceFilter filter,
                                          @Nullable DevicePosition after,
                                          long offset, int limit) {
        Query query = matching(tenantId, appId, filter, new StringBuilder("select ").append(COLUMNS)
                .append(" from devices d where"));
        StringBuilder sql = query.sql;
        query.param("offset", offset).param("limit", limit);
        if (after != null) {
            query.where(" and (token, environment) > (:afterToken, :afterEnv)", "afterToken", after.token());
            query.param("afterEnv", after.environment().wire());
        }
        String dir = filter.descending() ? " desc" : "";
        String back = filter.descending() ? "" : " desc";
        sql.append(switch (filter.order() == null ? DeviceFilter.Order.TOKEN : filter.order()) {
            case TOKEN -> " order by token" + dir + ", environment" + dir;
            case ALIAS -> " order by lower(alias) collate \"C\"" + dir + ", token" + dir + ", environment" + dir;
            case LAST_REGISTERED -> " order by last_registered_at" + back + ", token" + dir + ", environment" + dir;
        });
        sql.append(" offset :offset limit :limit");
        return new Statement(sql.toString(), query.params);
    }

    /**
     * The filter's conditions on one app's devices ({@code devices d}), appended to {@code sql}
     * (which ends in "where"). Its attribute filters must be checked.
     */
    private static Query matching(UUID tenantId, UUID appId, DeviceFilter filter, StringBuilder sql) {
        Query query = new Query(sql.append(" tenant_id = :tenant and app_id = :app"));
        query.param("tenant", tenantId).param("app", appId);
        if (filter.environment() != null) {
            query.where(" and environment = :env", "env", filter.environment().wire());
        }
        if (filter.status() != null) {
            query.where(" and status = :status", "status", filter.status().name());
        }
        if (filter.tag() != null && !filter.tag().isBlank()) {
            query.where(" and tags @> cast(:tag as text[])", "tag", array(List.of(filter.tag().strip())));
        }
        if (filter.query() != null && !filter.query().isBlank()) {
            searchCondition(filter.query().strip(), query);
        }
        AttributeFilters.appendConditions(filter.attributes(), query.sql, query.params);
        return query;
    }

    /** How many devices a tag change touched, and how many it left alone because they would exceed the tag limit. */
    public record TagChange(long changed, long overLimit) {
    }

    /**
     * Adds and removes tags on every device matching the filter in one statement, keeping
     * each device's tags sorted and distinct. A device that would carry more than
     * {@code maxTags} is left unchanged and counted.
     */
    public TagChange changeTags(UUID tenantId, UUID appId, DeviceFilter filter, List<String> add, List<String> remove,
                                int maxTags) {
        Query query = matching(tenantId, appId, filter, new StringBuilder("""
                with target as (
                    select id, tags, array(select t from (select unnest(tags) union select unnest(cast(:add as text[])))
                                              as u(t)
                                           where t <> all(cast(:remove as text[])) order by t collate "C") as wanted
                    from devices d where"""));
        query.sql.append("""
                ), changed as (
                    update devices d set tags = target.wanted from target
                    where d.id = target.id and target.wanted <> target.tags and cardinality(target.wanted) <= :max
                    returning 1
                )
                select (select count(*) from changed) as changed,
                       (select count(*) from target where cardinality(wanted) > :max and wanted <> tags) as over_limit""");
        query.param("add", array(add)).param("remove", array(remove)).param("max", maxTags);
        return jdbc.sql(query.sql.toString()).params(query.params)
                .query((rs, row) -> new TagChange(rs.getLong("changed"), rs.getLong("over_limit"))).single();
    }

    /** Token prefix (if the text could be the start of a token) or alias prefix, case-insensitive. */
    private static void searchCondition(String text, Query query) {
        String hex = text.replaceAll("[<>\\s]", "").toLowerCase(Locale.ROOT);
        boolean couldBeToken = !hex.isEmpty() && hex.matches("[0-9a-f]+");
        String aliasPrefix = " (lower(alias) collate \"C\" >= lower(:q) collate \"C\""
                + " and lower(alias) collate \"C\" < (lower(:q) || :max) collate \"C\")";
        query.param("q", text).param("max", MAX_CHAR);
        if (couldBeToken) {
            query.where(" and ((token >= :hex and token < :hexEnd) or" + aliasPrefix + ")", "hex", hex);
            query.param("hexEnd", hex + MAX_CHAR);
        } else {
            query.sql.append(" and").append(aliasPrefix);
        }
    }

    /** Collects a dynamic where clause and its parameters. */
    private static final class Query {
        final StringBuilder sql;
        final Map<String, Object> params = new LinkedHashMap<>();

        Query(StringBuilder sql) {
            this.sql = sql;
        }

        Query where(String condition, String name, @Nullable Object value) {
            sql.append(condition);
            return param(name, value);
        }

        Query param(String name, @Nullable Object value) {
            params.put(name, value);
            return this;
        }
    }

    /**
     * Up to {@code limit} devices after {@code last} (from the first when null) in
     * (environment, token) order: keyset paging for exports, constant cost per page.
     */
    public List<Device> after(UUID tenantId, UUID appId, @Nullable Device last, int limit) {
        return jdbc.sql("select " + COLUMNS + " from devices where tenant_id = :tenant and app_id = :app"
                        + " and (environment, token) > (:env, :token) order by environment, token limit :limit")
                .param("tenant", tenantId).param("app", appId)
                .param("env", last == null ? "" : last.environment().wire())
                .param("token", last == null ? "" : last.token()).param("limit", limit).query(DeviceRepository::device).list();
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

    /** How many devices the sample for {@link #reportedProperties} reads at most. */
    private static final int PROPERTY_SAMPLE = 5_000;
    private static final int MAX_REPORTED_KEYS = 200;

    /** Keys in a sample of the app's devices that report properties, with each key's most common JSON type. */
    public List<ReportedProperty> reportedProperties(UUID tenantId, UUID appId) {
        return jdbc.sql("""
                        select p.key, mode() within group (order by jsonb_typeof(p.value)) as kind
                        from (select properties from devices
                              where tenant_id = :tenant and app_id = :app and properties is not null
                              limit :sample) s
                        cross join lateral jsonb_each(s.properties) p
                        group by p.key order by p.key collate "C" limit :keys""")
                .param("tenant", tenantId).param("app", appId).param("sample", PROPERTY_SAMPLE)
                .param("keys", MAX_REPORTED_KEYS)
                .query((rs, row) -> new ReportedProperty(rs.getString("key"), rs.getString("kind"))).list();
    }

    public long countAudience(UUID tenantId, UUID appId, Audience audience) {
        return audienceQuery("select count(*)", "", tenantId, appId, audience).query(Long.class).single();
    }

    /**
     * How many ACTIVE devices an audience reaches, by stored locale (null: none stored): one
     * grouped count, so a caller can judge each of the few distinct locales instead of every device.
     */
    public List<LocaleCount> countAudienceByLocale(UUID tenantId, UUID appId, Audience audience) {
        return audienceQuery("select locale, count(*) as devices", " group by locale", tenantId, appId, audience)
                .query((rs, row) -> new LocaleCount(rs.getString(1), rs.getLong(2))).list();
    }

    /** {@code select} over the audience's ACTIVE devices {@code d}, then {@code tail}; bound. */
    private JdbcClient.StatementSpec audienceQuery(String select, String tail, UUID tenantId, UUID appId,
                                                   Audience audience) {
        StringBuilder sql = new StringBuilder(select).append("""
                \sfrom devices d where tenant_id = :tenant and app_id = :app and environment = :env
                  and status = 'ACTIVE'""");
        if (!audience.tagsAny().isEmpty()) {
            sql.append(" and tags && cast(:any as text[])");
        }
        if (!audience.tagsAll().isEmpty()) {
            sql.append(" and tags @> cast(:all as text[])");
        }
        if (!audience.tokens().isEmpty()) {
            sql.append(" and token = any(cast(:tokens as text[]))");
        }
        if (audience.testDevicesOnly()) {
            sql.append(" and test_device");
        }
        if (!audience.aliases().isEmpty()) {
            sql.append(" and ").append(ALIAS_MATCH);
        }
        Map<String, Object> filterParams = new HashMap<>();
        AttributeFilters.appendConditions(audience.filters(), sql, filterParams);
        sql.append(tail);
        return jdbc.sql(sql.toString()).params(filterParams).param("tenant", tenantId).param("app", appId)
                .param("env", audience.environment().wire()).param("any", array(audience.tagsAny()))
                .param("all", array(audience.tagsAll())).param("tokens", array(audience.tokens()))
                .param("aliases", array(audience.aliases())).param("lowerAliases", lower(audience.aliases()));
    }

    /**
     * Exact alias match that still rides on the (app_id, lower(alias)) index: the
     * case-insensitive condition narrows through the index, the exact one decides.
     * Binds {@code :aliases} and {@code :lowerAliases}.
     */
    private static final String ALIAS_MATCH = "lower(alias) collate \"C\" = any(cast(:lowerAliases as text[]))"
            + " and alias = any(cast(:aliases as text[]))";

    /** The aliases in lower case, for {@link #ALIAS_MATCH}. */
    private static String[] lower(List<String> aliases) {
        return aliases.stream().map(alias -> alias.toLowerCase(Locale.ROOT)).toArray(String[]::new);
    }

    /** Which of {@code values} (tokens, or aliases with {@code byAlias}) have an ACTIVE device. */
    public Set<String> activeAmong(UUID tenantId, UUID appId, ApnsEnvironment environment, List<String> values,
                                   boolean byAlias) {
        String column = byAlias ? "alias" : "token";
        String match = byAlias ? ALIAS_MATCH : "token = any(cast(:tokens as text[]))";
        return new HashSet<>(jdbc.sql("select distinct " + column + " from devices where tenant_id = :tenant"
                        + " and app_id = :app and environment = :env and status = 'ACTIVE' and " + match)
                .param("tenant", tenantId).param("app", appId).param("env", environment.wire())
                .param("tokens", array(values)).param("aliases", array(values)).param("lowerAliases", lower(values))
                .query(String.class).list());
    }

    static String @Nullable [] array(@Nullable List<String> values) {
        return values == null ? null : values.toArray(String[]::new);
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.from(instant);
    }

    static Device device(ResultSet rs, int row) throws SQLException {
        return new Device(rs.getObject("id", UUID.class), rs.getObject("app_id", UUID.class),
                ApnsEnvironment.parse(rs.getString("environment")), rs.getString("token"), strings(rs.getArray("tags")),
                rs.getString("alias"), rs.getString("locale"), rs.getString("time_zone"),
                DeviceStatus.valueOf(rs.getString("status")), instantOrNull(rs, "invalidated_at"),
                rs.getString("invalid_reason"), instant(rs, "last_registered_at"), rs.getBoolean("test_device"),
                instant(rs, "created_at"), rs.getString("app_version"), properties(rs.getString("properties")));
    }

    /** Stored properties in key order; numbers with a fraction as BigDecimal, exactly as stored. */
    private static Map<String, Object> properties(@Nullable String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return Collections.unmodifiableMap(PROPERTIES.readValue(json, PROPERTY_MAP));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored properties are a JSON object", e);
        }
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return Objects.requireNonNull(instantOrNull(rs, column), "a column declared not null");
    }

    private static @Nullable Instant instantOrNull(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
