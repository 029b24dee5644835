package dev.pushdeck.tenancy.internal;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for what a team demands of its members ({@code teams.require_two_factor}). */
@Repository
public class TeamPolicyRepository {

    private final JdbcClient jdbc;

    TeamPolicyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean requiresTwoFactor(UUID teamId) {
        return jdbc.sql("select require_two_factor from teams where id = :team").param("team", teamId)
                .query(Boolean.class).optional().orElse(false);
    }

    public void setRequiresTwoFactor(UUID teamId, boolean required) {
        jdbc.sql("update teams set require_two_factor = :required where id = :team")
                .param("required", required).param("team", teamId).update();
    }
}
