package dev.pushdeck.campaign;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Reusable campaign content: a notification, or a raw payload in expert mode. */
public record Template(UUID id, String name, Notification notification, @Nullable String rawPayload, String createdBy,
                       Instant createdAt) {
}
