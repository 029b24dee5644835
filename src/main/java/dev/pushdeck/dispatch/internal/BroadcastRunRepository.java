package dev.pushdeck.dispatch.internal;

import static dev.pushdeck.shared.jdbc.RecordRows.timestamp;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.dispatch.DeliveryStatus;
import dev.pushdeck.shared.jdbc.RecordRows;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for broadcast runs: a run with a channel instead of queue rows, sent once and written as
 * one delivery (docs/decisions/044-broadcast-campaigns.md). Its state lives on the run row, so a
 * cancel and a send that race for it are ordered by that row's lock. The worker's claimer never
 * sees these runs ({@link ClaimRepository#candidates()} leaves them out).
 */
@Repository
public class BroadcastRunRepository {

    /** A broadcast run as its sender needs it. */
    public record OpenRun(UUID id, UUID tenantId, UUID appId, ApnsEnvironment environment, String status, String topic,
                          String payload, int priority, @Nullable Instant expiresAt, UUID channelRef,
                          String channelId, UUID requestId, Instant launchedAt, @Nullable Instant takenAt) {
    }

    private static final String OPEN_COLUMNS = "id, tenant_id, app_id, environment, status, topic, payload, priority,"
            + " expires_at, channel_ref, channel_id, broadcast_request_id as request_id, launched_at,"
            + " broadcast_taken_at as taken_at";

    private final JdbcClient jdbc;

    BroadcastRunRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a SENDING broadcast run of one delivery, with its counters. */
    public void insertRun(UUID tenantId, UUID runId, UUID appId, ApnsEnvironment environment, String topic,
                          String payload, int payloadBytes, int priority, @Nullable Instant expiresAt, UUID channelRef,
                          String channelId) {
        jdbc.sql("""
                        insert into dispatch_runs (id, tenant_id, app_id, environment, topic, payload, payload_bytes,
                            push_type, priority, expires_at, deliveries_total, channel_ref, channel_id,
                            broadcast_request_id)
                        values (:id, :tenant, :app, :env, :topic, :payload, :bytes, 'liveactivity', :priority,
                            :expires, 1, :channelRef, :channelId, gen_random_uuid())""")
                .param("id", runId).param("tenant", tenantId).param("app", appId).param("env", environment.wire())
                .param("topic", topic).param("payload", payload).param("bytes", payloadBytes)
                .param("priority", priority).param("expires", timestamp(expiresAt)).param("channelRef", channelRef)
                .param("channelId", channelId).update();
        jdbc.sql("insert into run_counts (run_id) values (:id)").param("id", runId).update();
    }

    /**
     * Takes a sending broadcast run for its one send; empty when it is not sending, was taken
     * already or has its outcome, or while its app's environment is paused (the app module's
     * {@code app_environment_pauses}, read as the claimer reads it; the sweep sends it later, if
     * it is still wanted). A run is taken once, ever: what happens to the request after
     * this is answered by Apple or, when no answer came, recorded as FAILED, never sent again.
     */
    public Optional<OpenRun> take(UUID runId) {
        return jdbc.sql("""
                        update dispatch_runs r set broadcast_taken_at = now()
                        where id = :id and channel_ref is not null and status = 'SENDING'
                          and broadcast_taken_at is null and broadcast_done_at is null
                          and not exists (select 1 from app_environment_pauses p
                                          where p.app_id = r.app_id and p.environment = r.environment)
                        returning\s""" + OPEN_COLUMNS)
                .param("id", runId).query(RecordRows.of(OpenRun.class)).optional();
    }

    /** Whether the run is a broadcast that has not been taken for sending. */
    public boolean untaken(UUID runId) {
        return jdbc.sql("""
                        select count(*) from dispatch_runs where id = :id and channel_ref is not null
                          and broadcast_taken_at is null and broadcast_done_at is null""")
                .param("id", runId).query(Long.class).single() == 1;
    }

    /**
     * Writes the run's one outcome into the log and its counters, once: the run row is marked
     * done in the same statement. {@code sent} says whether the request went out (it then carries
     * the apns-request-id as the delivery's apns-id); a broadcast never taken can only be
     * finished unsent (cancelled, expired).
     *
     * @return the delivery's id; empty when the outcome was written already
     */
    public Optional<Long> finish(UUID runId, boolean sent, DeliveryStatus status, @Nullable Integer statusCode,
                                 @Nullable String reason, @Nullable UUID uniqueId) {
        Optional<Long> written = jdbc.sql(OutcomeCounters.after("""
                        with run as (
                            update dispatch_runs set broadcast_done_at = now(), devices_settled_at = now()
                            where id = :id and channel_ref is not null and broadcast_done_at is null
                              and (broadcast_taken_at is not null) = :sent
                            returning *),
                        changed as (
                            insert into deliveries as d (tenant_id, app_id, run_id, device_id, token, apns_id, status,
                                attempts, release_at, status_code, reason, last_attempt_at, accepted_at, apns_unique_id,
                                active_at)
                            select tenant_id, app_id, id, channel_ref, channel_id,
                                   case when :sent then broadcast_request_id end, :status, case when :sent then 1 else 0 end,
                                   launched_at, :code, :reason, case when :sent then now() end,
                                   case when :status = 'ACCEPTED' then now() end, :unique,
                                   case when :sent then now() else launched_at end
                            from run
                            """ + OutcomeCounters.RETURNING + ")",
                        " select id from changed"))
                .param("id", runId).param("sent", sent).param("status", status.name()).param("code", statusCode)
                .param("reason", reason).param("unique", uniqueId).query(Long.class).optional();
        // The log's per-run pages are bounded by the run's id range (V7).
        written.ifPresent(id -> jdbc.sql("update dispatch_runs set first_delivery_id = :d, last_delivery_id = :d"
                + " where id = :id").param("d", id).param("id", runId).update());
        return written;
    }

    /**
     * Files a sent broadcast under its channel too (when the channel is still listed), beside
     * those sent from the channel page, so the channel's list tells what reached its activities.
     * It is listed as sent by whoever created the campaign (the campaign module's {@code campaigns},
     * read here as the fan-out reads devices).
     */
    public void fileUnderChannel(OpenRun run, String status, @Nullable Integer statusCode, @Nullable String reason,
                                 @Nullable UUID uniqueId) {
        jdbc.sql("""
                        insert into channel_broadcasts (tenant_id, channel_ref, payload, priority, expires_at, status,
                            status_code, reason, apns_request_id, apns_unique_id, sent_by, run_id)
                        select :tenant, id, :payload, :priority, :expires, :status, :code, :reason, :request, :unique,
                            coalesce((select created_by from campaigns where tenant_id = :tenant and id = :run),
                                     'campaign'), :run
                        from broadcast_channels where tenant_id = :tenant and id = :channel
                        on conflict (run_id) where run_id is not null do nothing""")
                .param("tenant", run.tenantId()).param("channel", run.channelRef()).param("payload", run.payload())
                .param("priority", run.priority()).param("expires", timestamp(run.expiresAt()))
                .param("status", status).param("code", statusCode).param("reason", reason)
                .param("request", run.requestId()).param("unique", uniqueId)
                .param("run", run.id()).update();
    }

    /**
     * Broadcast runs whose outcome is still to be written: those sending but not taken since
     * {@code untakenFor} (a send that never began: the node that launched them stopped), and those
     * taken longer than {@code answerWait} ago (their sender stopped before Apple's answer was written).
     */
    public List<OpenRun> overdue(Duration untakenFor, Duration answerWait) {
        return jdbc.sql("""
                        select\s""" + OPEN_COLUMNS + """
                         from dispatch_runs
                        where channel_ref is not null and broadcast_done_at is null
                          and (status = 'SENDING' and broadcast_taken_at is null
                                   and launched_at < now() - make_interval(secs => :untaken)
                               or broadcast_taken_at < now() - make_interval(secs => :answer))
                        order by launched_at limit 100""")
                .param("untaken", untakenFor.toSeconds()).param("answer", answerWait.toSeconds())
                .query(RecordRows.of(OpenRun.class)).list();
    }

    /** Whether the channel was broadcast to after {@code since} (from its page or another campaign). */
    public boolean broadcastSince(UUID tenantId, UUID channelRef, Instant since) {
        return jdbc.sql("""
                        select exists (select 1 from channel_broadcasts where tenant_id = :tenant
                                         and channel_ref = :channel and sent_at > :since and status = 'ACCEPTED')""")
                .param("tenant", tenantId).param("channel", channelRef).param("since", OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
                .query(Boolean.class).single();
    }
}
