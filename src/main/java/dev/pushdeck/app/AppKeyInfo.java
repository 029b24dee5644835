package dev.pushdeck.app;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An app key as listed: its lookup prefix, never its secret. */
public record AppKeyInfo(UUID id, String name, String prefix, String createdBy, Instant createdAt,
                         @Nullable Instant lastUsedAt) {
}
