package dev.pushdeck.security;

import java.time.Instant;
import java.util.UUID;

/** A team API token as listed: never its secret. */
public record ApiTokenInfo(UUID id, String name, Role role, String prefix, String createdBy, Instant createdAt,
                           Instant lastUsedAt) implements ListedToken {
}
