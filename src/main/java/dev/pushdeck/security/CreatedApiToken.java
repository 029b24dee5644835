package dev.pushdeck.security;

import java.util.UUID;

/** A token just created: {@code token} is the only time its secret is ever available. */
public record CreatedApiToken(UUID id, String name, Role role, String token) implements CreatedToken {

    @Override
    public String toString() {
        return "CreatedApiToken[id=" + id + ", name=" + name + ", role=" + role + "]";
    }
}
