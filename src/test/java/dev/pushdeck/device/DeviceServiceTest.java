package dev.pushdeck.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.device.feedback.DeviceFeedback;
import dev.pushdeck.device.feedback.DeviceFeedback.RefusedToken;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import dev.pushdeck.shared.error.ConflictException;
import dev.pushdeck.shared.error.NotFoundException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

@PushdeckTest
class DeviceServiceTest {

    @Autowired
    TestTeams teams;
    @Autowired
    DeviceFixtures fixtures;
    @Autowired
    DeviceService devices;
    @Autowired
    DeviceFeedback feedback;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    TestTeams.Fixture team;
    PushApp app;

    @BeforeEach
    void setUp() {
        team = teams.create("device-service");
        app = fixtures.app(team, "Service App");
    }

    @AfterEach
    void signOut() {
        TestSecurity.signOut();
    }

    private Device add(String token, List<String> tags) {
        return TestSecurity.as(team.as(Role.EDITOR), () -> devices.add(app.id(), "production", token,
                new DeviceFields(tags, null, null, null)));
    }

    private Device reload(Device device) {
        return TestSecurity.as(team.as(Role.VIEWER), () -> devices.get(device.id()));
    }

    private HttpResponse<String> register(String key, String token) {
        return new Http(port).putJson("/api/v1/device-registrations/" + token, key, "{\"environment\":\"production\"}");
    }

    @Test
    void apnsFeedbackOlderThanTheLastRegistrationIsIgnoredAndANewerOneMarksTheDevice() {
        Device device = add(DeviceFixtures.token(), List.of());

        boolean stale = feedback.unregistered(team.teamId(), device.id(), device.lastRegisteredAt().minusSeconds(60),
                "Unregistered");
        assertThat(stale).isFalse();
        assertThat(reload(device).status()).isEqualTo(DeviceStatus.ACTIVE);

        Instant apple = device.lastRegisteredAt().plusMillis(5);
        assertThat(feedback.unregistered(team.teamId(), device.id(), apple, "Unregistered")).isTrue();
        Device marked = reload(device);
        assertThat(marked.status()).isEqualTo(DeviceStatus.UNREGISTERED);
        assertThat(marked.invalidatedAt()).isEqualTo(apple);
        assertThat(marked.invalidReason()).isEqualTo("Unregistered");
    }

    @Test
    void aRegistrationAfterApplesTimestampRevivesTheDeviceButOneBeforeItDoesNot() throws Exception {
        String key = fixtures.key(team, app.id());
        String token = DeviceFixtures.token();
        register(key, token);
        Device device = TestSecurity.as(team.as(Role.VIEWER), () -> devices.list(app.id(), DeviceFilter.ALL, 0, 1)).get(0);

        ObjectMapper json = new ObjectMapper();

        feedback.unregistered(team.teamId(), device.id(), device.lastRegisteredAt().plusMillis(1), "Unregistered");
        Thread.sleep(20);
        assertThat(json.readTree(register(key, token).body()).get("status").asText()).isEqualTo("ACTIVE");

        // Apple's timestamp lies after this registration: the registration is older and revives nothing.
        feedback.unregistered(team.teamId(), device.id(), Instant.now().plusSeconds(3600), "Unregistered");
        assertThat(json.readTree(register(key, token).body()).get("status").asText()).isEqualTo("UNREGISTERED");
    }

    @Test
    void aNewerRegistrationRevivesADeviceARunMarkedInvalid() throws Exception {
        String key = fixtures.key(team, app.id());
        String token = DeviceFixtures.token();
        register(key, token);
        Device device = TestSecurity.as(team.as(Role.VIEWER), () -> devices.list(app.id(), DeviceFilter.ALL, 0, 1)).get(0);
        UUID run = UUID.randomUUID();
        assertThat(feedback.invalid(team.teamId(), run, List.of(new RefusedToken(device.id(), "BadDeviceToken",
                Instant.now().plusMillis(1))))).isEqualTo(1);
        assertThat(TestSecurity.as(team.as(Role.VIEWER), () -> devices.countMarkedBy(run))).isEqualTo(1);

        HttpResponse<String> again = register(key, token);

        assertThat(new ObjectMapper().readTree(again.body()).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(TestSecurity.as(team.as(Role.VIEWER), () -> devices.countMarkedBy(run))).isZero();
    }

    @Test
    void aRefusalNewerThanTheLastRegistrationMarksTheDeviceAndAnOlderOneDoesNot() throws Exception {
        String key = fixtures.key(team, app.id());
        String token = DeviceFixtures.token();
        register(key, token);
        Device device = TestSecurity.as(team.as(Role.VIEWER), () -> devices.list(app.id(), DeviceFilter.ALL, 0, 1)).get(0);

        assertThat(feedback.invalid(team.teamId(), UUID.randomUUID(), List.of(new RefusedToken(device.id(),
                "BadDeviceToken", Instant.now().minus(Duration.ofHours(1)))))).as("refused before it registered")
                .isZero();
        assertThat(feedback.invalid(team.teamId(), UUID.randomUUID(), List.of(new RefusedToken(device.id(),
                "DeviceTokenNotForTopic", Instant.now().plus(Duration.ofHours(1)))))).isEqualTo(1);

        HttpResponse<String> older = register(key, token);
        assertThat(new ObjectMapper().readTree(older.body()).get("status").asText()).as("a registration older than"
                + " the refusal").isEqualTo("INVALID");
    }

    @Test
    void anAdminRestoresTheDevicesOneRunMarkedAndTheRestoreIsAudited() {
        Device first = add(DeviceFixtures.token(), List.of());
        Device second = add(DeviceFixtures.token(), List.of());
        Device other = add(DeviceFixtures.token(), List.of());
        UUID run = UUID.randomUUID();
        Instant later = Instant.now().plusSeconds(1);
        feedback.invalid(team.teamId(), run, List.of(new RefusedToken(first.id(), "BadDeviceToken", later),
                new RefusedToken(second.id(), "BadDeviceToken", later)));
        feedback.invalid(team.teamId(), UUID.randomUUID(), List.of(new RefusedToken(other.id(), "BadDeviceToken",
                later)));

        assertThatThrownBy(() -> TestSecurity.as(team.as(Role.EDITOR), () -> devices.restoreMarkedBy(run, "x")))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(TestSecurity.as(team.as(Role.ADMIN), () -> devices.restoreMarkedBy(run, "Spring sale")))
                .isEqualTo(2);

        TestSecurity.as(team.as(Role.VIEWER), () -> {
            assertThat(devices.get(first.id()).status()).isEqualTo(DeviceStatus.ACTIVE);
            assertThat(devices.get(second.id()).status()).isEqualTo(DeviceStatus.ACTIVE);
            assertThat(devices.get(other.id()).status()).as("marked by another run").isEqualTo(DeviceStatus.INVALID);
            return null;
        });
        assertThat(TestSecurity.as(team.as(Role.ADMIN), () -> devices.restoreMarkedBy(run, "Spring sale")))
                .as("nothing left to restore").isZero();
        assertThat(jdbc.sql("select details from audit_events where tenant_id = :t and action = 'devices.restored'")
                .param("t", team.teamId()).query(String.class).list()).containsExactly(
                "2 device(s) marked invalid by this run");
    }

    @Test
    void audiencesCountActiveDevicesByTagsTokensAndTestFlag() {
        String a = DeviceFixtures.token();
        Device first = add(a, List.of("vip", "de"));
        add(DeviceFixtures.token(), List.of("vip"));
        Device third = add(DeviceFixtures.token(), List.of("fr"));
        TestSecurity.as(team.as(Role.EDITOR), () -> devices.setTestDevice(first.id(), true));
        feedback.invalid(team.teamId(), UUID.randomUUID(), List.of(new RefusedToken(third.id(), "BadDeviceToken",
                Instant.now().plusSeconds(1))));
        team.signIn(Role.VIEWER);

        assertThat(devices.countAudience(app.id(), Audience.everyone(ApnsEnvironment.PRODUCTION))).isEqualTo(2);
        assertThat(devices.countAudience(app.id(), Audience.everyone(ApnsEnvironment.SANDBOX))).isZero();
        assertThat(devices.countAudience(app.id(), new Audience(ApnsEnvironment.PRODUCTION, List.of("de", "fr"),
                List.of(), List.of(), false))).isEqualTo(1);
        assertThat(devices.countAudience(app.id(), new Audience(ApnsEnvironment.PRODUCTION, List.of(),
                List.of("vip", "de"), List.of(), false))).isEqualTo(1);
        assertThat(devices.countAudience(app.id(), new Audience(ApnsEnvironment.PRODUCTION, List.of(), List.of(),
                List.of("<" + a.toUpperCase() + ">"), false))).isEqualTo(1);
        assertThat(devices.countAudience(app.id(), new Audience(ApnsEnvironment.PRODUCTION, List.of(), List.of(),
                List.of(), true))).isEqualTo(1);
    }

    @Test
    void addingATokenTwiceIsAConflictAndRemovingIsFinal() {
        String token = DeviceFixtures.token();
        Device device = add(token, List.of());
        assertThatThrownBy(() -> add(token.toUpperCase(), List.of())).isInstanceOf(ConflictException.class);

        TestSecurity.as(team.as(Role.EDITOR), () -> {
            devices.remove(device.id());
            return null;
        });
        assertThatThrownBy(() -> reload(device)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aViewerReadsButCannotChangeDevices() {
        Device device = add(DeviceFixtures.token(), List.of());
        team.signIn(Role.VIEWER);

        assertThat(devices.get(device.id()).token()).isEqualTo(device.token());
        assertThatThrownBy(() -> devices.update(device.id(), new DeviceFields(List.of("x"), null, null, null), null))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> devices.setTestDevice(device.id(), true)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> devices.remove(device.id())).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void anotherTeamsDeviceIsNotFound() {
        Device device = add(DeviceFixtures.token(), List.of());
        TestTeams.Fixture other = teams.create("device-service-other");
        other.signIn(Role.ADMIN);

        assertThatThrownBy(() -> devices.get(device.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> devices.remove(device.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> devices.list(app.id(), DeviceFilter.ALL, 0, 10)).isInstanceOf(NotFoundException.class);
    }
}
