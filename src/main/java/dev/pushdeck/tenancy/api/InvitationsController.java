package dev.pushdeck.tenancy.api;

import dev.pushdeck.mail.MailOutcome;
import dev.pushdeck.security.Role;
import dev.pushdeck.shared.ValidationException;
import dev.pushdeck.shared.web.Page;
import dev.pushdeck.tenancy.CreatedInvitation;
import dev.pushdeck.tenancy.Invitation;
import dev.pushdeck.tenancy.InvitationService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Adding members over HTTP (ADMIN tokens): {@code POST /api/v1/members} invites an email with a
 * role, and {@code /api/v1/invitations} lists, renews and revokes open invitations. The answer
 * to an invitation carries its link once; it is the same whether or not the email has an account.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Members")
class InvitationsController {

    private final InvitationService invitations;

    InvitationsController(InvitationService invitations) {
        this.invitations = invitations;
    }

    record Invite(String email, String role) {
    }

    record InvitationJson(UUID id, String email, Role role, String invitedBy, Instant createdAt, Instant expiresAt,
                          boolean expired) {
        static InvitationJson of(Invitation invitation) {
            return new InvitationJson(invitation.id(), invitation.email(), invitation.role(), invitation.invitedBy(),
                    invitation.createdAt(), invitation.expiresAt(), invitation.expired());
        }
    }

    /** {@code mail} says whether the link was mailed ({@code SENT}) or must be passed on by hand. */
    record CreatedInvitationJson(UUID id, String email, Role role, Instant expiresAt, String link, MailOutcome mail) {
        static CreatedInvitationJson of(CreatedInvitation created) {
            Invitation invitation = created.invitation();
            return new CreatedInvitationJson(invitation.id(), invitation.email(), invitation.role(),
                    invitation.expiresAt(), created.link(), created.mail());
        }
    }

    @PostMapping("/members")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Invite a person by email with a role; membership starts when they accept. "
            + "The link is shown only in this answer")
    CreatedInvitationJson invite(@RequestBody Invite body) {
        return CreatedInvitationJson.of(invitations.invite(body.email(), role(body.role())));
    }

    @GetMapping("/invitations")
    @Operation(summary = "The team's open invitations, newest first (expired ones flagged)")
    Page<InvitationJson> list(@RequestParam(required = false) Integer page,
                              @RequestParam(required = false) Integer size) {
        int pageSize = Page.size(size);
        int pageNo = Page.page(page);
        List<Invitation> all = invitations.pending();
        return new Page<>(all.stream().skip((long) pageNo * pageSize).limit(pageSize).map(InvitationJson::of)
                .toList(), pageNo, pageSize, (long) all.size());
    }

    @PostMapping("/invitations/{id}/renew")
    @Operation(summary = "A new link and a new week for an open invitation; the old link stops working")
    CreatedInvitationJson renew(@PathVariable UUID id) {
        return CreatedInvitationJson.of(invitations.renew(id));
    }

    @DeleteMapping("/invitations/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke an open invitation")
    void revoke(@PathVariable UUID id) {
        invitations.revoke(id);
    }

    private static Role role(String text) {
        return Role.parse(text).orElseThrow(() -> new ValidationException("role", "error.role.required"));
    }
}
