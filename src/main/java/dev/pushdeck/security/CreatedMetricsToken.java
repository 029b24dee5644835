package dev.pushdeck.security;

import java.util.UUID;

/** A metrics token just created: {@code token} is the only time its secret is ever available. */
public record CreatedMetricsToken(UUID id, String name, String token) {

    @Override
    public String toString() {
        return "CreatedMetricsToken[id=" + id + ", name=" + name + "]";
    }
}
