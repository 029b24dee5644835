package dev.pushdeck.security.internal;

import dev.pushdeck.shared.jdbc.RecordRows;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code two_factor} and {@code two_factor_recovery_codes}. */
@Repository
public class TwoFactorRepository {

    private final JdbcClient jdbc;

    TwoFactorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record TwoFactorRow(UUID userId, UUID vaultSecretId, Instant confirmedAt, Long lastUsedStep) {
    }

    /** The person's row, locked for this transaction (a code is accepted once, however many sign in at once). */
    public Optional<TwoFactorRow> lock(UUID userId) {
        return jdbc.sql("select user_id, vault_secret_id, confirmed_at, last_used_step from two_factor"
                        + " where user_id = :user for update")
                .param("user", userId).query(RecordRows.of(TwoFactorRow.class)).optional();
    }

    public Optional<Instant> confirmedAt(UUID userId) {
        return jdbc.sql("select confirmed_at from two_factor where user_id = :user and confirmed_at is not null")
                .param("user", userId).query(Instant.class).optional();
    }

    public List<UUID> confirmedAmong(Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select user_id from two_factor where user_id in (:users) and confirmed_at is not null")
                .param("users", userIds).query(UUID.class).list();
    }

    public void insert(UUID userId, UUID vaultSecretId) {
        jdbc.sql("insert into two_factor (user_id, vault_secret_id) values (:user, :secret)")
                .param("user", userId).param("secret", vaultSecretId).update();
    }

    public void confirm(UUID userId, long step) {
        jdbc.sql("update two_factor set confirmed_at = now(), last_used_step = :step where user_id = :user")
                .param("step", step).param("user", userId).update();
    }

    public void useStep(UUID userId, long step) {
        jdbc.sql("update two_factor set last_used_step = :step where user_id = :user")
                .param("step", step).param("user", userId).update();
    }

    public void delete(UUID userId) {
        jdbc.sql("delete from two_factor_recovery_codes where user_id = :user").param("user", userId).update();
        jdbc.sql("delete from two_factor where user_id = :user").param("user", userId).update();
    }

    public void replaceRecoveryCodes(UUID userId, List<byte[]> hashes) {
        jdbc.sql("delete from two_factor_recovery_codes where user_id = :user").param("user", userId).update();
        for (byte[] hash : hashes) {
            jdbc.sql("insert into two_factor_recovery_codes (user_id, code_hash) values (:user, :hash)")
                    .param("user", userId).param("hash", hash).update();
        }
    }

    /** Marks an unused code used; false when there is no such unused code. */
    public boolean useRecoveryCode(UUID userId, byte[] hash) {
        return jdbc.sql("""
                        update two_factor_recovery_codes set used_at = now()
                        where user_id = :user and code_hash = :hash and used_at is null""")
                .param("user", userId).param("hash", hash).update() == 1;
    }

    public int unusedRecoveryCodes(UUID userId) {
        return jdbc.sql("select count(*) from two_factor_recovery_codes where user_id = :user and used_at is null")
                .param("user", userId).query(Integer.class).single();
    }
}
