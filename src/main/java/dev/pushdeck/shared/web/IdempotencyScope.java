package dev.pushdeck.shared.web;

import java.util.Optional;
import java.util.UUID;

/**
 * Whose Idempotency-Keys a request uses: the team of the authenticated caller. Implemented
 * by the security module, which knows the principal; empty when the request has no team.
 */
public interface IdempotencyScope {

    Optional<UUID> teamId();
}
