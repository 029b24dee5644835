package dev.pushdeck.security;

import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.security.internal.ApiTokenRepository;
import dev.pushdeck.security.internal.ApiTokenRepository.TokenRow;
import dev.pushdeck.security.internal.PresentedTokens;
import dev.pushdeck.shared.Names;
import dev.pushdeck.shared.SecretTokens;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.error.ValidationException;
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

    private static final int MAX_NAME = 120;

    public static final String KIND = "pdt_";

    private final ApiTokenRepository tokens;
    private final CurrentActor actor;
    private final AuditLog audit;
    private final PresentedTokens presented;

    ApiTokenService(ApiTokenRepository tokens, CurrentActor actor, AuditLog audit, PresentedTokens presented) {
        this.tokens = tokens;
        this.actor = actor;
        this.audit = audit;
        this.presented = presented;
    }

    /** Creates a token for the current team. Owners are people: a token's role is at most ADMIN. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public CreatedApiToken create(@Nullable String name, Role role) {
        return issue(actor.teamId(), name, role, false);
    }

    /**
     * Issues a token for a given team without a signed-in team member: for provisioning a
     * new team and the bootstrap token. The caller has already checked the right to do so.
     */
    @Transactional
    public CreatedApiToken issue(UUID teamId, @Nullable String name, Role role, boolean instanceScope) {
        String cleanName = Names.require(name, MAX_NAME);
        if (role == null || role == Role.OWNER) {
            throw new ValidationException("role", "error.token.role");
        }
        SecretTokens.Minted minted = SecretTokens.mint(KIND);
        return store(teamId, cleanName, role, instanceScope, minted);
    }

    /** Stores a token chosen by the operator (the bootstrap variable) as an instance-scoped ADMIN token. */
    @Transactional
    public void importBootstrapToken(UUID teamId, String token) {
        String prefix = SecretTokens.prefixOf(KIND, token).orElseThrow(() -> new IllegalArgumentException(
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
