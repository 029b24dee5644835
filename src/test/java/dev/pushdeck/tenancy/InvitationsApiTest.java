package dev.pushdeck.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.ApiClient;
import dev.pushdeck.ApiClient.Answer;
import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestMail;
import dev.pushdeck.TestTeams;
import dev.pushdeck.security.Role;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

@PushdeckTest
class InvitationsApiTest {

    @LocalServerPort
    int port;
    @Autowired
    TestTeams teams;
    @Autowired
    InvitationService invitations;
    /** The instance-scoped token the test configuration bootstraps. */
    @Value("${pushdeck.bootstrap.api-token}")
    String instanceToken;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void anAdminTokenInvitesListsRenewsAndRevokes() {
        TestTeams.Fixture team = teams.create("invite-api");
        String admin = teams.token(team, Role.ADMIN);
        String email = "api-" + UUID.randomUUID().toString().substring(0, 8) + "@invited.example";

        Answer invited = api.post("/api/v1/members", admin, "{\"email\":\"" + email + "\",\"role\":\"editor\"}");

        assertThat(invited.status()).isEqualTo(201);
        assertThat(invited.json().get("role").asText()).isEqualTo("EDITOR");
        assertThat(invited.json().get("mail").asText()).isEqualTo("SENT");
        String link = invited.json().get("link").asText();
        assertThat(TestMail.link(TestMail.await(email, 1))).isEqualTo(link);
        String id = invited.json().get("id").asText();
        Answer listed = api.get("/api/v1/invitations", admin);
        assertThat(listed.json().get("items")).extracting(item -> item.get("email").asText()).containsExactly(email);
        assertThat(listed.json().get("items").get(0).has("link")).isFalse();

        Answer renewed = api.post("/api/v1/invitations/" + id + "/renew", admin, "");
        assertThat(renewed.status()).isEqualTo(200);
        assertThat(renewed.json().get("link").asText()).isNotEqualTo(link);
        assertThat(invitations.open(link.substring(link.lastIndexOf('/') + 1))).isEmpty();

        assertThat(api.delete("/api/v1/invitations/" + id, admin).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/invitations", admin).json().get("items")).isEmpty();
        assertThat(api.delete("/api/v1/invitations/" + id, admin).status()).isEqualTo(404);
    }

    @Test
    void invitingIsForAdminsAndRefusesBadInputByField() {
        TestTeams.Fixture team = teams.create("invite-api-rules");
        String admin = teams.token(team, Role.ADMIN);
        String editor = teams.token(team, Role.EDITOR);

        assertThat(api.post("/api/v1/members", editor, "{\"email\":\"x@y.example\",\"role\":\"VIEWER\"}").status())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/members", admin, "{\"email\":\"x@y.example\",\"role\":\"OWNER\"}").status())
                .isEqualTo(403);
        Answer badEmail = api.post("/api/v1/members", admin, "{\"email\":\"not an email\",\"role\":\"VIEWER\"}");
        assertThat(badEmail.status()).isEqualTo(422);
        assertThat(badEmail.body()).contains("email");
        assertThat(api.post("/api/v1/members", admin, "{\"email\":\"x@y.example\",\"role\":\"KING\"}").status())
                .isEqualTo(422);
        Answer member = api.post("/api/v1/members", admin,
                "{\"email\":\"" + team.viewer().email() + "\",\"role\":\"VIEWER\"}");
        assertThat(member.status()).isEqualTo(409);
    }

    @Test
    void aNewTeamAnswersItsOwnersInvitationAndRefusesAPasswordChosenForTheOwner() {
        String owner = "api-owner-" + UUID.randomUUID().toString().substring(0, 8) + "@invited.example";
        String name = "API team " + UUID.randomUUID();

        Answer withPassword = api.post("/api/v1/teams", instanceToken,
                "{\"name\":\"" + name + "\",\"ownerEmail\":\"" + owner + "\",\"ownerPassword\":\"chosen-for-them\"}");
        Answer created = api.post("/api/v1/teams", instanceToken,
                "{\"name\":\"" + name + "\",\"ownerEmail\":\"" + owner + "\"}");

        assertThat(withPassword.status()).isEqualTo(422);
        assertThat(withPassword.body()).contains("ownerPassword");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("ownerInvitation").get("role").asText()).isEqualTo("OWNER");
        assertThat(created.json().get("ownerInvitation").get("link").asText())
                .isEqualTo(TestMail.link(TestMail.await(owner, 1)));
    }
}
