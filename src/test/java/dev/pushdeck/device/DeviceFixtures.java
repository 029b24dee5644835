package dev.pushdeck.device;

import dev.pushdeck.TestTeams;
import dev.pushdeck.app.AppKeyService;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.util.Random;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Apps, app keys and tokens for device tests, made through the real services. */
@Component
class DeviceFixtures {

    private static final Random RANDOM = new Random();

    private final AppService apps;
    private final AppKeyService keys;

    DeviceFixtures(AppService apps, AppKeyService keys) {
        this.apps = apps;
        this.keys = keys;
    }

    PushApp app(TestTeams.Fixture team, String name) {
        return TestSecurity.as(team.as(Role.ADMIN), () -> apps.create(name, "com.example." + name.toLowerCase()
                .replaceAll("[^a-z0-9]", "")));
    }

    String key(TestTeams.Fixture team, UUID appId) {
        return TestSecurity.as(team.as(Role.ADMIN), () -> keys.create(appId, "test key").key());
    }

    void revokeAll(TestTeams.Fixture team, UUID appId) {
        TestSecurity.as(team.as(Role.ADMIN), () -> {
            keys.list(appId).forEach(key -> keys.revoke(appId, key.id()));
            return null;
        });
    }

    /** A fresh random 32-byte token in lower-case hex. */
    static String token() {
        StringBuilder hex = new StringBuilder(64);
        synchronized (RANDOM) {
            for (int i = 0; i < 64; i++) {
                hex.append(Character.forDigit(RANDOM.nextInt(16), 16));
            }
        }
        return hex.toString();
    }
}
