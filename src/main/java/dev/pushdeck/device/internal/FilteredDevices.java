package dev.pushdeck.device.internal;

import static dev.pushdeck.device.internal.DeviceRows.COLUMNS;
import static dev.pushdeck.device.internal.DeviceRows.array;

import dev.pushdeck.device.AttributeFilters;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceFilter;
import dev.pushdeck.device.DevicePosition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL over the devices a {@link DeviceFilter} matches in one app: the grid's pages, the
 * export's keyset pages and bulk tag changes. Lists page with offset/limit over an index that
 * matches their order, never with a count.
 */
@Repository
public class FilteredDevices {

    /** Sorts after every character, so {@code x >= p and x < p || MAX} is a prefix match an index can serve. */
    private static final String MAX_CHAR = new String(Character.toChars(Character.MAX_CODE_POINT));

    private final JdbcClient jdbc;

    FilteredDevices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A page of an app's devices in the filter's order; offset/limit ride on the matching
     * index. With {@code after} (token order only) the page starts behind that device.
     */
    public List<Device> list(UUID tenantId, UUID appId, DeviceFilter filter, @Nullable DevicePosition after,
                             long offset, int limit) {
        Statement statement = listStatement(tenantId, appId, filter, after, offset, limit);
        return jdbc.sql(statement.sql()).params(statement.params()).query(DeviceRows::device).list();
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
                .param("token", last == null ? "" : last.token()).param("limit", limit).query(DeviceRows::device).list();
    }
}
