package dev.pushdeck.dispatch.internal;

import static dev.pushdeck.dispatch.internal.OutcomeCounters.FINAL_OUTCOMES;
import static dev.pushdeck.shared.jdbc.RecordRows.timestamp;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.campaign.VariantPayload;
import dev.pushdeck.dispatch.LaunchRequest;
import dev.pushdeck.dispatch.RunStatus;
import dev.pushdeck.dispatch.internal.FanOutRepository.Queued;
import dev.pushdeck.shared.jdbc.RecordRows;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for the runs themselves ({@code dispatch_runs}) and their variant payloads
 * ({@code run_variants}): the launch's row, what the worker sends, status changes, stopping and
 * completing (see docs/decisions/007-dispatch-runs.md). Team-facing statements are scoped by
 * tenant; the worker's work across teams by run id and say so. A run is complete when its stored
 * counters' final outcomes reach its size ({@link OutcomeCounters#FINAL_OUTCOMES}).
 *
 * <p>Threading: stateless; every method joins the caller's transaction, or runs alone.
 */
@Repository
public class RunRepository {

    private final JdbcClient jdbc;

    RunRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A sending run, with the snapshot the worker needs to build notifications: fixed at
     * launch, so it may be cached for the run's lifetime.
     *
     * @param expiresAt           the apns-expiration of every delivery, or null
     * @param expiresAfterSeconds each delivery's apns-expiration is its release plus this, or null
     *                            (both null: APNs tries once)
     * @param deliveryKey         whether each delivery's payload adds its id to the tracking key ending the payload
     * @param variantPayloads     the payloads of variants 1, 2, ... beside {@code payload} (variant 0); empty for most
     *                            runs (docs/decisions/055-content-per-language.md)
     */
    public record SendableRun(UUID id, UUID tenantId, UUID appId, ApnsEnvironment environment, String topic,
                              String payload, String pushType, int priority, @Nullable Instant expiresAt,
                              @Nullable Long expiresAfterSeconds, @Nullable String collapseId,
                              @Nullable Integer throttlePerMinute, boolean deliveryKey, List<String> variantPayloads) {

        /** A run with one payload for all. */
        public SendableRun(UUID id, UUID tenantId, UUID appId, ApnsEnvironment environment, String topic,
                           String payload,
                           String pushType, int priority, @Nullable Instant expiresAt,
                           @Nullable Long expiresAfterSeconds, @Nullable String collapseId,
                           @Nullable Integer throttlePerMinute, boolean deliveryKey) {
            this(id, tenantId, appId, environment, topic, payload, pushType, priority, expiresAt, expiresAfterSeconds,
                    collapseId, throttlePerMinute, deliveryKey, List.of());
        }

        /**
         * The payload one delivery of {@code variant} sends: with the tracking key, {@code "d": "<deliveryId>"}
         * is added to the key's object, which ends every variant's payload ({@code ...,"pd":{"c":"..."}});
         * one string copy, no database work.
         */
        public String payloadFor(long deliveryId, int variant) {
            String sent = variant == 0 ? payload : variantPayloads.get(variant - 1);
            if (!deliveryKey) {
                return sent;
            }
            int end = sent.length() - 2;
            return new StringBuilder(sent.length() + 26).append(sent, 0, end).append(",\"d\":\"")
                    .append(deliveryId).append('"').append(sent, end, sent.length()).toString();
        }

        /** The apns-expiration of a delivery released at {@code releaseAt}, or null for "try once". */
        public @Nullable Instant expiresAt(Instant releaseAt) {
            return expiresAt != null ? expiresAt : expiresAfterSeconds != null
                    ? releaseAt.plusSeconds(expiresAfterSeconds) : null;
        }
    }

    /** A run as its team sees it: status, size and times. */
    public record RunRow(UUID id, UUID tenantId, UUID appId, ApnsEnvironment environment, RunStatus status,
                         @Nullable String stopReason, int deliveriesTotal, Instant launchedAt,
                         @Nullable Instant completedAt) {
    }

    /** A run and its team, as events about it name them. */
    public record RunRef(UUID tenantId, UUID runId) {
    }

    // --- Launch ---------------------------------------------------------------------

    public boolean runExists(UUID runId) {
        return jdbc.sql("select exists (select 1 from dispatch_runs where id = :id)").param("id", runId)
                .query(Boolean.class).single();
    }

    public void insertRun(LaunchRequest r, int payloadBytes) {
        jdbc.sql("""
                        insert into dispatch_runs (id, tenant_id, app_id, environment, topic, payload, payload_bytes,
                            push_type, priority, expires_at, expires_after_seconds, collapse_id, throttle_per_minute,
                            delivery_key)
                        values (:id, :tenant, :app, :env, :topic, :payload, :bytes, :pushType, :priority, :expires,
                            :expiresAfter, :collapse, :throttle, :deliveryKey)""")
                .param("id", r.runId()).param("tenant", r.tenantId()).param("app", r.appId())
                .param("env", r.environment().wire()).param("topic", r.topic()).param("payload", r.payload())
                .param("bytes", payloadBytes).param("pushType", r.pushType()).param("priority", r.priority())
                .param("expires", timestamp(r.expiresAt()))
                .param("expiresAfter", r.expiresAfter() == null ? null : r.expiresAfter().toSeconds())
                .param("collapse", r.collapseId()).param("throttle", r.throttlePerMinute())
                .param("deliveryKey", r.deliveryKey()).update();
    }

    /**
     * Stores the run's variant payloads, numbered from 1 in the request's order. With an A/B test,
     * every version's payloads are stored a second time after them, from {@link #restBase}: the
     * held rest is numbered there, so the log tells a tested delivery from one of the rest after
     * the winner is released to it (docs/decisions/058-ab-tests.md).
     */
    public void insertVariants(LaunchRequest r) {
        List<VariantPayload> stored = new ArrayList<>(r.variants());
        if (r.split() != null) {
            stored.add(new VariantPayload(0, null, r.payload()));
            stored.addAll(r.variants());
        }
        jdbc.sql("""
                        insert into run_variants (run_id, variant, label, payload, payload_bytes, version)
                        select :run, v.n, v.label, v.payload, octet_length(v.payload), v.version
                        from unnest(cast(:labels as text[]), cast(:payloads as text[]), cast(:versions as smallint[]))
                             with ordinality as v(label, payload, version, n)""")
                .param("run", r.runId())
                .param("labels", stored.stream().map(VariantPayload::locale).toArray(String[]::new))
                .param("payloads", stored.stream().map(VariantPayload::payload).toArray(String[]::new))
                .param("versions", stored.stream().map(v -> Integer.toString(v.version())).toArray(String[]::new))
                .update();
    }

    /** The first variant number of the held rest: after every tested version's. */
    static int restBase(LaunchRequest r) {
        return Objects.requireNonNull(r.split(), "only a run with an A/B test has a rest").versions() * r.stride();
    }

    /** Fixes the run's size and the id range its fan-out took. */
    public void setTotal(UUID runId, Queued queued) {
        jdbc.sql("""
                        update dispatch_runs set deliveries_total = :total, first_delivery_id = :first,
                            last_delivery_id = :last
                        where id = :id""")
                .param("total", queued.count()).param("first", queued.firstId()).param("last", queued.lastId())
                .param("id", runId).update();
        jdbc.sql("insert into run_counts (run_id) values (:id) on conflict do nothing").param("id", runId).update();
    }

    // --- Worker (all teams) --------------------------------------------------------

    /** What a run sends, fixed at launch; empty when the run is gone. */
    public Optional<SendableRun> sendableRun(UUID runId) {
        List<String> variants = jdbc.sql("select payload from run_variants where run_id = :id order by variant")
                .param("id", runId).query(String.class).list();
        return jdbc.sql("""
                        select id, tenant_id, app_id, environment, topic, payload, push_type, priority, expires_at,
                               expires_after_seconds, collapse_id, throttle_per_minute, delivery_key
                        from dispatch_runs where id = :id""")
                .param("id", runId)
                .query((rs, row) -> new SendableRun(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), ApnsEnvironment.parse(rs.getString(4)), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getInt(8), instant(rs.getTimestamp(9)),
                        rs.getObject(10, Long.class), rs.getString(11), rs.getObject(12, Integer.class),
                        rs.getBoolean(13), variants))
                .optional();
    }

    /**
     * Completes the given sending runs (or every sending run, when null) that have nothing
     * queued or in flight any more, judged by the stored counters: a run is done when its final
     * outcomes add up to its size. (Asking the queue whether any row of the run is left would
     * step over the dead index entries its answered rows leave until vacuum.)
     */
    public List<RunRef> completeFinished(@Nullable Collection<UUID> runIds) {
        if (runIds != null && runIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        update dispatch_runs r set status = 'COMPLETED', completed_at = now()
                        from run_counts c
                        where c.run_id = r.id and r.status = 'SENDING'"""
                        + (runIds == null ? "" : " and r.id in (:ids)") + """
                         and\s""" + FINAL_OUTCOMES + """
                         >= r.deliveries_total
                        returning r.tenant_id, r.id as run_id""")
                .param("ids", runIds == null ? List.of() : runIds)
                .query(RecordRows.of(RunRef.class)).list();
    }

    /**
     * Stops an open run (CANCELLED or FAILED) at once; its queued deliveries that are not in
     * flight are drained to CANCELLED in batches ({@link OutcomeRepository#drainStopped}), those
     * in flight become final with their answer. False if already final.
     */
    public boolean stopRun(UUID runId, RunStatus status, String reason) {
        return jdbc.sql("""
                        update dispatch_runs set status = :status, stop_reason = :reason, completed_at = now()
                        where id = :id and status in ('SENDING', 'PAUSED')""")
                .param("status", status.name()).param("reason", reason).param("id", runId).update() == 1;
    }

    // --- Team-facing -----------------------------------------------------------------

    public Optional<RunRow> findRun(UUID tenantId, UUID runId) {
        return jdbc.sql("""
                        select id, tenant_id, app_id, environment, status, stop_reason, deliveries_total, launched_at,
                               completed_at
                        from dispatch_runs where tenant_id = :tenant and id = :id""")
                .param("tenant", tenantId).param("id", runId).query(RecordRows.of(RunRow.class)).optional();
    }

    /** Deletes the app's queued deliveries (through its runs) and its delivery log (through the app index). */
    public void deleteApp(UUID tenantId, UUID appId) {
        jdbc.sql("""
                        delete from delivery_queue
                        where run_id in (select id from dispatch_runs where tenant_id = :tenant and app_id = :app)""")
                .param("tenant", tenantId).param("app", appId).update();
        jdbc.sql("delete from deliveries where app_id = :app and tenant_id = :tenant")
                .param("tenant", tenantId).param("app", appId).update();
    }

    /** Moves a run from one status to another (awake: any rest is forgotten); false when it was not in {@code from}. */
    public boolean changeStatus(UUID tenantId, UUID runId, RunStatus from, RunStatus to) {
        return jdbc.sql("""
                        update dispatch_runs set status = :to, next_due_at = null
                        where tenant_id = :tenant and id = :id and status = :from""")
                .param("to", to.name()).param("tenant", tenantId).param("id", runId).param("from", from.name())
                .update() == 1;
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
