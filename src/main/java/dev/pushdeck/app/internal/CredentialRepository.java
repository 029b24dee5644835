package dev.pushdeck.app.internal;

import static dev.pushdeck.shared.jdbc.RecordRows.timestamp;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.EnvironmentCoverage;
import dev.pushdeck.shared.jdbc.RecordRows;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for {@code credentials} and {@code app_environment_pauses}. Team-facing statements
 * are scoped by tenant; the few instance-wide ones (expiry watch, master-key rotation and
 * start-up check) say so. Secrets are read only through {@link #findSecret}.
 */
@Repository
public class CredentialRepository {

    private static final String COLUMNS = "id, tenant_id, app_id, kind, environment, subject, topics, not_before,"
            + " not_after, fingerprint_sha256, key_id, team_id, created_by, created_at, expiry_warned_days";

    private final JdbcClient jdbc;

    CredentialRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A credential's public facts. */
    public record CredentialRow(UUID id, UUID tenantId, UUID appId, String kind, EnvironmentCoverage environment,
                                @Nullable String subject, String topics, @Nullable Instant notBefore,
                                @Nullable Instant notAfter, String fingerprintSha256, @Nullable String keyId,
                                @Nullable String teamId, String createdBy, Instant createdAt,
                                @Nullable Integer expiryWarnedDays) {

        public List<String> topicList() {
            return topics == null || topics.isEmpty() ? List.of() : List.of(topics.split("\n"));
        }
    }

    /** The encrypted part of a row, with what is needed to decrypt and use it. */
    public record SecretRow(UUID id, UUID tenantId, UUID appId, String kind, String keyId, String teamId,
                            byte[] secretCiphertext, byte[] wrappedDataKey) {

        @Override
        public String toString() {
            return "SecretRow[" + id + "]";
        }
    }

    public record NewCredential(UUID id, UUID tenantId, UUID appId, String kind, EnvironmentCoverage environment,
                                @Nullable String subject, List<String> topics, @Nullable Instant notBefore,
                                @Nullable Instant notAfter, String fingerprintSha256, @Nullable String keyId,
                                @Nullable String teamId, Envelope.Sealed sealed, String createdBy) {
    }

    /** An APNs outage the dispatcher is waiting out for one environment of an app. */
    public record OutageRow(UUID appId, ApnsEnvironment environment, Instant since, String reason) {
    }

    /** A pause of one environment of an app. */
    public record PauseRow(UUID appId, ApnsEnvironment environment, String reason, Instant pausedAt) {
    }

    public void insert(NewCredential c) {
        jdbc.sql("""
                        insert into credentials (id, tenant_id, app_id, kind, environment, subject, topics, not_before,
                            not_after, fingerprint_sha256, key_id, team_id, secret_ciphertext, wrapped_data_key,
                            master_key_id, created_by)
                        values (:id, :tenant, :app, :kind, :environment, :subject, :topics, :notBefore, :notAfter,
                            :fingerprint, :keyId, :teamId, :ciphertext, :wrapped, :masterKeyId, :by)""")
                .param("id", c.id()).param("tenant", c.tenantId()).param("app", c.appId()).param("kind", c.kind())
                .param("environment", c.environment().wire()).param("subject", c.subject())
                .param("topics", String.join("\n", c.topics()))
                .param("notBefore", timestamp(c.notBefore())).param("notAfter", timestamp(c.notAfter()))
                .param("fingerprint", c.fingerprintSha256()).param("keyId", c.keyId()).param("teamId", c.teamId())
                .param("ciphertext", c.sealed().ciphertext()).param("wrapped", c.sealed().wrappedDataKey())
                .param("masterKeyId", c.sealed().masterKeyId()).param("by", c.createdBy())
                .update();
    }

    /** The app's credentials, newest first (the first covering an environment is the one in use). */
    public List<CredentialRow> list(UUID tenantId, UUID appId) {
        return jdbc.sql("select " + COLUMNS + " from credentials where tenant_id = :tenant and app_id = :app"
                        + " order by created_at desc, id desc")
                .param("tenant", tenantId).param("app", appId).query(RecordRows.of(CredentialRow.class)).list();
    }

    /** Credentials of several apps of one team, newest first, for lists. */
    public List<CredentialRow> listForApps(UUID tenantId, List<UUID> appIds) {
        if (appIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from credentials where tenant_id = :tenant and app_id in (:apps)"
                        + " order by created_at desc, id desc")
                .param("tenant", tenantId).param("apps", appIds).query(RecordRows.of(CredentialRow.class)).list();
    }

    public Optional<CredentialRow> find(UUID tenantId, UUID appId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from credentials where tenant_id = :tenant and app_id = :app"
                        + " and id = :id")
                .param("tenant", tenantId).param("app", appId).param("id", id).query(RecordRows.of(CredentialRow.class)).optional();
    }

    /** As {@link #find}, locking the row until the transaction ends, so two replacements of it serialize. */
    public Optional<CredentialRow> lock(UUID tenantId, UUID appId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from credentials where tenant_id = :tenant and app_id = :app"
                        + " and id = :id for update")
                .param("tenant", tenantId).param("app", appId).param("id", id)
                .query(RecordRows.of(CredentialRow.class)).optional();
    }

    public Optional<SecretRow> findSecret(UUID tenantId, UUID appId, UUID id) {
        return jdbc.sql("""
                        select id, tenant_id, app_id, kind, key_id, team_id, secret_ciphertext, wrapped_data_key
                        from credentials where tenant_id = :tenant and app_id = :app and id = :id""")
                .param("tenant", tenantId).param("app", appId).param("id", id).query(RecordRows.of(SecretRow.class)).optional();
    }

    public void delete(UUID tenantId, UUID appId, UUID id) {
        jdbc.sql("delete from credentials where tenant_id = :tenant and app_id = :app and id = :id")
                .param("tenant", tenantId).param("app", appId).param("id", id).update();
    }

    // --- Pauses per environment -------------------------------------------------------

    public List<PauseRow> pauses(UUID tenantId, List<UUID> appIds) {
        if (appIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select app_id, environment, reason, paused_at from app_environment_pauses"
                        + " where tenant_id = :tenant and app_id in (:apps)")
                .param("tenant", tenantId).param("apps", appIds).query(RecordRows.of(PauseRow.class)).list();
    }

    /** Pauses an environment unless it already is; true when this call paused it. */
    public boolean pause(UUID tenantId, UUID appId, ApnsEnvironment environment, String reason) {
        return jdbc.sql("""
                        insert into app_environment_pauses (tenant_id, app_id, environment, reason)
                        values (:tenant, :app, :environment, :reason) on conflict do nothing""")
                .param("tenant", tenantId).param("app", appId).param("environment", environment.wire())
                .param("reason", reason).update() == 1;
    }

    public void unpause(UUID tenantId, UUID appId, Collection<ApnsEnvironment> environments) {
        jdbc.sql("delete from app_environment_pauses where tenant_id = :tenant and app_id = :app"
                        + " and environment in (:environments)")
                .param("tenant", tenantId).param("app", appId)
                .param("environments", environments.stream().map(ApnsEnvironment::wire).toList()).update();
    }

    // --- Outages per environment ------------------------------------------------------

    /**
     * Outages reported within {@code fresh} (a node that died while waiting one out stops
     * refreshing its row, which then no longer counts).
     */
    public List<OutageRow> outages(UUID tenantId, List<UUID> appIds, Duration fresh) {
        if (appIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select app_id, environment, since, reason from app_environment_outages
                        where tenant_id = :tenant and app_id in (:apps)
                          and updated_at > now() - make_interval(secs => :fresh)""")
                .param("tenant", tenantId).param("apps", appIds).param("fresh", fresh.toSeconds())
                .query(RecordRows.of(OutageRow.class)).list();
    }

    /**
     * Records (or refreshes) an outage; a fresh row keeps its earlier start, a stale one
     * (left by a node that died) starts again at {@code since}.
     */
    public void reportOutage(UUID tenantId, UUID appId, ApnsEnvironment environment, Instant since, String reason,
                             Duration fresh) {
        jdbc.sql("""
                        insert into app_environment_outages as o (tenant_id, app_id, environment, since, reason)
                        values (:tenant, :app, :environment, :since, :reason)
                        on conflict (app_id, environment) do update set
                            since = case when o.updated_at > now() - make_interval(secs => :fresh)
                                         then least(o.since, excluded.since) else excluded.since end,
                            reason = excluded.reason, updated_at = now()""")
                .param("tenant", tenantId).param("app", appId).param("environment", environment.wire())
                .param("since", Timestamp.from(since)).param("reason", reason).param("fresh", fresh.toSeconds())
                .update();
    }

    public void endOutage(UUID tenantId, UUID appId, ApnsEnvironment environment) {
        jdbc.sql("delete from app_environment_outages where tenant_id = :tenant and app_id = :app"
                        + " and environment = :environment")
                .param("tenant", tenantId).param("app", appId).param("environment", environment.wire()).update();
    }

    // --- Instance-wide: expiry watch, rotation, start-up check ----------------------

    /** Every certificate (all teams) that ends before {@code horizon}. */
    public List<CredentialRow> endingBefore(Instant horizon) {
        return jdbc.sql("select " + COLUMNS + " from credentials where not_after is not null and not_after < :horizon")
                .param("horizon", timestamp(horizon)).query(RecordRows.of(CredentialRow.class)).list();
    }

    /**
     * Notes that the warning for {@code days} was given. Guarded, so across nodes and runs
     * each threshold is noted (and audited) once: true only for the call that noted it.
     */
    public boolean noteWarning(UUID id, int days) {
        return jdbc.sql("update credentials set expiry_warned_days = :days where id = :id"
                        + " and (expiry_warned_days is null or expiry_warned_days > :days)")
                .param("days", days).param("id", id).update() == 1;
    }

    public List<String> masterKeyIdsInUse() {
        return jdbc.sql("select distinct master_key_id from credentials").query(String.class).list();
    }

    public record WrappedKey(UUID id, UUID tenantId, byte[] wrappedDataKey) {
    }

    /** Every row's wrapped data key, locked for a rotation in the caller's transaction. */
    public List<WrappedKey> lockAllWrappedKeys() {
        return jdbc.sql("select id, tenant_id, wrapped_data_key from credentials order by id for update")
                .query(RecordRows.of(WrappedKey.class)).list();
    }

    public void updateWrappedKey(UUID id, byte[] wrapped, String masterKeyId) {
        jdbc.sql("update credentials set wrapped_data_key = :wrapped, master_key_id = :masterKeyId where id = :id")
                .param("wrapped", wrapped).param("masterKeyId", masterKeyId).param("id", id).update();
    }
}
