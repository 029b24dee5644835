package dev.pushdeck.security;

import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.security.internal.ApiTokenRepository;
import dev.pushdeck.security.provisioning.TeamTokens;
import dev.pushdeck.shared.Names;
import dev.pushdeck.shared.SecretTokens;
import dev.pushdeck.shared.error.ValidationException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Stores team API tokens, for the people's {@link ApiTokenService} and for provisioning. */
@Service
class ProvisionedTokens implements TeamTokens {

    private static final int MAX_NAME = 120;

    private final ApiTokenRepository tokens;
    private final CurrentActor actor;
    private final AuditLog audit;

    ProvisionedTokens(ApiTokenRepository tokens, CurrentActor actor, AuditLog audit) {
        this.tokens = tokens;
        this.actor = actor;
        this.audit = audit;
    }

    @Override
    @Transactional
    public CreatedApiToken issue(UUID teamId, @Nullable String name, Role role, boolean instanceScope) {
        String cleanName = Names.require(name, MAX_NAME);
        if (role == null || role == Role.OWNER) {
            throw new ValidationException("role", "error.token.role");
        }
        SecretTokens.Minted minted = SecretTokens.mint(ApiTokenService.KIND);
        return store(teamId, cleanName, role, instanceScope, minted);
    }

    @Override
    @Transactional
    public void importBootstrapToken(UUID teamId, String token) {
        String prefix = SecretTokens.prefixOf(ApiTokenService.KIND, token).orElseThrow(() -> new IllegalArgumentException(
                "PUSHDECK_BOOTSTRAP_API_TOKEN must be 'pdt_' followed by 43 characters of [A-Za-z0-9_-]"));
        store(teamId, "bootstrap", Role.ADMIN, true,
                new SecretTokens.Minted(token, prefix, SecretTokens.sha256(token)));
    }

    private CreatedApiToken store(UUID teamId, String name, Role role, boolean instanceScope,
                                  SecretTokens.Minted minted) {
        String createdBy = actor.principal().map(PushdeckPrincipal::actorLabel).orElse("system");
        UUID id = tokens.insert(teamId, name, role.name(), instanceScope, minted.prefix(), minted.hash(), createdBy);
        audit.recordInTeam(teamId, "token.created", name, role.name());
        return new CreatedApiToken(id, name, role, minted.token());
    }
}
