package dev.pushdeck.security;

import dev.pushdeck.audit.AuditActorProvider;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Tells the audit log who acts, from the current principal. */
@Component
class AuditActors implements AuditActorProvider {

    private final CurrentActor actor;

    AuditActors(CurrentActor actor) {
        this.actor = actor;
    }

    @Override
    public Optional<UUID> teamId() {
        return actor.principal().flatMap(PushdeckPrincipal::team);
    }

    @Override
    public String actor() {
        return actor.principal().map(PushdeckPrincipal::actorLabel).orElse("system");
    }

    @Override
    public @Nullable String clientAddress() {
        return actor.clientAddress();
    }
}
