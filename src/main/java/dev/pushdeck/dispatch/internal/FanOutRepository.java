package dev.pushdeck.dispatch.internal;

import dev.pushdeck.app.FrequencyCap;
import dev.pushdeck.campaign.LocaleMatch;
import dev.pushdeck.campaign.QuietHours;
import dev.pushdeck.campaign.SplitTest;
import dev.pushdeck.device.ActivityTarget;
import dev.pushdeck.device.AttributeFilters;
import dev.pushdeck.device.Audience;
import dev.pushdeck.dispatch.LaunchRequest;
import dev.pushdeck.shared.jdbc.RecordRows;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A launch's fan-out: one queued delivery ({@code delivery_queue}) per device its audience
 * targets, made in one set-based statement that reads the device module's {@code devices} (and
 * {@code activity_registrations}) tables (docs/decisions/007-dispatch-runs.md). The statement's
 * parts depend on the run: device-local time, quiet hours ({@link QuietHoursPlacements}), the
 * app's frequency cap ({@link FrequencyCapSql}), content per language and A/B tests; a run
 * without any of them runs the plain insert. Deliveries skipped at launch go straight to the log.
 *
 * <p>Threading: stateless; joins the launch's transaction.
 */
@Repository
public class FanOutRepository {

    /**
     * What a fan-out made: how many deliveries (queued and skipped), the id range they took (null
     * when none), and how many of them wait in the queue.
     */
    public record Queued(int count, @Nullable Long firstId, @Nullable Long lastId, int waiting) {
    }

    /**
     * A device's place in its A/B test's order: by a hash of the run and the device, so the order
     * is fixed for a campaign and unrelated to when or how the device registered.
     */
    private static final String SPLIT_RANK = "row_number() over (order by md5(:seed || cast(d.id as text)), d.id)";
    /** Whether a device is held for the winner: outside the first test share of the audience in that order. */
    private static final String HELD = "(" + SPLIT_RANK + " > floor(count(*) over () * :testPercent / 100.0))";

    private final JdbcClient jdbc;
    private final QuietHoursPlacements placements;

    FanOutRepository(JdbcClient jdbc, QuietHoursPlacements placements) {
        this.jdbc = jdbc;
        this.placements = placements;
    }

    /**
     * One delivery per targeted ACTIVE device, set-based; or, for an audience with an activity
     * target, one per live Live Activity token it names on the devices selected (the device
     * module's {@code activity_registrations}, read as {@code devices} is), filed under its device.
     * With a device-local time, each row's release is that wall-clock time in the device's zone
     * (the fallback zone when it has none or PostgreSQL does not know it). The audience's attribute
     * filters apply in the same statement ({@link AttributeFilters}). With quiet hours, each
     * row's release is placed by zone ({@link #bindPlacements}); those that skip, and with the app's
     * frequency cap those to devices at it, are written to the log at once ({@link #fanOutSkipping}).
     * A run without either runs the plain insert, untouched by both. With content variants, each row
     * carries the variant of its device's locale ({@link #matchedTable}).
     *
     * <p>A launch that queues many rows onto a queue PostgreSQL takes for nearly empty has it
     * analyzed in the same transaction ({@link QueuePlans#afterLaunch}).
     *
     * @return how many deliveries were made, their id range and how many were queued
     */
    public Queued fanOut(LaunchRequest r) {
        Queued queued = queue(r);
        QueuePlans.afterLaunch(jdbc, queued.waiting());
        return queued;
    }

    private Queued queue(LaunchRequest r) {
        QuietHours quiet = r.quietHours();
        if (r.frequencyCap() != null || quiet != null && quiet.action() == QuietHours.Action.SKIP
                || r.split() != null) {
            return fanOutSkipping(r, quiet);
        }
        StringBuilder sql = new StringBuilder("with ").append(matchedTable(r)).append(releaseSource(r)).append("""
                queued as (
                insert into delivery_queue (tenant_id, app_id, run_id, device_id, token, release_at, next_attempt_at""")
                .append(variantColumn(r)).append(")\n");
        sql.append(targets(r, "r.at, r.at" + variantValue(r))).append(releaseJoin(r)).append(variantJoin(r));
        Map<String, Object> filterParams = new HashMap<>();
        sql.append(audienceConditions(r.audience(), filterParams));
        sql.append(" returning id) select count(*) as count, min(id) as first_id, max(id) as last_id,"
                + " count(*) as waiting from queued");
        JdbcClient.StatementSpec statement = bindVariants(bindAudience(jdbc.sql(sql.toString()), r, filterParams), r);
        return (quiet == null ? statement : bindPlacements(statement, r, quiet)).query(RecordRows.of(Queued.class))
                .single();
    }

    /** The CTE (with its comma) that a run's releases join: quiet hours' placements, the known zones, or none. */
    private static String releaseSource(LaunchRequest r) {
        if (r.quietHours() != null) {
            return QuietHoursPlacements.PLACED + ", ";
        }
        return r.deviceLocalTime() != null ? "zones as (select name from pg_timezone_names), " : "";
    }

    /** Joins each device {@code d}'s release {@code r} (its {@code at}, and with quiet hours {@code skipped}). */
    private static String releaseJoin(LaunchRequest r) {
        if (r.quietHours() != null) {
            return QuietHoursPlacements.PLACED_RELEASE;
        }
        // A local time that has already passed releases at the launch: no delivery's time
        // is ever before its run's launch, which the delivery log's time ranges rely on.
        return r.deviceLocalTime() != null
                ? " left join zones z on z.name = d.time_zone cross join lateral (select greatest(now(),"
                + " cast(:local as timestamp) at time zone coalesce(z.name, :fallback)) as at) r"
                : " cross join (select now() as at) r";
    }

    /**
     * The fan-out of a run that skips deliveries (quiet hours that skip, or the app's frequency
     * cap): the deliveries to send are queued and, in the same statement, the skipped ones are
     * written to the log as SKIPPED with their reason ({@value QuietHours#SKIP_REASON} first, then
     * {@value FrequencyCap#SKIP_REASON}) and counted, like any final outcome.
     */
    private Queued fanOutSkipping(LaunchRequest r, @Nullable QuietHours quiet) {
        Map<String, Object> filterParams = new HashMap<>();
        String quietReason = quiet == null ? "cast(null as text)" : "case when r.skipped then :skipReason end";
        FrequencyCap cap = r.frequencyCap();
        if (cap != null) {
            FrequencyCapSql.serialize(jdbc, r.appId());
        }
        String sql = OutcomeCounters.after("with " + matchedTable(r) + releaseSource(r) + "targets as materialized ("
                + targets(r, "r.at, " + quietReason + " as reason" + variantValue(r)) + releaseJoin(r) + variantJoin(r)
                + audienceConditions(r.audience(), filterParams) + ")" + FrequencyCapSql.judge(cap, variantColumn(r) + heldColumn(r))
                + """
                ,
                queued as (
                    insert into delivery_queue (tenant_id, app_id, run_id, device_id, token, release_at,
                                                next_attempt_at%2$s)
                    select tenant_id, app_id, :run, device_id, token, %3$s%2$s from %1$s where reason is null
                    returning id),
                changed as (
                    insert into deliveries as d (tenant_id, app_id, run_id, device_id, token, status, attempts,
                                                 release_at, reason, active_at%2$s)
                    select tenant_id, app_id, :run, device_id, token, 'SKIPPED', 0, at, reason, at%2$s
                    from %1$s where reason is not null
                    """.formatted(FrequencyCapSql.source(cap), variantColumn(r), queuedTimes(r))
                + OutcomeCounters.RETURNING + ")", """
                 select count(*) as count, min(id) as first_id, max(id) as last_id,
                        count(*) filter (where waiting) as waiting
                 from (select id, true as waiting from queued union all select id, false from changed) made""");
        JdbcClient.StatementSpec statement = bindSplit(FrequencyCapSql.bind(
                bindVariants(bindAudience(jdbc.sql(sql), r, filterParams), r), cap), r);
        return (quiet == null ? statement : bindPlacements(statement, r, quiet))
                .param("skipReason", QuietHours.SKIP_REASON).query(RecordRows.of(Queued.class)).single();
    }

    /**
     * Binds where each zone's deliveries go under the run's quiet hours
     * ({@link QuietHoursPlacements#PLACED}). A delivery's release depends only on its device's zone, so it is placed once per zone the
     * database knows, by the campaign's {@link QuietHours} rules (pure and table-tested), and the
     * set-based insert joins that table of about 1,200 rows. Devices whose zone is missing or
     * unknown take the fallback zone's place (docs/decisions/049-quiet-hours.md).
     */
    private JdbcClient.StatementSpec bindPlacements(JdbcClient.StatementSpec statement, LaunchRequest r,
                                                    QuietHours quiet) {
        return placements.bind(statement, r.deviceLocalTime(), r.fallbackZone(), quiet);
    }

    /**
     * The CTE {@code matched}: each stored locale of the app's devices whose best match is a
     * variant, with its number; empty text for a run without variants, whose statements stay as
     * they were. The matching is {@link LocaleMatch}, applied in Java once per distinct locale (a
     * few dozen), and the insert joins the result by the device's locale as it joins quiet hours'
     * zones (docs/decisions/055-content-per-language.md).
     */
    private static String matchedTable(LaunchRequest r) {
        return r.variants().isEmpty() ? "" : "matched as (select * from unnest(cast(:matchedLocales as text[]),"
                + " cast(:matchedVariants as smallint[])) as m(locale, variant)), ";
    }

    private static String variantColumn(LaunchRequest r) {
        return r.variants().isEmpty() ? "" : ", variant";
    }

    private static String variantValue(LaunchRequest r) {
        if (r.variants().isEmpty()) {
            return "";
        }
        return r.split() == null ? ", coalesce(m.variant, 0) as variant"
                : ", coalesce(m.variant, 0) + case when " + HELD + " then :restBase else (" + SPLIT_RANK
                + " - 1) % :versions * :stride end as variant, " + HELD + " as held";
    }

    /** The column that says a row of {@code targets} is held for an A/B test's winner; empty without a test. */
    private static String heldColumn(LaunchRequest r) {
        return r.split() == null ? "" : ", held";
    }

    /**
     * The release and first due time of a queued row of {@code targets}: its {@code at}, or for a
     * row held for an A/B test's winner, when the test is due to be decided and never (until then).
     */
    private static String queuedTimes(LaunchRequest r) {
        return r.split() == null ? "at, at"
                : "case when held then now() + make_interval(secs => :waitSeconds) else at end, case when held then timestamptz 'infinity' else at end";
    }

    /**
     * Binds an A/B test's split ({@link #SPLIT_RANK}, {@link #HELD}): the seed is the run's id, so
     * a campaign's audience always splits the same way.
     */
    private static JdbcClient.StatementSpec bindSplit(JdbcClient.StatementSpec statement, LaunchRequest r) {
        SplitTest split = r.split();
        if (split == null) {
            return statement;
        }
        return statement.param("seed", r.runId().toString()).param("testPercent", split.testPercent())
                .param("versions", split.versions()).param("stride", r.stride())
                .param("restBase", RunRepository.restBase(r))
                .param("waitSeconds", split.waitFor().toSeconds());
    }

    private static String variantJoin(LaunchRequest r) {
        return r.variants().isEmpty() ? "" : " left join matched m on m.locale = d.locale";
    }

    /** Binds {@link #matchedTable}: reads the app's distinct device locales and matches each. */
    private JdbcClient.StatementSpec bindVariants(JdbcClient.StatementSpec statement, LaunchRequest r) {
        if (r.variants().isEmpty()) {
            return statement;
        }
        List<String> variantLocales = r.variantLocales();
        List<String> locales = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (String locale : storedLocales(r)) {
            int variant = LocaleMatch.best(locale, variantLocales);
            if (variant != LocaleMatch.DEFAULT) {
                locales.add(locale);
                numbers.add(Integer.toString(variant));
            }
        }
        return statement.param("matchedLocales", locales.toArray(String[]::new))
                .param("matchedVariants", numbers.toArray(String[]::new));
    }

    /** The distinct locales the run's app's active devices in its environment report. */
    private List<String> storedLocales(LaunchRequest r) {
        return jdbc.sql("""
                        select distinct locale from devices
                        where tenant_id = :tenant and app_id = :app and environment = :env and status = 'ACTIVE'
                          and locale is not null""")
                .param("tenant", r.tenantId()).param("app", r.appId()).param("env", r.environment().wire())
                .query(String.class).list();
    }

    /**
     * {@code select <tenant, app, run, device, token>, <release>} from the devices (or their Live
     * Activity tokens, aliased {@code a}) aliased {@code d}; the caller joins the release {@code r}.
     */
    private static String targets(LaunchRequest r, String release) {
        return r.audience().activity() == null
                ? "select d.tenant_id, d.app_id, :run as run_id, d.id as device_id, d.token, " + release
                + " from devices d"
                : "select d.tenant_id, d.app_id, :run as run_id, d.id as device_id, a.token, " + release
                + " from activity_registrations a join devices d on d.id = a.device_id";
    }

    /**
     * The audience's conditions on the devices {@code d} (or their activity tokens {@code a});
     * its attribute filters' parameters go into {@code filterParams} for {@link #bindAudience}.
     */
    private static String audienceConditions(Audience audience, Map<String, Object> filterParams) {
        ActivityTarget activity = audience.activity();
        StringBuilder sql = new StringBuilder(activity == null
                ? " where d.tenant_id = :tenant and d.app_id = :app and d.environment = :env and d.status = 'ACTIVE'"
                : " where a.tenant_id = :tenant and a.app_id = :app and a.environment = :env and a.status = 'ACTIVE'"
                + " and (a.expires_at is null or a.expires_at > now()) and a.kind = :kind and a.attributes_type = :type");
        if (activity != null && !activity.activityIds().isEmpty()) {
            sql.append(" and a.activity_id = any(cast(:activities as text[]))");
        }
        if (!audience.tagsAny().isEmpty()) {
            sql.append(" and d.tags && cast(:any as text[])");
        }
        if (!audience.tagsAll().isEmpty()) {
            sql.append(" and d.tags @> cast(:all as text[])");
        }
        if (!audience.tokens().isEmpty()) {
            sql.append(activity == null ? " and d.token" : " and a.token").append(" = any(cast(:tokens as text[]))");
        }
        if (audience.testDevicesOnly()) {
            sql.append(" and d.test_device");
        }
        if (!audience.aliases().isEmpty()) {
            // Exact match; the lower-case condition lets the (app_id, lower(alias)) index narrow first.
            sql.append(" and lower(d.alias) collate \"C\" = any(cast(:lowerAliases as text[]))"
                    + " and d.alias = any(cast(:aliases as text[]))");
        }
        AttributeFilters.appendConditions(audience.filters(), sql, filterParams);
        return sql.toString();
    }

    /** The run, its team, app and environment, the device-local time and the audience's parameters and filters'. */
    private static JdbcClient.StatementSpec bindAudience(JdbcClient.StatementSpec sql, LaunchRequest r,
                                                         Map<String, Object> filterParams) {
        Audience audience = r.audience();
        ActivityTarget activity = audience.activity();
        LocalDateTime localTime = r.deviceLocalTime();
        return sql.params(filterParams).param("run", r.runId()).param("tenant", r.tenantId()).param("app", r.appId())
                .param("env", r.environment().wire())
                .param("local", localTime == null ? null : Timestamp.valueOf(localTime))
                .param("fallback", r.fallbackZone() == null ? "UTC" : r.fallbackZone().getId())
                .param("any", array(audience.tagsAny())).param("all", array(audience.tagsAll()))
                .param("tokens", array(audience.tokens())).param("aliases", array(audience.aliases()))
                .param("kind", activity == null ? null : activity.kind().name())
                .param("type", activity == null ? null : activity.attributesType())
                .param("activities", activity == null ? null : array(activity.activityIds()))
                .param("lowerAliases", audience.aliases().stream().map(a -> a.toLowerCase(Locale.ROOT))
                        .toArray(String[]::new));
    }

    private static String @Nullable [] array(@Nullable List<String> values) {
        return values == null ? null : values.toArray(String[]::new);
    }
}
