package dev.pushdeck.device.internal;

import static dev.pushdeck.device.internal.DeviceRows.array;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.device.AttributeFilters;
import dev.pushdeck.device.Audience;
import dev.pushdeck.device.LocaleCount;
import dev.pushdeck.device.ReportedProperty;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL over the ACTIVE devices a campaign's {@link Audience} reaches: how many (also by
 * locale), which of some tokens or aliases are there, and which properties devices report to
 * filter on.
 */
@Repository
public class DeviceAudiences {

    /** How many devices the sample for {@link #reportedProperties} reads at most. */
    private static final int PROPERTY_SAMPLE = 5_000;
    private static final int MAX_REPORTED_KEYS = 200;

    private final JdbcClient jdbc;

    DeviceAudiences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

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

}
