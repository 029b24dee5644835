package dev.pushdeck.security.internal;

import dev.pushdeck.shared.jdbc.RecordRows;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code users} table. Emails are matched case-insensitively. */
@Repository
public class UserRepository {

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record UserRow(UUID id, String email, String displayName, String passwordHash, String language,
                          boolean instanceAdmin, UUID lastTeamId, java.time.Instant createdAt) {
    }

    private static final String COLUMNS =
            "id, email, display_name, password_hash, language, instance_admin, last_team_id, created_at";

    public Optional<UserRow> findByEmail(String email) {
        return jdbc.sql("select " + COLUMNS + " from users where lower(email) = lower(:email)")
                .param("email", email).query(RecordRows.of(UserRow.class)).optional();
    }

    public Optional<UserRow> findById(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from users where id = :id").param("id", id)
                .query(RecordRows.of(UserRow.class)).optional();
    }

    public UUID insert(String email, @Nullable String displayName, String passwordHash, @Nullable String language,
                       boolean instanceAdmin) {
        return jdbc.sql("""
                        insert into users (email, display_name, password_hash, language, instance_admin)
                        values (:email, :name, :hash, :language, :admin) returning id""")
                .param("email", email).param("name", displayName).param("hash", passwordHash)
                .param("language", language).param("admin", instanceAdmin)
                .query(UUID.class).single();
    }

    public void updatePassword(UUID id, String passwordHash) {
        jdbc.sql("update users set password_hash = :hash where id = :id")
                .param("hash", passwordHash).param("id", id).update();
    }

    public void updateLanguage(UUID id, String language) {
        jdbc.sql("update users set language = :language where id = :id")
                .param("language", language).param("id", id).update();
    }

    public void updateInstanceAdmin(UUID id, boolean admin) {
        jdbc.sql("update users set instance_admin = :admin where id = :id")
                .param("admin", admin).param("id", id).update();
    }

    public void rememberTeam(UUID id, UUID teamId) {
        jdbc.sql("update users set last_team_id = :team where id = :id").param("team", teamId).param("id", id).update();
    }

    public long count() {
        return jdbc.sql("select count(*) from users").query(Long.class).single();
    }
}
