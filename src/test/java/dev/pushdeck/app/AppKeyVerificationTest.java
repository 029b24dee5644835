package dev.pushdeck.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestClock;
import dev.pushdeck.TestTeams;
import dev.pushdeck.security.AppKeyVerifier.AppKeyIdentity;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Verification of app keys with the short-lived memory of decision 015. */
@PushdeckTest
class AppKeyVerificationTest {

    @Autowired
    TestTeams teams;
    @Autowired
    AppService apps;
    @Autowired
    AppKeyService keys;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;

    TestTeams.Fixture team;
    PushApp app;
    CreatedAppKey key;

    @BeforeEach
    void setUp() {
        team = teams.create("key-verification");
        app = TestSecurity.as(team.as(Role.ADMIN), () -> apps.create("Verified", "com.example.verified"));
        key = TestSecurity.as(team.as(Role.ADMIN), () -> keys.create(app.id(), "verified key"));
    }

    @AfterEach
    void backToRealTime() {
        clock.reset();
    }

    @Test
    void aLiveKeyActsForItsOwnAppAndTeam() {
        Optional<AppKeyIdentity> identity = keys.verify(key.key());

        assertThat(identity).isPresent();
        assertThat(identity.get().appId()).isEqualTo(app.id());
        assertThat(identity.get().teamId()).isEqualTo(team.teamId());
        assertThat(identity.get().keyId()).isEqualTo(key.id());
    }

    @Test
    void aKeyRevokedOnThisNodeIsRefusedAtOnceThoughItWasJustVerified() {
        assertThat(keys.verify(key.key())).isPresent();

        TestSecurity.as(team.as(Role.ADMIN), () -> {
            keys.revoke(app.id(), key.id());
            return null;
        });

        assertThat(keys.verify(key.key())).isEmpty();
    }

    @Test
    void deletingTheAppRefusesItsKeyAtOnceThoughItWasJustVerified() {
        assertThat(keys.verify(key.key())).isPresent();

        TestSecurity.as(team.as(Role.ADMIN), () -> {
            apps.delete(app.id());
            return null;
        });

        assertThat(keys.verify(key.key())).isEmpty();
    }

    @Test
    void aKeyRevokedOnAnotherNodeIsRefusedHereOnceTheWindowHasPassed() {
        assertThat(keys.verify(key.key())).isPresent();

        // What another node's revocation looks like from here: only the row changes.
        jdbc.sql("update app_keys set revoked_at = now() where id = :id").param("id", key.id()).update();

        clock.advance(Duration.ofSeconds(4));
        assertThat(keys.verify(key.key())).as("remembered for 5 s").isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(keys.verify(key.key())).as("looked up again once the 5 s have passed").isEmpty();
    }

    @Test
    void aWrongSecretBehindALivePrefixIsRefusedRightAfterTheRealKeyWasVerified() {
        assertThat(keys.verify(key.key())).isPresent();
        String real = key.key();
        String forged = real.substring(0, real.length() - 1) + (real.endsWith("A") ? "B" : "A");

        assertThat(keys.verify(forged)).isEmpty();
    }
}
