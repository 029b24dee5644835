package dev.pushdeck.tenancy.api;

import dev.pushdeck.security.Role;
import dev.pushdeck.shared.ValidationException;
import dev.pushdeck.tenancy.Member;
import dev.pushdeck.tenancy.MemberService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The team's members for ADMIN tokens, as on the console's Members page: list, change a
 * role, remove. Only owners grant or take away ownership and the last owner stays (the
 * rules are {@link MemberService}'s).
 *
 * <p>Adding people is deliberately missing here: it moves from "add with an initial
 * password" to invitations (docs/api.md, "Invitations"), whose endpoints join this
 * controller when that work lands. No endpoint creates accounts with passwords meanwhile.
 */
@RestController
@RequestMapping("/api/v1/members")
@Tag(name = "Members")
public class MembersController {

    private final MemberService members;

    MembersController(MemberService members) {
        this.members = members;
    }

    record MemberJson(UUID userId, String email, String displayName,
                      @Schema(allowableValues = {"OWNER", "ADMIN", "EDITOR", "VIEWER"}) String role, Instant since) {

        static MemberJson of(Member member) {
            return new MemberJson(member.userId(), member.email(), member.displayName(), member.role().name(),
                    member.since());
        }
    }

    record RoleChangeJson(@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
            allowableValues = {"OWNER", "ADMIN", "EDITOR", "VIEWER"}) String role) {
    }

    /** Admins only, as the Members page (the dashboard's member count needs no list). */
    @GetMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "The team's members with their roles (ADMIN)")
    public List<MemberJson> list() {
        return members.list().stream().map(MemberJson::of).toList();
    }

    @PatchMapping("/{userId}")
    @Operation(summary = "Change a member's role (ADMIN; OWNER to grant or take away ownership); 409 for the last "
            + "owner")
    public MemberJson changeRole(@PathVariable UUID userId, @RequestBody RoleChangeJson body) {
        return MemberJson.of(members.changeRole(userId, role(body.role())));
    }

    @DeleteMapping("/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a member from the team (ADMIN; OWNER for an owner); 409 for the last owner")
    public void remove(@PathVariable UUID userId) {
        members.remove(userId);
    }

    private static Role role(String value) {
        try {
            return value == null ? null : Role.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("role", "error.role.required");
        }
    }
}
