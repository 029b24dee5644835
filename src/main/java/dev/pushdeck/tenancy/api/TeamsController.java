package dev.pushdeck.tenancy.api;

import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.web.Idempotent;
import dev.pushdeck.shared.web.Page;
import dev.pushdeck.tenancy.NewTeam;
import dev.pushdeck.tenancy.Team;
import dev.pushdeck.tenancy.TeamService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Instance-scoped team provisioning: {@code /api/v1/teams}. */
@RestController
@RequestMapping("/api/v1/teams")
@Tag(name = "Teams", description = "Instance-scoped tokens only")
class TeamsController {

    private final TeamService teams;

    TeamsController(TeamService teams) {
        this.teams = teams;
    }

    record TeamJson(UUID id, String name, Instant createdAt, long members) {
        static TeamJson of(Team team) {
            return new TeamJson(team.id(), team.name(), team.createdAt(), team.members());
        }
    }

    /** {@code ownerPassword} is refused: the owner chooses their own password when accepting. */
    record CreateTeam(@Nullable String name, @Nullable String ownerEmail, @Nullable String ownerPassword) {
        @Override
        public String toString() {
            return "CreateTeam[name=" + name + ", ownerEmail=" + ownerEmail + "]";
        }
    }

    record CreatedTeam(UUID id, String name, @Nullable String adminToken,
                       MembersController.CreatedInvitationJson ownerInvitation) {
    }

    @GetMapping
    @Operation(summary = "List teams by name and size")
    Page<TeamJson> list(@RequestParam(required = false) @Nullable Integer page, @RequestParam(required = false) @Nullable Integer size) {
        int pageSize = Page.size(size);
        int pageNo = Page.page(page);
        return new Page<>(teams.list(pageNo * pageSize, pageSize).stream().map(TeamJson::of).toList(), pageNo,
                pageSize, teams.count());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Idempotent(secretFields = {"adminToken", "ownerInvitation"})
    @Operation(summary = "Create a team and invite its first owner; answers the owner's invitation link and an "
            + "ADMIN token of the new team, both shown once")
    CreatedTeam create(@RequestBody CreateTeam body) {
        if (body.ownerPassword() != null) {
            throw new ValidationException("ownerPassword", "error.invitation.no-password");
        }
        NewTeam team = teams.create(body.name(), body.ownerEmail(), true);
        return new CreatedTeam(team.id(), team.name(), team.adminToken(),
                MembersController.CreatedInvitationJson.of(
                Objects.requireNonNull(team.ownerInvitation(), "a team made by create has its owner invited")));
    }
}
