package dev.pushdeck.security;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One of a person's signed-in browser sessions.
 *
 * @param lastSeenAt the last request, to the minute
 * @param current    the session this list was asked from
 */
public record OpenSession(UUID id, Instant startedAt, Instant lastSeenAt, @Nullable String userAgent,
                          @Nullable String clientAddress,
                          boolean current) {
}
