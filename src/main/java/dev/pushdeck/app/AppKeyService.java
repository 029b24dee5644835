package dev.pushdeck.app;

import dev.pushdeck.app.internal.AppKeyRepository;
import dev.pushdeck.app.internal.AppKeyRepository.KeyRow;
import dev.pushdeck.app.internal.VerifiedAppKeys;
import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.security.AppKeyVerifier;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.shared.Names;
import dev.pushdeck.shared.SecretTokens;
import dev.pushdeck.shared.error.NotFoundException;
import java.security.MessageDigest;
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
    private final VerifiedAppKeys verified;

    AppKeyService(AppKeyRepository keys, AppService apps, CurrentActor actor, AuditLog audit, Clock clock,
                  VerifiedAppKeys verified) {
        this.keys = keys;
        this.verified = verified;
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
        verified.forgetKeyOnCommit(keyId);
        audit.record("app-key.revoked", app.name() + " / " + key.name(), KIND + key.lookupPrefix());
    }

    /**
     * Answers from {@link VerifiedAppKeys} when the key was verified in the last few seconds,
     * else looks it up (and notes its use at most once a minute). No transaction: a lookup
     * and an optional single-row update, each atomic on its own. See decision 015 for how
     * long a revocation made on another node can take to be honoured here.
     */
    @Override
    public Optional<AppKeyIdentity> verify(String bearer) {
        Optional<String> prefix = SecretTokens.prefixOf(KIND, bearer);
        if (prefix.isEmpty()) {
            return Optional.empty();
        }
        byte[] hash = SecretTokens.sha256(bearer);
        Optional<AppKeyIdentity> recent = verified.find(hash);
        if (recent.isPresent()) {
            return recent;
        }
        Optional<AppKeyIdentity> identity = keys.findActiveByPrefix(prefix.get())
                .filter(row -> MessageDigest.isEqual(hash, row.secretHash()))
                .map(row -> {
                    if (SecretTokens.useWorthRecording(row.lastUsedAt(), clock.instant())) {
                        keys.touch(row.id());
                    }
                    return new AppKeyIdentity(row.id(), row.tenantId(), row.appId(), row.name());
                });
        identity.ifPresent(key -> verified.remember(hash, key));
        return identity;
    }

    private static AppKeyInfo info(KeyRow row) {
        return new AppKeyInfo(row.id(), row.name(), KIND + row.lookupPrefix(), row.createdBy(), row.createdAt(),
                row.lastUsedAt());
    }
}
