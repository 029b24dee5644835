package dev.pushdeck.security;

import java.time.Instant;

/** What a list of tokens shows of each, whatever it may do: never its secret. */
public interface ListedToken {

    String name();

    /** The token's first characters, kind included, to tell tokens apart. */
    String prefix();

    String createdBy();

    Instant createdAt();

    /** To the minute; {@code null} when never used. */
    Instant lastUsedAt();
}
