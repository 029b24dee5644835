package dev.pushdeck.security;

import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.security.internal.ApiTokenRepository;
import dev.pushdeck.security.internal.ApiTokenRepository.TokenRow;
import dev.pushdeck.security.internal.PresentedTokens;
import dev.pushdeck.shared.Names;
import dev.pushdeck.shared.SecretTokens;
import dev.pushdeck.shared.error.NotFoundException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Metrics tokens ({@code pdm_...}): the only credential {@code /actuator/prometheus}
 * accepts, and good for nothing else. The meters name every team's apps, credentials and
 * refusal reasons, so these tokens are instance-wide and only instance administrators
 * create, list and revoke them (docs/decisions/029-metrics-behind-their-own-tokens.md).
 * Shown once, stored hashed, revoked at once. Thread-safe; an unknown or revoked id answers
 * {@link NotFoundException}.
 */
@Service
public class MetricsTokenService {

    public static final String KIND = "pdm_";
    private static final int MAX_NAME = 120;

    private final ApiTokenRepository tokens;
    private final CurrentActor actor;
    private final AuditLog audit;
    private final PresentedTokens presented;

    MetricsTokenService(ApiTokenRepository tokens, CurrentActor actor, AuditLog audit, PresentedTokens presented) {
        this.tokens = tokens;
        this.actor = actor;
        this.audit = audit;
        this.presented = presented;
    }

    /** Creates a metrics token, e.g. for a Prometheus scrape job; its secret is in the answer only. */
    @PreAuthorize("hasRole('INSTANCE_ADMIN')")
    @Transactional
    public CreatedMetricsToken create(@Nullable String name) {
        String cleanName = Names.require(name, MAX_NAME);
        SecretTokens.Minted minted = SecretTokens.mint(KIND);
        UUID id = tokens.insertMetrics(cleanName, minted.prefix(), minted.hash(), actor.require().actorLabel());
        audit.record("metrics-token.created", cleanName, KIND + minted.prefix());
        return new CreatedMetricsToken(id, cleanName, minted.token());
    }

    @PreAuthorize("hasRole('INSTANCE_ADMIN')")
    @Transactional(readOnly = true)
    public List<MetricsTokenInfo> list() {
        return tokens.listActiveMetrics().stream().map(MetricsTokenService::info).toList();
    }

    @PreAuthorize("hasRole('INSTANCE_ADMIN')")
    @Transactional
    public void revoke(UUID id) {
        TokenRow row = tokens.findActiveMetrics(id).orElseThrow(NotFoundException::new);
        tokens.revokeMetrics(id);
        audit.record("metrics-token.revoked", row.name(), KIND + row.lookupPrefix());
    }

    /** The principal a presented bearer stands for, if it is a live metrics token. */
    @Transactional
    public Optional<PushdeckPrincipal> authenticate(String bearer) {
        return presented.match(KIND, bearer, row -> ApiTokenRepository.METRICS.equals(row.role()))
                .map(row -> new PushdeckPrincipal(PushdeckPrincipal.Kind.METRICS_TOKEN, row.id(), row.name(),
                        row.name(), null, null, false));
    }

    private static MetricsTokenInfo info(TokenRow row) {
        return new MetricsTokenInfo(row.id(), row.name(), KIND + row.lookupPrefix(), row.createdBy(),
                row.createdAt(), row.lastUsedAt());
    }
}
