package dev.pushdeck.tenancy;

import java.util.UUID;

/**
 * A team just created. {@code adminToken} is an ADMIN API token for provisioning
 * scripts, present only when asked for and shown only this once.
 */
public record NewTeam(UUID id, String name, UUID ownerId, String adminToken) {

    @Override
    public String toString() {
        return "NewTeam[id=" + id + ", name=" + name + "]";
    }
}
