package dev.pushdeck.campaign;

import java.time.Instant;
import java.util.UUID;

/** Reusable campaign content: a notification, or a raw payload in expert mode. */
public record Template(UUID id, String name, Notification notification, String rawPayload, String createdBy,
                       Instant createdAt) {
}
