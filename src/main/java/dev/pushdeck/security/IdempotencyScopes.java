package dev.pushdeck.security;

import dev.pushdeck.shared.web.IdempotencyScope;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Idempotency-Keys belong to the team of the current principal (a team API token's team). */
@Component
class IdempotencyScopes implements IdempotencyScope {

    private final CurrentActor actor;

    IdempotencyScopes(CurrentActor actor) {
        this.actor = actor;
    }

    @Override
    public Optional<UUID> teamId() {
        return actor.principal().flatMap(PushdeckPrincipal::team);
    }
}
