package dev.pushdeck.device.internal;

import dev.pushdeck.app.ApnsEnvironment;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The set-based upsert behind CSV imports: one statement per chunk, rows passed as
 * parallel arrays and expanded with {@code unnest}. Only the columns the file has are
 * written, and an existing device is touched only when one of them differs, so an
 * identical re-import changes (and counts) nothing. Status and last registration of
 * existing devices are never changed by an import.
 */
@Repository
public class ImportChunkRepository {

    private final JdbcClient jdbc;
    private final Map<Columns, String> statements = new ConcurrentHashMap<>();

    ImportChunkRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Which optional columns the file has. */
    public record Columns(boolean tags, boolean alias, boolean locale, boolean timeZone) {
    }

    /** One row to write; a chunk holds each (environment, token) at most once. */
    public record Row(ApnsEnvironment environment, String token, @Nullable List<String> tags, @Nullable String alias,
                      @Nullable String locale, @Nullable String timeZone) {
    }

    public record Counts(long inserted, long updated) {
    }

    public Counts upsert(UUID tenantId, UUID appId, Columns columns, List<Row> rows, Instant now) {
        int n = rows.size();
        String[] environments = new String[n];
        String[] tokens = new String[n];
        String[] tags = new String[n];
        String[] aliases = new String[n];
        String[] locales = new String[n];
        String[] zones = new String[n];
        for (int i = 0; i < n; i++) {
            Row row = rows.get(i);
            environments[i] = row.environment().wire();
            tokens[i] = row.token();
            tags[i] = row.tags() == null ? "" : DeviceRows.joinTags(row.tags());
            aliases[i] = row.alias();
            locales[i] = row.locale();
            zones[i] = row.timeZone();
        }
        return jdbc.sql(statements.computeIfAbsent(columns, ImportChunkRepository::statement))
                .param("tenant", tenantId).param("app", appId).param("now", Timestamp.from(now))
                .param("envs", environments).param("tokens", tokens).param("tags", tags).param("aliases", aliases)
                .param("locales", locales).param("zones", zones)
                .query((rs, i) -> new Counts(rs.getLong("inserted"), rs.getLong("updated"))).single();
    }

    /** A stored device that was marked dead before this import. */
    private static final String REVIVABLE = "(d.status <> 'ACTIVE' and d.invalidated_at < :now)";
    private static final String REVIVE = ("status = case when %1$s then 'ACTIVE' else d.status end,"
            + " invalidated_at = case when %1$s then null else d.invalidated_at end,"
            + " invalid_reason = case when %1$s then null else d.invalid_reason end,"
            + " invalid_run_id = case when %1$s then null else d.invalid_run_id end").formatted(REVIVABLE);

    private static String statement(Columns columns) {
        StringBuilder set = new StringBuilder();
        StringBuilder changed = new StringBuilder();
        add(columns.tags(), "tags", set, changed);
        add(columns.alias(), "alias", set, changed);
        add(columns.locale(), "locale", set, changed);
        add(columns.timeZone(), "time_zone", set, changed);
        // A device APNs refused or unregistered before this import comes back, as with a
        // newer registration: the file says the token is in use now.
        set.append(set.isEmpty() ? "" : ", ").append(REVIVE);
        String differs = changed.isEmpty() ? "" : "(" + changed.toString().replace("excluded.", "d.") + ")"
                + " is distinct from (" + changed + ") or ";
        String onConflict = "do update set " + set + " where " + differs + REVIVABLE;
        return """
                with incoming as (
                    select * from unnest(cast(:envs as text[]), cast(:tokens as text[]), cast(:tags as text[]),
                                         cast(:aliases as text[]), cast(:locales as text[]), cast(:zones as text[]))
                           as r(environment, token, tags, alias, locale, time_zone)
                ), written as (
                    insert into devices as d (tenant_id, app_id, environment, token, tags, alias, locale, time_zone,
                                              last_registered_at)
                    select :tenant, :app, environment, token,
                           case when tags = '' then '{}'::text[] else string_to_array(tags, chr(31)) end,
                           nullif(alias, ''), nullif(locale, ''), nullif(time_zone, ''), :now
                    from incoming
                    on conflict (app_id, environment, token) %s
                    returning (xmax = 0) as inserted
                )
                select count(*) filter (where inserted) as inserted, count(*) filter (where not inserted) as updated
                from written""".formatted(onConflict);
    }

    private static void add(boolean present, String column, StringBuilder set, StringBuilder changed) {
        if (present) {
            set.append(set.isEmpty() ? "" : ", ").append(column).append(" = excluded.").append(column);
            changed.append(changed.isEmpty() ? "" : ", ").append("excluded.").append(column);
        }
    }
}
