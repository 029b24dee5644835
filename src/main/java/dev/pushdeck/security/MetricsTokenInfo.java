package dev.pushdeck.security;

import java.time.Instant;
import java.util.UUID;

/** A metrics token as listed: never its secret. */
public record MetricsTokenInfo(UUID id, String name, String prefix, String createdBy, Instant createdAt,
                               Instant lastUsedAt) implements ListedToken {
}
