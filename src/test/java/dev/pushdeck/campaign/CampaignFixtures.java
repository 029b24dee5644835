package dev.pushdeck.campaign;

import dev.pushdeck.TestTeams;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Apps and devices for campaign tests, made through the real services. */
@Component
public class CampaignFixtures {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final AppService apps;
    private final DeviceService devices;

    CampaignFixtures(AppService apps, DeviceService devices) {
        this.apps = apps;
        this.devices = devices;
    }

    public PushApp app(TestTeams.Fixture team, String name) {
        return TestSecurity.as(team.as(Role.ADMIN), () -> apps.create(name, "com.example." + name.toLowerCase()
                .replaceAll("[^a-z0-9]", "")));
    }

    /** Adds an ACTIVE device with tags in the environment and answers its token. */
    public String device(TestTeams.Fixture team, UUID appId, String environment, String... tags) {
        String token = token();
        TestSecurity.as(team.as(Role.EDITOR), () -> devices.add(appId, environment, token,
                new DeviceFields(List.of(tags), null, null, null)));
        return token;
    }

    public static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
