package dev.pushdeck.app;

import dev.pushdeck.app.internal.AppKeyRepository;
import dev.pushdeck.app.internal.AppKeyRepository.KeyRow;
import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.security.AppKeyVerifier;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.shared.Names;
import dev.pushdeck.shared.NotFoundException;
import dev.pushdeck.shared.SecretTokens;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * App keys ({@code pdk_...}) that mobile apps use to register their devices: created by
 * admins per app, shown once, stored hashed, revocable. A key acts only for its own app.
 * Thread-safe; another team's apps and keys answer {@link NotFoundException}.
 */
@Service
public class AppKeyService implements AppKeyVerifier {

    private static final int MAX_NAME = 120;

    private final AppKeyRepository keys;
    private final AppService apps;
    private final CurrentActor actor;
    private final AuditLog audit;
    private final Clock clock;

    AppKeyService(AppKeyRepository keys, AppService apps, CurrentActor actor, AuditLog audit, Clock clock) {
        this.keys = keys;
        this.apps = apps;
        this.actor = actor;
        this.audit = audit;
        this.clock = clock;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public CreatedAppKey create(UUID appId, String name) {
        PushApp app = apps.get(appId);
        String cleanName = Names.require(name, MAX_NAME);
        SecretTokens.Minted minted = SecretTokens.mint(KIND);
        UUID id = keys.insert(actor.teamId(), app.id(), cleanName, minted.prefix(), minted.hash(),
                actor.require().actorLabel());
        audit.record("app-key.created", app.name() + " / " + cleanName, KIND + minted.prefix());
        return new CreatedAppKey(id, cleanName, KIND + minted.prefix(), minted.token());
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<AppKeyInfo> list(UUID appId) {
        PushApp app = apps.get(appId);
        return keys.listActive(actor.teamId(), app.id()).stream().map(AppKeyService::info).toList();
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void revoke(UUID appId, UUID keyId) {
        PushApp app = apps.get(appId);
        KeyRow key = keys.findActive(actor.teamId(), app.id(), keyId).orElseThrow(NotFoundException::new);
        keys.revoke(actor.teamId(), keyId);
        audit.record("app-key.revoked", app.name() + " / " + key.name(), KIND + key.lookupPrefix());
    }

    @Override
    @Transactional
    public Optional<AppKeyIdentity> verify(String bearer) {
        return SecretTokens.prefixOf(KIND, bearer)
                .flatMap(keys::findActiveByPrefix)
                .filter(row -> SecretTokens.matches(bearer, row.secretHash()))
                .map(row -> {
                    if (SecretTokens.useWorthRecording(row.lastUsedAt(), clock.instant())) {
                        keys.touch(row.id());
                    }
                    return new AppKeyIdentity(row.id(), row.tenantId(), row.appId(), row.name());
                });
    }

    private static AppKeyInfo info(KeyRow row) {
        return new AppKeyInfo(row.id(), row.name(), KIND + row.lookupPrefix(), row.createdBy(), row.createdAt(),
                row.lastUsedAt());
    }
}
