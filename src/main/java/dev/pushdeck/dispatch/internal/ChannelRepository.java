package dev.pushdeck.dispatch.internal;

import static dev.pushdeck.shared.jdbc.RecordRows.instant;
import static dev.pushdeck.shared.jdbc.RecordRows.requiredInstant;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.dispatch.BroadcastChannel;
import dev.pushdeck.dispatch.ChannelBroadcast;
import dev.pushdeck.dispatch.StoragePolicy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code broadcast_channels}; every statement filters by tenant and app. */
@Repository
public class ChannelRepository {

    private static final String COLUMNS = "id, app_id, environment, channel_id, storage_policy, name, created_by, "
            + "created_at";

    private static final String BROADCAST_COLUMNS = "id, channel_ref, payload, priority, expires_at, status, "
            + "status_code, reason, apns_request_id, apns_unique_id, sent_by, sent_at";

    private final JdbcClient jdbc;

    ChannelRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An app's channels in an environment, newest first. */
    public List<BroadcastChannel> list(UUID tenantId, UUID appId, ApnsEnvironment environment) {
        return jdbc.sql("select " + COLUMNS + " from broadcast_channels where tenant_id = :tenant and app_id = :app"
                        + " and environment = :env order by created_at desc, id")
                .param("tenant", tenantId).param("app", appId).param("env", environment.wire())
                .query(ChannelRepository::channel).list();
    }

    public Optional<BroadcastChannel> find(UUID tenantId, UUID appId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from broadcast_channels where tenant_id = :tenant and app_id = :app"
                        + " and id = :id")
                .param("tenant", tenantId).param("app", appId).param("id", id)
                .query(ChannelRepository::channel).optional();
    }

    public Optional<BroadcastChannel> find(UUID tenantId, UUID appId, ApnsEnvironment environment, String channelId) {
        return jdbc.sql("select " + COLUMNS + " from broadcast_channels where tenant_id = :tenant and app_id = :app"
                        + " and environment = :env and channel_id = :channel")
                .param("tenant", tenantId).param("app", appId).param("env", environment.wire())
                .param("channel", channelId).query(ChannelRepository::channel).optional();
    }

    public long count(UUID tenantId, UUID appId, ApnsEnvironment environment) {
        return jdbc.sql("select count(*) from broadcast_channels where tenant_id = :tenant and app_id = :app"
                        + " and environment = :env")
                .param("tenant", tenantId).param("app", appId).param("env", environment.wire())
                .query(Long.class).single();
    }

    /** Lists a channel; a channel id listed already stays as it is. */
    public Optional<BroadcastChannel> insert(UUID tenantId, UUID appId, ApnsEnvironment environment, String channelId,
                                             StoragePolicy policy, String name, String createdBy) {
        return jdbc.sql("""
                        insert into broadcast_channels (tenant_id, app_id, environment, channel_id, storage_policy, name,
                            created_by)
                        values (:tenant, :app, :env, :channel, :policy, :name, :by)
                        on conflict (app_id, environment, channel_id) do nothing
                        returning\s""" + COLUMNS)
                .param("tenant", tenantId).param("app", appId).param("env", environment.wire())
                .param("channel", channelId).param("policy", policy == null ? null : policy.apple())
                .param("name", name).param("by", createdBy).query(ChannelRepository::channel).optional();
    }

    public boolean delete(UUID tenantId, UUID appId, UUID id) {
        return jdbc.sql("delete from broadcast_channels where tenant_id = :tenant and app_id = :app and id = :id")
                .param("tenant", tenantId).param("app", appId).param("id", id).update() == 1;
    }

    /** Forgets the app's channels of an environment whose ids are not in {@code kept}; answers how many. */
    public int deleteAllBut(UUID tenantId, UUID appId, ApnsEnvironment environment, Collection<String> kept) {
        return jdbc.sql("""
                        delete from broadcast_channels where tenant_id = :tenant and app_id = :app and environment = :env
                          and channel_id <> all(cast(:kept as text[]))""")
                .param("tenant", tenantId).param("app", appId).param("env", environment.wire())
                .param("kept", kept.toArray(String[]::new)).update();
    }

    /** Records a broadcast to a channel of the tenant and Apple's answer; empty when the channel is gone. */
    public Optional<ChannelBroadcast> insertBroadcast(UUID tenantId, ChannelBroadcast b) {
        return jdbc.sql("""
                        insert into channel_broadcasts (tenant_id, channel_ref, payload, priority, expires_at, status,
                            status_code, reason, apns_request_id, apns_unique_id, sent_by)
                        select :tenant, id, :payload, :priority, :expires, :status, :code, :reason, :request, :unique,
                            :by from broadcast_channels where tenant_id = :tenant and id = :channel
                        returning\s""" + BROADCAST_COLUMNS)
                .param("tenant", tenantId).param("channel", b.channelRef()).param("payload", b.payload())
                .param("priority", b.priority()).param("expires", b.expiresAt() == null ? null
                        : OffsetDateTime.ofInstant(b.expiresAt(), ZoneOffset.UTC))
                .param("status", b.status()).param("code", b.statusCode()).param("reason", b.reason())
                .param("request", b.apnsRequestId()).param("unique", b.apnsUniqueId()).param("by", b.sentBy())
                .query(ChannelRepository::broadcast).optional();
    }

    /** A channel's most recent broadcasts, newest first. */
    public List<ChannelBroadcast> broadcasts(UUID tenantId, UUID channelRef, int limit) {
        return jdbc.sql("select " + BROADCAST_COLUMNS + " from channel_broadcasts where tenant_id = :tenant"
                        + " and channel_ref = :channel order by sent_at desc, id limit :limit")
                .param("tenant", tenantId).param("channel", channelRef).param("limit", limit)
                .query(ChannelRepository::broadcast).list();
    }

    private static ChannelBroadcast broadcast(ResultSet rs, int row) throws SQLException {
        return new ChannelBroadcast(rs.getObject("id", UUID.class), rs.getObject("channel_ref", UUID.class),
                rs.getString("payload"), rs.getInt("priority"), instant(rs, "expires_at"),
                rs.getString("status"), rs.getObject("status_code", Integer.class), rs.getString("reason"),
                rs.getObject("apns_request_id", UUID.class), rs.getObject("apns_unique_id", UUID.class),
                rs.getString("sent_by"), requiredInstant(rs, "sent_at"));
    }

    private static BroadcastChannel channel(ResultSet rs, int row) throws SQLException {
        Integer policy = rs.getObject("storage_policy", Integer.class);
        return new BroadcastChannel(rs.getObject("id", UUID.class), rs.getObject("app_id", UUID.class),
                ApnsEnvironment.parse(rs.getString("environment")), rs.getString("channel_id"),
                policy == null ? null : StoragePolicy.ofApple(policy), rs.getString("name"), rs.getString("created_by"),
                requiredInstant(rs, "created_at"));
    }
}
