package dev.pushdeck.tenancy.api;

import dev.pushdeck.mail.MailOutcome;
import dev.pushdeck.security.Role;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.web.Idempotent;
import dev.pushdeck.shared.web.Page;
import dev.pushdeck.tenancy.CreatedInvitation;
import dev.pushdeck.tenancy.Invitation;
import dev.pushdeck.tenancy.InvitationService;
import dev.pushdeck.tenancy.Member;
import dev.pushdeck.tenancy.MemberService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The team's people for ADMIN tokens, as on the console's Members page: list members,
 * invite someone ({@code POST /api/v1/members}: membership starts when they accept), change
 * a role, remove; and the open invitations ({@code /api/v1/invitations}): list, a new link,
 * revoke. Only owners grant or take away ownership and the last owner stays (the rules are
 * {@link MemberService}'s and {@link InvitationService}'s).
 *
 * <p>No endpoint sets anyone's password: an invitation's link, shown once in the answer and
 * mailed when mail is configured, lets the person choose their own. The answer to an
 * invitation is the same whether or not the email has an account (docs/api.md, "Members").
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Members")
public class MembersController {

    private final MemberService members;
    private final InvitationService invitations;

    MembersController(MemberService members, InvitationService invitations) {
        this.members = members;
        this.invitations = invitations;
    }

    record MemberJson(UUID userId, String email, String displayName,
                      @Schema(allowableValues = {"OWNER", "ADMIN", "EDITOR", "VIEWER"}) String role, Instant since) {

        static MemberJson of(Member member) {
            return new MemberJson(member.userId(), member.email(), member.displayName(), member.role().name(),
                    member.since());
        }
    }

    record RoleChangeJson(@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
            allowableValues = {"OWNER", "ADMIN", "EDITOR", "VIEWER"}) @Nullable String role) {
    }

    record InviteJson(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String email,
                      @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                              allowableValues = {"OWNER", "ADMIN", "EDITOR", "VIEWER"}) @Nullable String role) {
    }

    record InvitationJson(UUID id, String email, Role role, String invitedBy, Instant createdAt, Instant expiresAt,
                          boolean expired) {

        static InvitationJson of(Invitation invitation) {
            return new InvitationJson(invitation.id(), invitation.email(), invitation.role(), invitation.invitedBy(),
                    invitation.createdAt(), invitation.expiresAt(), invitation.expired());
        }
    }

    /**
     * An invitation just made or renewed: {@code link} is shown only in this answer (never in a
     * replay), and {@code mail} says whether it was mailed ({@code SENT}) or must be passed on.
     */
    record CreatedInvitationJson(UUID id, String email, Role role, Instant expiresAt, String link, MailOutcome mail) {

        static CreatedInvitationJson of(CreatedInvitation created) {
            Invitation invitation = created.invitation();
            return new CreatedInvitationJson(invitation.id(), invitation.email(), invitation.role(),
                    invitation.expiresAt(), created.link(), created.mail());
        }
    }

    /** Admins only, as the Members page (the dashboard's member count needs no list). */
    @GetMapping("/members")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "The team's members with their roles (ADMIN)")
    public List<MemberJson> list() {
        return members.list().stream().map(MemberJson::of).toList();
    }

    @PostMapping("/members")
    @ResponseStatus(HttpStatus.CREATED)
    @Idempotent(secretFields = "link")
    @Operation(summary = "Invite a person by email with a role (ADMIN; OWNER to invite an owner); membership starts "
            + "when they accept. The link is shown only in this answer; 409 for a member or a live invitation")
    public CreatedInvitationJson invite(@RequestBody InviteJson body) {
        return CreatedInvitationJson.of(invitations.invite(body.email(), role(body.role())));
    }

    @PatchMapping("/members/{userId}")
    @Operation(summary = "Change a member's role (ADMIN; OWNER to grant or take away ownership); 409 for the last "
            + "owner")
    public MemberJson changeRole(@PathVariable UUID userId, @RequestBody RoleChangeJson body) {
        return MemberJson.of(members.changeRole(userId, role(body.role())));
    }

    @DeleteMapping("/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a member from the team (ADMIN; OWNER for an owner); 409 for the last owner")
    public void remove(@PathVariable UUID userId) {
        members.remove(userId);
    }

    @GetMapping("/invitations")
    @Operation(summary = "The team's open invitations, newest first, expired ones flagged (ADMIN)")
    public Page<InvitationJson> invitations(@RequestParam(required = false) @Nullable Integer page,
                                            @RequestParam(required = false) @Nullable Integer size) {
        int pageSize = Page.size(size);
        int pageNo = Page.page(page);
        List<Invitation> open = invitations.pending();
        return new Page<>(open.stream().skip((long) pageNo * pageSize).limit(pageSize).map(InvitationJson::of)
                .toList(), pageNo, pageSize, (long) open.size());
    }

    @PostMapping("/invitations/{id}/renew")
    @Operation(summary = "A new link and a new week for an open invitation (ADMIN); the old link stops working. "
            + "The new link is shown only in this answer")
    public CreatedInvitationJson renewInvitation(@PathVariable UUID id) {
        return CreatedInvitationJson.of(invitations.renew(id));
    }

    @DeleteMapping("/invitations/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke an open invitation (ADMIN); its link stops working at once")
    public void revokeInvitation(@PathVariable UUID id) {
        invitations.revoke(id);
    }

    private static Role role(@Nullable String text) {
        return Role.parse(text).orElseThrow(() -> new ValidationException("role", "error.role.required"));
    }
}
