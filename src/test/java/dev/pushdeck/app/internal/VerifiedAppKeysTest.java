package dev.pushdeck.app.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.security.AppKeyVerifier.AppKeyIdentity;
import dev.pushdeck.shared.SecretTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class VerifiedAppKeysTest {

    private static final Duration WINDOW = Duration.ofSeconds(5);

    private final MovableClock clock = new MovableClock();
    private final VerifiedAppKeys verified = new VerifiedAppKeys(clock, WINDOW);

    @Test
    void aVerifiedKeyIsRememberedUntilItsWindowHasPassedAndNotAMomentLonger() {
        byte[] hash = SecretTokens.sha256("pdk_one");
        AppKeyIdentity identity = identity(UUID.randomUUID());
        verified.remember(hash, identity);

        clock.advance(WINDOW.minusMillis(1));
        assertThat(verified.find(hash)).contains(identity);
        clock.advance(Duration.ofMillis(1));
        assertThat(verified.find(hash)).isEmpty();
    }

    @Test
    void onlyTheSameKeyFindsTheEntry() {
        verified.remember(SecretTokens.sha256("pdk_one"), identity(UUID.randomUUID()));

        assertThat(verified.find(SecretTokens.sha256("pdk_two"))).isEmpty();
    }

    @Test
    void aRevokedKeyIsForgottenAtOnceAndOtherKeysOfItsAppStay() {
        UUID app = UUID.randomUUID();
        AppKeyIdentity revoked = identity(app);
        AppKeyIdentity other = identity(app);
        verified.remember(SecretTokens.sha256("pdk_revoked"), revoked);
        verified.remember(SecretTokens.sha256("pdk_other"), other);

        verified.forgetKeyOnCommit(revoked.keyId());

        assertThat(verified.find(SecretTokens.sha256("pdk_revoked"))).isEmpty();
        assertThat(verified.find(SecretTokens.sha256("pdk_other"))).contains(other);
    }

    @Test
    void deletingAnAppForgetsEveryKeyOfThatAppOnly() {
        UUID deleted = UUID.randomUUID();
        AppKeyIdentity kept = identity(UUID.randomUUID());
        verified.remember(SecretTokens.sha256("pdk_a"), identity(deleted));
        verified.remember(SecretTokens.sha256("pdk_b"), identity(deleted));
        verified.remember(SecretTokens.sha256("pdk_c"), kept);

        verified.forgetAppOnCommit(deleted);

        assertThat(verified.find(SecretTokens.sha256("pdk_a"))).isEmpty();
        assertThat(verified.find(SecretTokens.sha256("pdk_b"))).isEmpty();
        assertThat(verified.find(SecretTokens.sha256("pdk_c"))).contains(kept);
    }

    @Test
    void aZeroWindowRemembersNothing() {
        VerifiedAppKeys never = new VerifiedAppKeys(clock, Duration.ZERO);
        byte[] hash = SecretTokens.sha256("pdk_one");
        never.remember(hash, identity(UUID.randomUUID()));

        assertThat(never.find(hash)).isEmpty();
    }

    @Test
    void aFullCacheMakesRoomForTheNextKeyByForgettingTheOthers() {
        for (int i = 0; i < VerifiedAppKeys.MAX_ENTRIES; i++) {
            verified.remember(SecretTokens.sha256("pdk_" + i), identity(UUID.randomUUID()));
        }
        byte[] next = SecretTokens.sha256("pdk_next");
        AppKeyIdentity identity = identity(UUID.randomUUID());
        verified.remember(next, identity);

        assertThat(verified.find(next)).contains(identity);
        assertThat(verified.find(SecretTokens.sha256("pdk_0"))).isEmpty();
    }

    private static AppKeyIdentity identity(UUID appId) {
        return new AppKeyIdentity(UUID.randomUUID(), UUID.randomUUID(), appId, "key");
    }

    /** A clock the test moves by hand. */
    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-11-28T09:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
