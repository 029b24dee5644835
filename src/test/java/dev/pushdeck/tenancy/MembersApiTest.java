package dev.pushdeck.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushdeck.ApiClient;
import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code /api/v1/members}: the Members page over HTTP, with its roles and its last-owner rule. */
@PushdeckTest
class MembersApiTest {

    @Autowired
    TestTeams teams;
    @LocalServerPort
    int port;

    ApiClient api;
    TestTeams.Fixture team;
    String admin;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        team = teams.create("members-api");
        admin = teams.token(team, Role.ADMIN);
    }

    private String member(Role role) {
        return "/api/v1/members/" + team.person(role).id();
    }

    @Test
    void anAdminListsMembersChangesARoleAndRemovesAMember() {
        ApiClient.Answer list = api.get("/api/v1/members", admin);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json()).extracting(m -> m.get("role").asText())
                .containsExactlyInAnyOrder("OWNER", "ADMIN", "EDITOR", "VIEWER");

        ApiClient.Answer changed = api.patch(member(Role.VIEWER), admin, "{\"role\": \"editor\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("role").asText()).isEqualTo("EDITOR");
        assertThat(changed.json().get("email").asText()).isEqualTo(team.viewer().email());

        assertThat(api.delete(member(Role.EDITOR), admin).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/members", admin).json()).extracting(m -> m.get("email").asText())
                .doesNotContain(team.editor().email());
    }

    @Test
    void onlyOwnersTouchOwnershipAndBadRolesAreRefused() {
        assertThat(api.patch(member(Role.VIEWER), admin, "{\"role\": \"OWNER\"}").status()).isEqualTo(403);
        assertThat(api.patch(member(Role.OWNER), admin, "{\"role\": \"VIEWER\"}").status()).isEqualTo(403);
        assertThat(api.delete(member(Role.OWNER), admin).status()).isEqualTo(403);
        ApiClient.Answer bad = api.patch(member(Role.VIEWER), admin, "{\"role\": \"ROOT\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("errors").get(0).get("field").asText()).isEqualTo("role");
        assertThat(api.get("/api/v1/members", admin).json()).extracting(m -> m.get("role").asText())
                .contains("OWNER");
    }

    @Test
    void editorsCannotSeeMembersAndAnotherTeamsPeopleAreNotFound() {
        String editor = teams.token(team, Role.EDITOR);
        assertThat(api.get("/api/v1/members", editor).status()).isEqualTo(403);
        assertThat(api.patch(member(Role.VIEWER), editor, "{\"role\": \"ADMIN\"}").status()).isEqualTo(403);

        String stranger = teams.token(teams.create("members-stranger"), Role.ADMIN);
        assertThat(api.patch(member(Role.VIEWER), stranger, "{\"role\": \"ADMIN\"}").status()).isEqualTo(404);
        assertThat(api.delete(member(Role.VIEWER), stranger).status()).isEqualTo(404);
        JsonNode theirs = api.get("/api/v1/members", stranger).json();
        assertThat(theirs.toString()).doesNotContain(team.viewer().email());
        assertThat(api.get("/api/v1/members", admin).json()).extracting(m -> m.get("role").asText())
                .contains("VIEWER");
    }
}
