package dev.pushdeck.tenancy;

import java.time.Instant;
import java.util.UUID;

/** A team as instance administrators see it: name and size, never its content. */
public record Team(UUID id, String name, Instant createdAt, long members) {
}
