package dev.pushdeck.app.internal;

import dev.pushdeck.security.AppKeyVerifier.AppKeyIdentity;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * App keys verified a moment ago, so a busy app's registrations do not look its key up in
 * the database on every request (decision 015). An entry lives at most
 * {@code pushdeck.app-keys.verified-ttl} (default 5 s). Revoking a key or deleting its app
 * on this node forgets its entries once that transaction commits; a revocation made on
 * another node is honoured here at the latest when the entry expires. Entries are keyed by
 * the SHA-256 of the presented key, never the key itself; failed verifications are not
 * remembered. Thread-safe.
 */
@Component
public class VerifiedAppKeys {

    /** A bound on memory: beyond it expired entries are dropped, and if that is not enough, all. */
    static final int MAX_ENTRIES = 10_000;

    private final Map<ByteBuffer, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration ttl;

    VerifiedAppKeys(Clock clock, @Value("${pushdeck.app-keys.verified-ttl:5s}") Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    private record Entry(AppKeyIdentity identity, Instant expiresAt) {
    }

    /** The identity remembered for a key with this hash, if it has not expired. */
    public Optional<AppKeyIdentity> find(byte[] keyHash) {
        Entry entry = entries.get(ByteBuffer.wrap(keyHash));
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expiresAt())) {
            entries.remove(ByteBuffer.wrap(keyHash), entry);
            return Optional.empty();
        }
        return Optional.of(entry.identity());
    }

    /** Remembers a key just verified against the database. */
    public void remember(byte[] keyHash, AppKeyIdentity identity) {
        if (ttl.isZero() || ttl.isNegative()) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            makeRoom();
        }
        entries.put(ByteBuffer.wrap(keyHash.clone()), new Entry(identity, clock.instant().plus(ttl)));
    }

    /** Forgets the key once the current transaction (if any) commits: call when revoking it. */
    public void forgetKeyOnCommit(UUID keyId) {
        onCommit(identity -> identity.keyId().equals(keyId));
    }

    /** Forgets every key of the app once the current transaction (if any) commits: call when deleting it. */
    public void forgetAppOnCommit(UUID appId) {
        onCommit(identity -> identity.appId().equals(appId));
    }

    private void onCommit(Predicate<AppKeyIdentity> which) {
        Runnable forget = () -> entries.values().removeIf(entry -> which.test(entry.identity()));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    forget.run();
                }
            });
        } else {
            forget.run();
        }
    }

    private void makeRoom() {
        Instant now = clock.instant();
        entries.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
    }
}
