package dev.pushdeck.security;

import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.security.internal.ApiTokenRepository;
import dev.pushdeck.security.internal.ApiTokenRepository.TokenRow;
import dev.pushdeck.security.internal.PresentedTokens;
import dev.pushdeck.shared.error.NotFoundException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Team API tokens ({@code pdt_...}) for the REST API: created by team admins with a role,
 * shown once, stored hashed, revocable. Thread-safe. Another team's token ids answer
 * {@link NotFoundException}.
 */
@Service
public class ApiTokenService {

    public static final String KIND = "pdt_";

    private final ApiTokenRepository tokens;
    private final CurrentActor actor;
    private final AuditLog audit;
    private final PresentedTokens presented;
    private final ProvisionedTokens provisioned;

    ApiTokenService(ApiTokenRepository tokens, CurrentActor actor, AuditLog audit, PresentedTokens presented,
                    ProvisionedTokens provisioned) {
        this.tokens = tokens;
        this.actor = actor;
        this.audit = audit;
        this.presented = presented;
        this.provisioned = provisioned;
    }

    /** Creates a token for the current team. Owners are people: a token's role is at most ADMIN. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public CreatedApiToken create(@Nullable String name, Role role) {
        return provisioned.issue(actor.teamId(), name, role, false);
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<ApiTokenInfo> list() {
        return tokens.listActive(actor.teamId()).stream().map(ApiTokenService::info).toList();
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void revoke(UUID id) {
        UUID team = actor.teamId();
        TokenRow row = tokens.findActive(team, id).orElseThrow(NotFoundException::new);
        tokens.revoke(team, id);
        audit.record("token.revoked", row.name(), row.role());
    }

    /** The principal a presented bearer token stands for, if it is a live token. */
    @Transactional
    public Optional<PushdeckPrincipal> authenticate(String bearer) {
        return presented.match(KIND, bearer, row -> row.tenantId() != null)
                .map(row -> new PushdeckPrincipal(PushdeckPrincipal.Kind.API_TOKEN, row.id(), row.name(), row.name(),
                        row.tenantId(), Role.valueOf(row.role()), row.instanceScope()));
    }

    private static ApiTokenInfo info(TokenRow row) {
        return new ApiTokenInfo(row.id(), row.name(), Role.valueOf(row.role()), KIND + row.lookupPrefix(),
                row.createdBy(), row.createdAt(), row.lastUsedAt());
    }
}
