package dev.pushdeck.tenancy;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A team just created. A team made by an instance administrator has no member yet: its
 * first owner is invited ({@code ownerInvitation}, its link shown only this once). The first
 * team of an empty installation has its owner at once ({@code ownerId}). {@code adminToken}
 * is an ADMIN API token for provisioning scripts, present only when asked for and shown only
 * this once.
 */
public record NewTeam(UUID id, String name, @Nullable UUID ownerId, @Nullable CreatedInvitation ownerInvitation,
                      @Nullable String adminToken) {

    NewTeam withOwnerInvitation(CreatedInvitation invitation) {
        return new NewTeam(id, name, ownerId, invitation, adminToken);
    }

    @Override
    public String toString() {
        return "NewTeam[id=" + id + ", name=" + name + "]";
    }
}
