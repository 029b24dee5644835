package dev.pushdeck.app.internal;

import dev.pushdeck.shared.jdbc.RecordRows;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code vault_secrets}: sealed secrets of other modules, scoped by owner. */
@Repository
public class VaultRepository {

    private final JdbcClient jdbc;

    VaultRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record SealedRow(UUID id, UUID ownerId, byte[] secretCiphertext, byte[] wrappedDataKey) {
    }

    public void insert(UUID id, UUID ownerId, Envelope.Sealed sealed) {
        jdbc.sql("""
                        insert into vault_secrets (id, owner_id, secret_ciphertext, wrapped_data_key, master_key_id)
                        values (:id, :owner, :ciphertext, :wrapped, :master)""")
                .param("id", id).param("owner", ownerId).param("ciphertext", sealed.ciphertext())
                .param("wrapped", sealed.wrappedDataKey()).param("master", sealed.masterKeyId()).update();
    }

    public Optional<SealedRow> find(UUID ownerId, UUID id) {
        return jdbc.sql("""
                        select id, owner_id, secret_ciphertext, wrapped_data_key from vault_secrets
                        where owner_id = :owner and id = :id""")
                .param("owner", ownerId).param("id", id).query(RecordRows.of(SealedRow.class)).optional();
    }

    public void delete(UUID ownerId, UUID id) {
        jdbc.sql("delete from vault_secrets where owner_id = :owner and id = :id")
                .param("owner", ownerId).param("id", id).update();
    }

    public List<String> masterKeyIdsInUse() {
        return jdbc.sql("select distinct master_key_id from vault_secrets").query(String.class).list();
    }

    /** Every row's wrapped data key, locked for a rotation in the caller's transaction. */
    public List<CredentialRepository.WrappedKey> lockAllWrappedKeys() {
        return jdbc.sql("""
                        select id, owner_id as tenant_id, wrapped_data_key from vault_secrets order by id for update""")
                .query(RecordRows.of(CredentialRepository.WrappedKey.class)).list();
    }

    public void updateWrappedKey(UUID id, byte[] wrapped, String masterKeyId) {
        jdbc.sql("update vault_secrets set wrapped_data_key = :wrapped, master_key_id = :master where id = :id")
                .param("wrapped", wrapped).param("master", masterKeyId).param("id", id).update();
    }
}
