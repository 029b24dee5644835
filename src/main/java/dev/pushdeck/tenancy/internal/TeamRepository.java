package dev.pushdeck.tenancy.internal;

import dev.pushdeck.shared.jdbc.RecordRows;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code teams} and {@code memberships}. */
@Repository
public class TeamRepository {

    private final JdbcClient jdbc;

    TeamRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record TeamRow(UUID id, String name, Instant createdAt, long members) {
    }

    public record MemberRow(UUID userId, String email, String displayName, String role, Instant createdAt) {
    }

    public record MembershipRow(UUID teamId, String teamName, String role) {
    }

    public UUID insertTeam(String name) {
        return jdbc.sql("insert into teams (name) values (:name) returning id").param("name", name)
                .query(UUID.class).single();
    }

    public boolean teamNameTaken(String name) {
        return jdbc.sql("select exists (select 1 from teams where lower(name) = lower(:name))").param("name", name)
                .query(Boolean.class).single();
    }

    public long countTeams() {
        return jdbc.sql("select count(*) from teams").query(Long.class).single();
    }

    public List<TeamRow> listTeams(int offset, int limit) {
        return jdbc.sql("""
                        select t.id, t.name, t.created_at,
                               (select count(*) from memberships m where m.tenant_id = t.id) as members
                        from teams t order by lower(t.name) offset :offset limit :limit""")
                .param("offset", offset).param("limit", limit).query(RecordRows.of(TeamRow.class)).list();
    }

    public Optional<TeamRow> findTeam(UUID id) {
        return jdbc.sql("""
                        select t.id, t.name, t.created_at,
                               (select count(*) from memberships m where m.tenant_id = t.id) as members
                        from teams t where t.id = :id""")
                .param("id", id).query(RecordRows.of(TeamRow.class)).optional();
    }

    public void insertMember(UUID teamId, UUID userId, String role) {
        jdbc.sql("insert into memberships (tenant_id, user_id, role) values (:team, :user, :role)")
                .param("team", teamId).param("user", userId).param("role", role).update();
    }

    public Optional<String> roleOf(UUID teamId, UUID userId) {
        return jdbc.sql("select role from memberships where tenant_id = :team and user_id = :user")
                .param("team", teamId).param("user", userId).query(String.class).optional();
    }

    /** Roles of those of the users who are members of the team, by user id. */
    public Map<UUID, String> rolesIn(UUID teamId, Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, String> roles = new HashMap<>();
        jdbc.sql("select user_id, role from memberships where tenant_id = :team and user_id in (:users)")
                .param("team", teamId).param("users", List.copyOf(userIds))
                .query((rs, row) -> roles.put(rs.getObject(1, UUID.class), rs.getString(2))).list();
        return roles;
    }

    public List<MembershipRow> membershipsOf(UUID userId) {
        return jdbc.sql("""
                        select m.tenant_id as team_id, t.name as team_name, m.role
                        from memberships m join teams t on t.id = m.tenant_id
                        where m.user_id = :user order by m.created_at, lower(t.name)""")
                .param("user", userId).query(RecordRows.of(MembershipRow.class)).list();
    }

    public List<MemberRow> members(UUID teamId) {
        return jdbc.sql("""
                        select u.id as user_id, u.email, u.display_name, m.role, m.created_at
                        from memberships m join users u on u.id = m.user_id
                        where m.tenant_id = :team order by lower(u.email)""")
                .param("team", teamId).query(RecordRows.of(MemberRow.class)).list();
    }

    public void updateRole(UUID teamId, UUID userId, String role) {
        jdbc.sql("update memberships set role = :role where tenant_id = :team and user_id = :user")
                .param("role", role).param("team", teamId).param("user", userId).update();
    }

    public void deleteMember(UUID teamId, UUID userId) {
        jdbc.sql("delete from memberships where tenant_id = :team and user_id = :user")
                .param("team", teamId).param("user", userId).update();
    }

    /** Owners of the team, locked so two concurrent demotions cannot both pass the last-owner check. */
    public long lockOwners(UUID teamId) {
        return jdbc.sql("select user_id from memberships where tenant_id = :team and role = 'OWNER' for update")
                .param("team", teamId).query(UUID.class).list().size();
    }
}
