package dev.pushdeck.campaign.internal;

import static dev.pushdeck.shared.jdbc.RecordRows.instant;
import static dev.pushdeck.shared.jdbc.RecordRows.requiredInstant;
import static dev.pushdeck.shared.jdbc.RecordRows.timestamp;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.FrequencyCap;
import dev.pushdeck.campaign.AudienceSpec;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.CampaignFilter;
import dev.pushdeck.campaign.CampaignKind;
import dev.pushdeck.campaign.CampaignPosition;
import dev.pushdeck.campaign.CampaignStatus;
import dev.pushdeck.campaign.Expiration;
import dev.pushdeck.campaign.LaunchPlan;
import dev.pushdeck.campaign.Payload;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.campaign.QuietHours;
import dev.pushdeck.campaign.ResolvedSchedule;
import dev.pushdeck.campaign.Schedule;
import dev.pushdeck.campaign.TrackingKey;
import dev.pushdeck.campaign.VariantPayload;
import dev.pushdeck.campaign.dispatcher.DueCampaign;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for campaigns. Every people-facing query filters by (tenant_id, id); the
 * dispatcher's {@link #lockNextDue} works across teams, and {@link #startSending} reads the
 * app's bundle id in the statement that changes the status, so the launch plan is consistent
 * with it.
 */
@Repository
public class CampaignRepository {

    private static final String COLUMNS = "c.*";
    private final JdbcClient jdbc;

    CampaignRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public UUID insert(UUID tenant, UUID appId, CampaignKind kind, CampaignRules.Checked checked,
                       CampaignStatus status, long audienceCount, String createdBy) {
        JdbcClient.StatementSpec sql = jdbc.sql("""
                insert into campaigns (tenant_id, app_id, kind, created_by, name, environment, %s, %s, payload,
                    payload_bytes, push_type, priority, expires_after_seconds, expires_at, collapse_id, audience_type,
                    audience_tags, audience_match, audience_tokens, audience_aliases, audience_activity_ids,
                    audience_channel, audience_filters, audience_count, schedule_local, schedule_zone,
                    device_local_time, scheduled_at, throttle_per_minute, track_opens, quiet_from, quiet_to,
                    quiet_action, content_variants, ab_test, status)
                values (:tenant, :app, :kind, :createdBy, :name, :environment, %s, %s, :payload, :payloadBytes,
                    :pushType, :priority, :afterSeconds, :expiresAt, :collapseId, :audienceType, :tags, :match,
                    :tokens, :aliases, :activityIds, :channel, cast(:filters as jsonb), :audienceCount,
                    :scheduleLocal, :scheduleZone, :deviceLocal, :scheduledAt, :throttle, :trackOpens, :quietFrom,
                    :quietTo, :quietAction, cast(:variants as jsonb), cast(:abTest as jsonb), :status)
                returning id""".formatted(ContentColumns.NAMES, LiveActivityColumns.NAMES, ContentColumns.VALUES,
                        LiveActivityColumns.VALUES))
                .param("tenant", tenant).param("app", appId).param("kind", kind.name()).param("createdBy", createdBy);
        return bindState(sql, checked, status, audienceCount).query(UUID.class).single();
    }

    /** Replaces everything people may change, only while the campaign is DRAFT or SCHEDULED. */
    public boolean update(UUID tenant, UUID id, CampaignRules.Checked checked, CampaignStatus status,
                          long audienceCount) {
        JdbcClient.StatementSpec sql = jdbc.sql("""
                update campaigns set name = :name, environment = :environment, %s, %s, payload = :payload,
                    payload_bytes = :payloadBytes, push_type = :pushType, priority = :priority,
                    expires_after_seconds = :afterSeconds, expires_at = :expiresAt, collapse_id = :collapseId,
                    audience_type = :audienceType, audience_tags = :tags, audience_match = :match,
                    audience_tokens = :tokens, audience_aliases = :aliases, audience_activity_ids = :activityIds,
                    audience_channel = :channel, audience_filters = cast(:filters as jsonb),
                    audience_count = :audienceCount,
                    schedule_local = :scheduleLocal,
                    schedule_zone = :scheduleZone, device_local_time = :deviceLocal, scheduled_at = :scheduledAt,
                    throttle_per_minute = :throttle, track_opens = :trackOpens, quiet_from = :quietFrom,
                    quiet_to = :quietTo, quiet_action = :quietAction, content_variants = cast(:variants as jsonb),
                    ab_test = cast(:abTest as jsonb), status = :status,
                    updated_at = now()
                where tenant_id = :tenant and id = :id and status in ('DRAFT', 'SCHEDULED')"""
                .formatted(ContentColumns.ASSIGNMENTS, LiveActivityColumns.ASSIGNMENTS)).param("tenant", tenant)
                .param("id", id);
        return bindState(sql, checked, status, audienceCount).update() == 1;
    }

    private static JdbcClient.StatementSpec bindState(JdbcClient.StatementSpec sql, CampaignRules.Checked checked,
                                                      CampaignStatus status, long audienceCount) {
        CampaignDraft d = checked.draft();
        Payload payload = Objects.requireNonNull(checked.payload(), "only a valid check is stored; it built its payload");
        Schedule schedule = d.schedule();
        ResolvedSchedule resolved = checked.schedule();
        AudienceSpec audience = d.audience();
        QuietHours quiet = d.quietHours();
        ContentColumns.bind(sql, d.notification(), d.rawPayload());
        LiveActivityColumns.bind(sql, d.liveActivity());
        return sql.param("name", d.name()).param("environment", d.environment().wire())
                .param("payload", payload.json()).param("payloadBytes", payload.bytes())
                .param("pushType", d.pushType().wire()).param("priority", d.pushType().effectivePriority(d.priority()))
                .param("afterSeconds", d.expiration().afterSeconds())
                .param("expiresAt", timestamp(d.expiration().at())).param("collapseId", d.collapseId())
                .param("audienceType", audience.type().name()).param("tags", audience.tags().toArray(String[]::new))
                .param("match", audience.match().name()).param("tokens", audience.tokens().toArray(String[]::new))
                .param("aliases", audience.aliases().toArray(String[]::new))
                .param("activityIds", audience.activityIds().toArray(String[]::new)).param("channel", audience.channel())
                .param("filters", FilterColumn.write(audience.filters()))
                .param("audienceCount", audienceCount)
                .param("scheduleLocal", schedule == null ? null : schedule.at())
                .param("scheduleZone", resolved == null ? null : resolved.zone().getId())
                .param("deviceLocal", schedule != null && schedule.deviceLocalTime())
                .param("scheduledAt", resolved == null ? null : timestamp(resolved.firstAt()))
                .param("throttle", d.throttlePerMinute()).param("trackOpens", d.trackOpens())
                .param("quietFrom", quiet == null ? null : quiet.from())
                .param("quietTo", quiet == null ? null : quiet.to())
                .param("quietAction", quiet == null ? null : quiet.action().name())
                .param("variants", VariantColumn.write(d.variants()))
                .param("abTest", AbTestColumn.write(d.abTest()))
                .param("status", status.name());
    }

    public Optional<Campaign> find(UUID tenant, UUID id) {
        return jdbc.sql("select * from campaigns c where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).query(CampaignRepository::campaign).optional();
    }

    /** Locks the row for the rest of the transaction, so edits and launches serialize. */
    public Optional<Campaign> lock(UUID tenant, UUID id) {
        return jdbc.sql("select * from campaigns c where tenant_id = :tenant and id = :id for update")
                .param("tenant", tenant).param("id", id).query(CampaignRepository::campaign).optional();
    }

    /**
     * Newest first; {@code text} matches a part of the name, case-insensitively. With
     * {@code after} the list starts behind that campaign.
     */
    public List<Campaign> list(UUID tenant, CampaignFilter filter, @Nullable CampaignPosition after, long offset,
                               int limit) {
        String behind = after == null ? "" : " and (created_at, id) < (:afterAt, :afterId)";
        return where(jdbc.sql("select * from campaigns c where " + conditions(filter) + behind
                + " order by created_at desc, id desc offset :offset limit :limit"), tenant, filter)
                .param("afterAt", after == null ? null : timestamp(after.createdAt()))
                .param("afterId", after == null ? null : after.id())
                .param("offset", offset).param("limit", limit).query(CampaignRepository::campaign).list();
    }

    public long count(UUID tenant, CampaignFilter filter) {
        return where(jdbc.sql("select count(*) from campaigns c where " + conditions(filter)), tenant, filter)
                .query(Long.class).single();
    }

    private static String conditions(CampaignFilter filter) {
        StringBuilder sql = new StringBuilder("tenant_id = :tenant");
        if (filter.status() != null) {
            sql.append(" and status = :status");
        }
        if (filter.appId() != null) {
            sql.append(" and app_id = :app");
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            sql.append(" and strpos(lower(name), lower(:text)) > 0");
        }
        if (filter.kind() != null) {
            sql.append(" and kind = :kind");
        }
        return sql.toString();
    }

    private static JdbcClient.StatementSpec where(JdbcClient.StatementSpec sql, UUID tenant, CampaignFilter filter) {
        return sql.param("tenant", tenant).param("status", filter.status() == null ? null : filter.status().name())
                .param("app", filter.appId()).param("text", filter.text() == null ? null : filter.text().strip())
                .param("kind", filter.kind() == null ? null : filter.kind().name());
    }

    public boolean deleteDraft(UUID tenant, UUID id) {
        return jdbc.sql("delete from campaigns where tenant_id = :tenant and id = :id and status = 'DRAFT'")
                .param("tenant", tenant).param("id", id).update() == 1;
    }

    /**
     * Moves a campaign from one of {@code from} to {@code to}; COMPLETED, CANCELLED and FAILED
     * also stamp completed_at. Judged in one statement, so concurrent callers cannot both win.
     */
    public boolean transition(UUID tenant, UUID id, Collection<CampaignStatus> from, CampaignStatus to,
                              @Nullable String reason) {
        boolean finished = to == CampaignStatus.COMPLETED || to == CampaignStatus.CANCELLED
                || to == CampaignStatus.FAILED;
        return jdbc.sql("""
                update campaigns set status = :to, status_reason = :reason, updated_at = now(),
                    completed_at = case when :finished then now() else completed_at end
                where tenant_id = :tenant and id = :id and status = any(cast(:from as text[]))""")
                .param("to", to.name()).param("reason", reason).param("finished", finished)
                .param("tenant", tenant).param("id", id)
                .param("from", from.stream().map(Enum::name).toArray(String[]::new)).update() == 1;
    }

    /**
     * Locks the SCHEDULED campaign due longest by database time, skipping rows locked
     * elsewhere and those {@code passedOver}; only ids are read, so a row that cannot be read
     * as a campaign still comes back to be failed.
     */
    public Optional<DueCampaign> lockNextDue(Collection<UUID> passedOver) {
        return jdbc.sql("""
                select tenant_id, id from campaigns
                where status = 'SCHEDULED' and scheduled_at <= now() and id <> all(cast(:passedOver as uuid[]))
                order by scheduled_at limit 1 for update skip locked""")
                .param("passedOver", passedOver.stream().map(UUID::toString).toArray(String[]::new))
                .query((rs, row) -> new DueCampaign(rs.getObject("tenant_id", UUID.class),
                        rs.getObject("id", UUID.class))).optional();
    }

    /** One DRAFT or SCHEDULED campaign → SENDING now. */
    public Optional<LaunchPlan> startSending(UUID tenant, UUID id) {
        return jdbc.sql("""
                update campaigns c set status = 'SENDING', launched_at = now(), updated_at = now()
                from apps a
                where a.id = c.app_id and c.tenant_id = :tenant and c.id = :id and c.status in ('DRAFT', 'SCHEDULED')
                returning c.*, a.bundle_id, a.cap_per_day, a.cap_per_week""").param("tenant", tenant).param("id", id)
                .query(CampaignRepository::plan).optional();
    }

    /**
     * A Live Activity's payload is stamped with the launch (its {@code timestamp}: when it was sent);
     * a tracked one names the campaign in its {@link TrackingKey}.
     */
    private static LaunchPlan plan(ResultSet rs, int row) throws SQLException {
        CampaignDraft d = draft(rs);
        Long after = d.expiration().afterSeconds();
        UUID id = rs.getObject("id", UUID.class);
        Instant launchedAt = Objects.requireNonNull(instant(rs, "launched_at"), "a plan is read as its launch is stored");
        String payload = d.liveActivityComposed()
                ? LiveActivityPayload.stamp(rs.getString("payload"), launchedAt)
                : rs.getString("payload");
        // A draft stored before tracking existed has no key, whatever its flag says.
        boolean tracked = d.carriesTrackingKey() && TrackingKey.carriedBy(payload);
        List<VariantPayload> variants = LaunchVariants.of(d, launchedAt, id);
        return new LaunchPlan(rs.getObject("tenant_id", UUID.class), id,
                rs.getObject("app_id", UUID.class), d.environment(), d.pushType().topic(rs.getString("bundle_id")),
                tracked ? TrackingKey.launched(payload, id) : payload, tracked, d.pushType(), d.priority(), d.expiration().at(),
                after == null ? null : Duration.ofSeconds(after), d.collapseId(), d.throttlePerMinute(),
                d.audience().broadcast() ? null : d.reach(),
                d.schedule() != null && d.schedule().deviceLocalTime(),
                d.schedule() == null ? null : d.schedule().at(),
                d.schedule() == null || d.schedule().zone() == null ? null
                        : ScheduleResolver.zone(d.schedule().zone()), d.audience().channel(), d.quietHours(),
                capped(CampaignKind.valueOf(rs.getString("kind")), d) ? FrequencyCap.of(
                        rs.getObject("cap_per_day", Integer.class), rs.getObject("cap_per_week", Integer.class)) : null,
                variants, LaunchVariants.split(d));
    }

    /**
     * Whether the app's frequency cap holds a campaign back: only composed campaigns to devices are
     * capped; transactional and test sends, Live Activity updates and broadcasts are not
     * (docs/decisions/054-frequency-caps.md).
     */
    private static boolean capped(CampaignKind kind, CampaignDraft draft) {
        return kind == CampaignKind.CAMPAIGN && draft.pushType() != PushType.LIVEACTIVITY
                && !draft.audience().broadcast();
    }

    static Campaign campaign(ResultSet rs, int row) throws SQLException {
        CampaignDraft d = draft(rs);
        return new Campaign(rs.getObject("id", UUID.class), rs.getObject("app_id", UUID.class),
                CampaignKind.valueOf(rs.getString("kind")), d,
                Payload.of(rs.getString("payload"), d.pushType(), d.carriesTrackingKey()),
                rs.getLong("audience_count"),
                instant(rs, "scheduled_at"), CampaignStatus.valueOf(rs.getString("status")),
                rs.getString("status_reason"), rs.getString("created_by"), requiredInstant(rs, "created_at"),
                requiredInstant(rs, "updated_at"), instant(rs, "launched_at"), instant(rs, "completed_at"));
    }

    private static CampaignDraft draft(ResultSet rs) throws SQLException {
        String raw = rs.getString("raw_payload");
        Long after = rs.getObject("expires_after_seconds", Long.class);
        Instant at = instant(rs, "expires_at");
        LocalDateTime local = rs.getObject("schedule_local", LocalDateTime.class);
        Schedule schedule = local == null ? null
                : new Schedule(local, rs.getString("schedule_zone"), rs.getBoolean("device_local_time"));
        AudienceSpec audience = new AudienceSpec(AudienceSpec.Type.valueOf(rs.getString("audience_type")),
                strings(rs.getArray("audience_tags")), AudienceSpec.Match.valueOf(rs.getString("audience_match")),
                strings(rs.getArray("audience_tokens")), strings(rs.getArray("audience_aliases")),
                strings(rs.getArray("audience_activity_ids")), rs.getObject("audience_channel", UUID.class),
                FilterColumn.read(rs.getString("audience_filters")));
        return new CampaignDraft(rs.getString("name"), ApnsEnvironment.parse(rs.getString("environment")),
                ContentColumns.read(rs), raw, PushType.parse(rs.getString("push_type")), rs.getInt("priority"),
                new Expiration(after, at), rs.getString("collapse_id"), audience, schedule,
                rs.getObject("throttle_per_minute", Integer.class), LiveActivityColumns.read(rs),
                rs.getBoolean("track_opens"), quietHours(rs), VariantColumn.read(rs.getString("content_variants")),
                AbTestColumn.read(rs.getString("ab_test")));
    }

    private static @Nullable QuietHours quietHours(ResultSet rs) throws SQLException {
        String action = rs.getString("quiet_action");
        return action == null ? null : new QuietHours(rs.getObject("quiet_from", LocalTime.class),
                rs.getObject("quiet_to", LocalTime.class), QuietHours.Action.valueOf(action));
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
