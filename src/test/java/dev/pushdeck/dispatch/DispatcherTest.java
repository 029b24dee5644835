package dev.pushdeck.dispatch;

import static dev.pushdeck.app.TestCredentials.CA;
import static dev.pushdeck.app.TestCredentials.KEY_ID;
import static dev.pushdeck.app.TestCredentials.PASSPHRASE;
import static dev.pushdeck.app.TestCredentials.TEAM_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.UnregisteredDeviceTokenException;
import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.ApnsEndpoints;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.CredentialService;
import dev.pushdeck.app.CredentialUpload;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.app.TestCredentials;
import dev.pushdeck.app.TestCredentials.Spec;
import dev.pushdeck.app.sending.SendingCredentials;
import dev.pushdeck.campaign.AudienceSpec;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.CampaignStatus;
import dev.pushdeck.campaign.Notification;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.campaign.Schedule;
import dev.pushdeck.device.Audience;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.DeviceImportService;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.device.DeviceStatus;
import dev.pushdeck.dispatch.internal.ClaimRepository.Claimed;
import dev.pushdeck.dispatch.internal.ClaimRepository.DueCursor;
import dev.pushdeck.dispatch.internal.ClaimRepository;
import dev.pushdeck.dispatch.internal.OutcomeRepository.ResultRow;
import dev.pushdeck.dispatch.internal.OutcomeRepository;
import dev.pushdeck.dispatch.policy.OutcomePolicy;
import dev.pushdeck.history.DeliveryEntry;
import dev.pushdeck.history.DeliveryFilter;
import dev.pushdeck.history.internal.DeliveryLog;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import dev.pushdeck.app.ApnsEndpoints;
import dev.pushdeck.dispatch.internal.RunRepository.SendableRun;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@PushdeckTest
public class DispatcherTest {

    private static final Random RANDOM = new Random();
    private static MockApns apns;
    private static TestTeams.Fixture team;

    @Autowired
    TestTeams teams;
    @Autowired
    AppService apps;
    @Autowired
    CredentialService credentials;
    @Autowired
    SendingCredentials sending;
    @Autowired
    DeviceService devices;
    @Autowired
    DeviceImportService imports;
    @Autowired
    DispatchService dispatch;
    @Autowired
    ClaimRepository claims;
    @Autowired
    OutcomeRepository outcomes;
    @Autowired
    DispatchEngine engine;
    @Autowired
    DeliveryLog deliveryLog;
    @Autowired
    ApnsClients clients;
    @Autowired
    CampaignService campaigns;
    @Autowired
    CampaignDispatch campaignDispatch;
    @Autowired
    RunEvents events;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
    @Autowired
    ApnsEndpoints endpoints;
    @Autowired
    ObjectProvider<SimulatorApns> simulator;
    @Autowired
    DispatchSettings settings;

    enum Auth { CERTIFICATE, TOKEN }

    @BeforeAll
    static void startMockApns() throws Exception {
        apns = new MockApns();
    }

    @AfterAll
    static void stopMockApns() {
        apns.close();
    }

    @BeforeEach
    void pointTheDispatcherAtTheMock() {
        if (team == null) {
            team = teams.create("dispatch");
        }
        clients.overrideEndpoint(apns.endpoint());
    }

    @AfterEach
    void restoreEndpoints() {
        clients.overrideEndpoint(null);
        TestSecurity.signOut();
    }

    // --- Answers, one row per class ---------------------------------------------------

    record Expect(DeliveryStatus delivery, int attempts, DeviceStatus device, boolean appPaused, RunStatus run,
                  int received) {
    }

    static Stream<Arguments> answers() {
        Expect accepted = new Expect(DeliveryStatus.ACCEPTED, 1, DeviceStatus.ACTIVE, false, RunStatus.COMPLETED, 1);
        // A run whose only answer is a token refusal marks nothing: it may be misconfigured (RunGuard).
        Expect refused = new Expect(DeliveryStatus.REJECTED, 1, DeviceStatus.ACTIVE, false, RunStatus.COMPLETED, 1);
        Expect unregistered = new Expect(DeliveryStatus.REJECTED, 1, DeviceStatus.UNREGISTERED, false,
                RunStatus.COMPLETED, 1);
        // Retried once after a backoff, then accepted.
        Expect retried = new Expect(DeliveryStatus.ACCEPTED, 2, DeviceStatus.ACTIVE, false, RunStatus.COMPLETED, 2);
        // Given back without burning the attempt; the app's environment pauses; the run waits.
        Expect credential = new Expect(DeliveryStatus.PENDING, 0, DeviceStatus.ACTIVE, true, RunStatus.SENDING, 1);
        Expect stopsRun = new Expect(DeliveryStatus.REJECTED, 1, DeviceStatus.ACTIVE, false, RunStatus.FAILED, 1);
        return Stream.of(
                row("accepted", null, accepted),
                row("BadDeviceToken", reject(RejectionReason.BAD_DEVICE_TOKEN), refused),
                row("DeviceTokenNotForTopic", reject(RejectionReason.DEVICE_TOKEN_NOT_FOR_TOPIC), refused),
                row("Unregistered", () -> new UnregisteredDeviceTokenException(Instant.now()), unregistered),
                row("TooManyRequests", reject(RejectionReason.TOO_MANY_REQUESTS), retried),
                row("InternalServerError", reject(RejectionReason.INTERNAL_SERVER_ERROR), retried),
                row("ServiceUnavailable", reject(RejectionReason.SERVICE_UNAVAILABLE), retried),
                row("Shutdown", reject(RejectionReason.SHUTDOWN), retried),
                row("ExpiredProviderToken", reject(RejectionReason.EXPIRED_PROVIDER_TOKEN), retried),
                row("TooManyProviderTokenUpdates", reject(RejectionReason.TOO_MANY_PROVIDER_TOKEN_UPDATES), retried),
                row("IdleTimeout", reject(RejectionReason.IDLE_TIMEOUT), retried),
                row("BadCertificate", reject(RejectionReason.BAD_CERTIFICATE), credential),
                row("BadCertificateEnvironment", reject(RejectionReason.BAD_CERTIFICATE_ENVIRONMENT), credential),
                row("InvalidProviderToken", reject(RejectionReason.INVALID_PROVIDER_TOKEN), credential),
                row("MissingProviderToken", reject(RejectionReason.MISSING_PROVIDER_TOKEN), credential),
                row("Forbidden", reject(RejectionReason.FORBIDDEN), credential),
                row("TopicDisallowed", reject(RejectionReason.TOPIC_DISALLOWED), stopsRun),
                row("PayloadTooLarge", reject(RejectionReason.PAYLOAD_TOO_LARGE), stopsRun),
                row("BadCollapseId", reject(RejectionReason.BAD_COLLAPSE_ID), stopsRun),
                row("BadTopic", reject(RejectionReason.BAD_TOPIC), stopsRun),
                row("InvalidPushType", reject(RejectionReason.INVALID_PUSH_TYPE), stopsRun),
                row("BadExpirationDate", reject(RejectionReason.BAD_EXPIRATION_DATE), stopsRun),
                row("BadPriority", reject(RejectionReason.BAD_PRIORITY), stopsRun),
                row("MissingTopic", reject(RejectionReason.MISSING_TOPIC), stopsRun),
                row("PayloadEmpty", reject(RejectionReason.PAYLOAD_EMPTY), stopsRun),
                row("BadMessageId", reject(RejectionReason.BAD_MESSAGE_ID), stopsRun),
                row("DuplicateHeaders", reject(RejectionReason.DUPLICATE_HEADERS), stopsRun),
                row("MissingDeviceToken", reject(RejectionReason.MISSING_DEVICE_TOKEN), stopsRun),
                row("BadPath", reject(RejectionReason.BAD_PATH), stopsRun),
                row("MethodNotAllowed", reject(RejectionReason.METHOD_NOT_ALLOWED), stopsRun));
    }

    private static int rowNumber;

    private static Arguments row(String reason, Supplier<RejectedNotificationException> answer, Expect expect) {
        return Arguments.of(reason, answer, expect, rowNumber++ % 2 == 0 ? Auth.TOKEN : Auth.CERTIFICATE);
    }

    private static Supplier<RejectedNotificationException> reject(RejectionReason reason) {
        return () -> new RejectedNotificationException(reason);
    }

    @ParameterizedTest(name = "{0} with {3} auth")
    @MethodSource("answers")
    void eachAnswerClassEndsWhereItShould(String reason, Supplier<RejectedNotificationException> answer,
                                          Expect expect, Auth auth) {
        Sender sender = sender(reason, auth);
        Device device = sender.device();
        int times = expect.delivery() == DeliveryStatus.ACCEPTED && expect.attempts() == 2 ? 1 : 0;
        if (answer != null) {
            apns.answer(device.token(), times, answer::get);
        }
        UUID run = sender.launch(LaunchRequest.now(team.teamId(), UUID.randomUUID(), sender.app().id(),
                sender.environment(), sender.app().bundleId(), "{\"aps\":{\"alert\":\"hi\"}}",
                Audience.everyone(sender.environment())));

        if (expect.run() == RunStatus.SENDING) {
            await("pause of " + reason, () -> sending.pausedReason(team.teamId(), sender.app().id(),
                    sender.environment()).isPresent() && only(run).status() == DeliveryStatus.PENDING);
        } else {
            await("run of " + reason + " to end", () -> dispatch.progress(team.teamId(), run).status()
                    == expect.run());
        }
        DeliveryEntry delivery = only(run);
        assertThat(delivery.status()).isEqualTo(expect.delivery());
        assertThat(delivery.attempts()).isEqualTo(expect.attempts());
        assertThat(delivery.reason()).isEqualTo(expect.delivery() == DeliveryStatus.ACCEPTED ? null : reason);
        assertThat(status(device)).isEqualTo(expect.device());
        assertThat(sending.pausedReason(team.teamId(), sender.app().id(), sender.environment()).isPresent())
                .isEqualTo(expect.appPaused());
        assertThat(dispatch.progress(team.teamId(), run).status()).isEqualTo(expect.run());
        assertThat(apns.received(device.token())).isEqualTo(expect.received());
        if (expect.run() == RunStatus.FAILED) {
            String stored = OutcomePolicy.stopReason(OutcomePolicy.classify(delivery.statusCode(), reason), reason);
            assertThat(dispatch.progress(team.teamId(), run).stopReason()).isEqualTo(stored);
            assertThat(events.of(run)).containsExactly(new RunStopped(team.teamId(), run, RunStatus.FAILED, stored));
        } else if (expect.run() == RunStatus.COMPLETED) {
            assertThat(events.of(run)).containsExactly(new RunCompleted(team.teamId(), run));
        } else {
            assertThat(dispatch.cancel(team.teamId(), run)).isTrue();
        }
    }

    @Test
    void aCredentialProblemDoesNotBurnThroughTheDeviceList() {
        Sender sender = sender("burn", Auth.TOKEN);
        List<Device> many = Stream.generate(() -> sender.addDevice(null)).limit(20).toList();
        Stream.concat(Stream.of(sender.device()), many.stream())
                .forEach(d -> apns.answer(d.token(), 0, () -> new RejectedNotificationException(
                        RejectionReason.INVALID_PROVIDER_TOKEN)));
        UUID run = sender.launch(LaunchRequest.now(team.teamId(), UUID.randomUUID(), sender.app().id(),
                sender.environment(), sender.app().bundleId(), "{\"aps\":{}}", Audience.everyone(sender.environment())));

        await("the pause", () -> sending.pausedReason(team.teamId(), sender.app().id(), sender.environment())
                .isPresent() && dispatch.progress(team.teamId(), run).count(DeliveryStatus.IN_FLIGHT) == 0);
        RunProgress progress = dispatch.progress(team.teamId(), run);
        assertThat(progress.count(DeliveryStatus.PENDING)).isEqualTo(21);
        assertThat(deliveryLog.ofRun(team.teamId(), run, DeliveryFilter.none(), 0, 100))
                .allSatisfy(d -> assertThat(d.attempts()).isZero())
                .anySatisfy(d -> assertThat(d.reason()).isEqualTo("InvalidProviderToken"));
        assertThat(many).allSatisfy(d -> assertThat(status(d)).isEqualTo(DeviceStatus.ACTIVE));
        dispatch.cancel(team.teamId(), run);
    }

    @Test
    void aRunThatWentWellMarksItsRefusedDevicesWhenItEndsAndAnAdminCanRestoreThem() {
        Sender sender = sender("marks", Auth.TOKEN);
        List<Device> good = Stream.generate(() -> sender.addDevice(null)).limit(4).toList();
        Device dead = sender.device();
        apns.answer(dead.token(), 0, () -> new RejectedNotificationException(RejectionReason.BAD_DEVICE_TOKEN));
        UUID run = sender.launch(LaunchRequest.now(team.teamId(), UUID.randomUUID(), sender.app().id(),
                sender.environment(), sender.app().bundleId(), "{\"aps\":{}}", Audience.everyone(sender.environment())));
        await("the run", () -> dispatch.progress(team.teamId(), run).status() == RunStatus.COMPLETED);
        assertThat(status(dead)).as("not marked while the run may still look misconfigured")
                .isEqualTo(DeviceStatus.ACTIVE);

        engine.reap();

        assertThat(status(dead)).isEqualTo(DeviceStatus.INVALID);
        assertThat(good).allSatisfy(d -> assertThat(status(d)).isEqualTo(DeviceStatus.ACTIVE));
        assertThat(TestSecurity.as(team.as(Role.VIEWER), () -> devices.countMarkedBy(run))).isEqualTo(1);
        assertThat(TestSecurity.as(team.as(Role.ADMIN), () -> devices.restoreMarkedBy(run, "marks"))).isEqualTo(1);
        assertThat(status(dead)).isEqualTo(DeviceStatus.ACTIVE);
    }

    @Test
    void aClientCertificateRefusedInTheTlsHandshakePausesTheCredentialWithoutSpendingTheDelivery() {
        String bundle = "com.example.dispatch.revoked" + RANDOM.nextInt(1_000_000);
        PushApp app = TestSecurity.as(team.as(Role.ADMIN), () -> {
            PushApp created = apps.create("Revoked " + bundle, bundle);
            credentials.upload(created.id(), new CredentialUpload(TestCredentials.p12Modern(
                    TestCredentials.untrustedCa().issue(Spec.apns(bundle)), PASSPHRASE), PASSPHRASE, "sandbox", null,
                    null, false));
            return created;
        });
        Device device = addDevice(app, ApnsEnvironment.SANDBOX, null);
        UUID run = UUID.randomUUID();
        transactions().executeWithoutResult(status -> dispatch.launch(LaunchRequest.now(team.teamId(), run, app.id(),
                ApnsEnvironment.SANDBOX, bundle, "{\"aps\":{}}", Audience.everyone(ApnsEnvironment.SANDBOX))));

        await("the pause", () -> sending.pausedReason(team.teamId(), app.id(), ApnsEnvironment.SANDBOX)
                .isPresent() && only(run).status() == DeliveryStatus.PENDING);
        assertThat(sending.pausedReason(team.teamId(), app.id(), ApnsEnvironment.SANDBOX).orElseThrow())
                .startsWith("dispatch.pause.handshake|");
        assertThat(only(run).attempts()).as("given back unsent").isZero();
        assertThat(apns.received(device.token())).isZero();
        assertThat(claims.candidates()).as("a paused app's runs are not claimed")
                .noneMatch(candidate -> candidate.id().equals(run));
        dispatch.cancel(team.teamId(), run);
    }

    @Test
    void eachDeviceLocalDeliveryExpiresRelativeToItsOwnRelease() {
        Sender sender = sender("relative", Auth.TOKEN);
        Device tokyo = sender.addDevice("Asia/Tokyo");
        Device newYork = sender.addDevice("America/New_York");
        LocalDateTime tokyoMinuteAgo = LocalDateTime.now(ZoneId.of("Asia/Tokyo")).minusMinutes(1)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        UUID run = sender.launch(new LaunchRequest(team.teamId(), UUID.randomUUID(), sender.app().id(),
                sender.environment(), sender.app().bundleId(), "{\"aps\":{}}", "alert", 10, null,
                Duration.ofHours(2), null, null, Audience.everyone(sender.environment()), tokyoMinuteAgo,
                ZoneId.of("America/New_York")));

        await("Tokyo's delivery", () -> rowOf(run, tokyo).status() == DeliveryStatus.ACCEPTED);
        Instant released = rowOf(run, tokyo).releaseAt();
        assertThat(apns.last(tokyo.token()).headers()).containsEntry("apns-expiration",
                Long.toString(released.plus(Duration.ofHours(2)).getEpochSecond()));
        assertThat(rowOf(run, newYork).status()).as("due in New York much later, and not expired then")
                .isEqualTo(DeliveryStatus.PENDING);
        dispatch.cancel(team.teamId(), run);
    }

    @Test
    void aThrottledRunTakesAtMostOneSecondsWorthAtATime() {
        Sender sender = sender("bucket", Auth.TOKEN);
        UUID run = sender.launchPaused(new LaunchRequest(team.teamId(), UUID.randomUUID(), sender.app().id(),
                sender.environment(), sender.app().bundleId(), "{\"aps\":{}}", "alert", 10, null, null, 600,
                Audience.everyone(sender.environment()), null, null));

        assertThat(claims.takeThrottle(run, 1_000)).as("a full bucket: one second at 600/min").isEqualTo(10);
        assertThat(claims.takeThrottle(run, 1_000)).as("empty until it refills").isZero();
        claims.returnThrottle(run, 4);
        assertThat(claims.takeThrottle(run, 1_000)).as("what was given back").isEqualTo(4);
        jdbc.sql("update dispatch_runs set throttle_refilled_at = now() - interval '1 minute' where id = :id")
                .param("id", run).update();
        assertThat(claims.takeThrottle(run, 1_000)).as("a minute later: still one second's worth")
                .isEqualTo(10);
        dispatch.cancel(team.teamId(), run);
    }

    @Test
    void aRunWithNothingDueRestsInTheDatabaseUntilItsNextRelease() {
        Sender sender = sender("rest", Auth.TOKEN);
        sender.addDevice("America/New_York");
        LocalDateTime later = LocalDateTime.now(ZoneId.of("America/New_York")).plusHours(5)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        UUID run = sender.launch(new LaunchRequest(team.teamId(), UUID.randomUUID(), sender.app().id(),
                sender.environment(), sender.app().bundleId(), "{\"aps\":{}}", "alert", 10, null, null, null,
                Audience.everyone(sender.environment()), later, ZoneId.of("America/New_York")));

        await("the run to rest", () -> jdbc.sql("select next_due_at is not null from dispatch_runs where id = :id")
                .param("id", run).query(Boolean.class).single());
        Instant restUntil = jdbc.sql("select next_due_at from dispatch_runs where id = :id").param("id", run)
                .query(java.sql.Timestamp.class).single().toInstant();
        assertThat(restUntil).as("at most a minute ahead, then it is looked at again")
                .isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofSeconds(61)));
        assertThat(claims.candidates()).noneMatch(candidate -> candidate.id().equals(run));
        dispatch.cancel(team.teamId(), run);
    }

    @Test
    void anUnregisteredAnswerOlderThanTheLastRegistrationKeepsTheDeviceActive() {
        Sender sender = sender("stale", Auth.TOKEN);
        Device device = sender.device();
        apns.answer(device.token(), 0, () -> new UnregisteredDeviceTokenException(Instant.now().minus(
                Duration.ofDays(1))));
        UUID run = sender.launch(LaunchRequest.now(team.teamId(), UUID.randomUUID(), sender.app().id(),
                sender.environment(), sender.app().bundleId(), "{\"aps\":{}}", Audience.everyone(sender.environment())));

        await("the run", () -> dispatch.progress(team.teamId(), run).status() == RunStatus.COMPLETED);
        assertThat(only(run).status()).isEqualTo(DeliveryStatus.REJECTED);
        assertThat(only(run).reason()).isEqualTo("Unregistered");
        assertThat(status(device)).isEqualTo(DeviceStatus.ACTIVE);
    }

    @Test
    void theMockReceivesExactlyWhatWasLaunched() {
        double acceptedBefore = meters.get("pushdeck.dispatch.accepted").counter().count();
        Sender sender = sender("exact", Auth.CERTIFICATE);
        Device device = sender.device();
        Instant expires = Instant.now().plus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String payload = "{\"aps\":{\"content-available\":1},\"n\":\"ü\"}";
        UUID run = sender.launch(new LaunchRequest(team.teamId(), UUID.randomUUID(), sender.app().id(),
                sender.environment(), sender.app().bundleId(), payload, "background", 5, expires, "news-1", null,
                Audience.everyone(sender.environment()), null, null));

        await("the run", () -> dispatch.progress(team.teamId(), run).status() == RunStatus.COMPLETED);
        MockApns.Received received = apns.last(device.token());
        assertThat(received.payload()).isEqualTo(payload);
        assertThat(received.headers()).containsEntry("apns-topic", sender.app().bundleId())
                .containsEntry("apns-push-type", "background").containsEntry("apns-priority", "5")
                .containsEntry("apns-collapse-id", "news-1")
                .containsEntry("apns-expiration", Long.toString(expires.getEpochSecond()))
                .containsEntry("apns-id", only(run).apnsId().toString());
        assertThat(meters.get("pushdeck.dispatch.accepted").counter().count()).isGreaterThan(acceptedBefore);
        assertThat(meters.get("pushdeck.dispatch.send.latency").timer().count()).isPositive();
    }

    @Test
    void aStoppedDispatcherLeavesNothingInFlight() {
        Sender sender = sender("shutdown", Auth.TOKEN);
        for (int i = 0; i < 300; i++) {
            sender.addDevice(null);
        }
        DispatchWorker stopping = engine.newWorker("stopping-dispatcher");
        stopping.start();
        UUID run = sender.launch(LaunchRequest.now(team.teamId(), UUID.randomUUID(), sender.app().id(),
                sender.environment(), sender.app().bundleId(), "{\"aps\":{}}", Audience.everyone(sender.environment())));
        await("some answers", () -> dispatch.progress(team.teamId(), run).count(DeliveryStatus.ACCEPTED) > 0);

        stopping.stop(Duration.ofSeconds(10));

        assertThat(stopping.inFlightCount()).isZero();
        assertThat(jdbc.sql("select count(*) from delivery_queue where lease_owner = 'stopping-dispatcher'")
                .query(Long.class).single()).isZero();
        await("the run", () -> dispatch.progress(team.teamId(), run).status() == RunStatus.COMPLETED);
        assertThat(dispatch.progress(team.teamId(), run).count(DeliveryStatus.ACCEPTED)).isEqualTo(301);
    }

    @Test
    void aDeliveryIsRetriedUntilItsRetryWindowEndsAndThenFailsWithTheLastReason() {
        Sender sender = sender("window", Auth.TOKEN);
        apns.answer(sender.device().token(), 0, () -> new RejectedNotificationException(
                RejectionReason.SERVICE_UNAVAILABLE));
        UUID run = sender.launchPaused(LaunchRequest.now(team.teamId(), UUID.randomUUID(), sender.app().id(),
                sender.environment(), sender.app().bundleId(), "{\"aps\":{}}", Audience.everyone(sender.environment())));
        // Released almost a retry window (24 h) ago, after many attempts: a few seconds are left.
        jdbc.sql("""
                update delivery_queue set attempts = 9, release_at = now() - interval '24 hours' + interval '4 seconds'
                where run_id = :run""").param("run", run).update();
        dispatch.resume(team.teamId(), run);

        await("the run", () -> dispatch.progress(team.teamId(), run).status() == RunStatus.COMPLETED);
        assertThat(only(run).status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(only(run).attempts()).as("no limit on attempts: retried until the window ended")
                .isGreaterThanOrEqualTo(10);
        assertThat(only(run).reason()).isEqualTo("ServiceUnavailable");
        assertThat(dispatch.progress(team.teamId(), run).byReason()).containsEntry("ServiceUnavailable", 1L);
    }

    @Test
    void aNotificationPastItsExpirationIsNeverSent() {
        Sender sender = sender("expired", Auth.TOKEN);
        UUID run = sender.launch(new LaunchRequest(team.teamId(), UUID.randomUUID(), sender.app().id(),
                sender.environment(), sender.app().bundleId(), "{\"aps\":{}}", "alert", 10,
                Instant.now().minusSeconds(60), null, null, Audience.everyone(sender.environment()), null, null));

        await("the run", () -> dispatch.progress(team.teamId(), run).status() == RunStatus.COMPLETED);
        assertThat(only(run).status()).isEqualTo(DeliveryStatus.EXPIRED);
        assertThat(apns.received(sender.device().token())).isZero();
    }

    @Test
    void cancellingStopsTheRunAtOnceAndItsPendingDeliveriesInTheBackground() {
        Sender sender = sender("cancel", Auth.TOKEN);
        sender.addDevice(null);
        UUID run = sender.launchPaused(LaunchRequest.now(team.teamId(), UUID.randomUUID(), sender.app().id(),
                sender.environment(), sender.app().bundleId(), "{\"aps\":{}}", Audience.everyone(sender.environment())));

        assertThat(dispatch.cancel(team.teamId(), run)).isTrue();
        assertThat(dispatch.progress(team.teamId(), run).status()).isEqualTo(RunStatus.CANCELLED);
        await("the drain", () -> dispatch.progress(team.teamId(), run).count(DeliveryStatus.CANCELLED) == 2);
        assertThat(events.of(run)).containsExactly(new RunStopped(team.teamId(), run, RunStatus.CANCELLED,
                "Cancelled"));
        assertThat(dispatch.cancel(team.teamId(), run)).isFalse();
        assertThat(dispatch.resume(team.teamId(), run)).isFalse();
    }

    @Test
    void eachDeviceIsReleasedAtTheLocalTimeOfItsZone() {
        Sender sender = sender("zones", Auth.TOKEN);
        Device tokyo = sender.addDevice("Asia/Tokyo");
        Device newYork = sender.addDevice("America/New_York");
        Device unknown = sender.device();
        LocalDateTime nineAm = LocalDateTime.of(LocalDate.now().plusDays(2), LocalTime.of(9, 0));
        UUID run = sender.launch(new LaunchRequest(team.teamId(), UUID.randomUUID(), sender.app().id(),
                sender.environment(), sender.app().bundleId(), "{\"aps\":{}}", "alert", 10, null, null, null,
                Audience.everyone(sender.environment()), nineAm, ZoneId.of("Europe/Berlin")));

        List<DeliveryEntry> rows = deliveryLog.ofRun(team.teamId(), run, DeliveryFilter.none(), 0, 100);
        assertThat(releaseOf(rows, tokyo)).isEqualTo(nineAm.atZone(ZoneId.of("Asia/Tokyo")).toInstant());
        assertThat(releaseOf(rows, newYork)).isEqualTo(nineAm.atZone(ZoneId.of("America/New_York")).toInstant());
        assertThat(releaseOf(rows, unknown)).isEqualTo(nineAm.atZone(ZoneId.of("Europe/Berlin")).toInstant());
        assertThat(rows).allSatisfy(row -> assertThat(row.status()).isEqualTo(DeliveryStatus.PENDING));
        dispatch.cancel(team.teamId(), run);
    }

    @Test
    void aDeviceLocalTimeRunSendsOnlyWhereTheLocalTimeHasCome() {
        Sender sender = sender("zone-release", Auth.TOKEN);
        Device tokyo = sender.addDevice("Asia/Tokyo");
        Device newYork = sender.addDevice("America/New_York");
        Device fallback = sender.device();
        // Half an hour ago on Tokyo's clocks: due there, still about thirteen hours away in New York.
        LocalDateTime tokyoHalfAnHourAgo = LocalDateTime.now(ZoneId.of("Asia/Tokyo")).minusMinutes(30)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        UUID run = sender.launch(new LaunchRequest(team.teamId(), UUID.randomUUID(), sender.app().id(),
                sender.environment(), sender.app().bundleId(), "{\"aps\":{}}", "alert", 10, null, null, null,
                Audience.everyone(sender.environment()), tokyoHalfAnHourAgo, ZoneId.of("America/New_York")));

        await("Tokyo's delivery", () -> rowOf(run, tokyo).status() == DeliveryStatus.ACCEPTED);
        assertThat(apns.received(tokyo.token())).isEqualTo(1);
        assertThat(rowOf(run, tokyo).releaseAt()).as("a local time already past releases at the launch")
                .isAfter(Instant.now().minus(Duration.ofMinutes(5)));
        for (Device held : List.of(newYork, fallback)) {
            DeliveryEntry row = rowOf(run, held);
            assertThat(row.status()).as("delivery to " + held.timeZone()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(row.attempts()).isZero();
            assertThat(row.releaseAt()).isEqualTo(tokyoHalfAnHourAgo.atZone(ZoneId.of("America/New_York"))
                    .toInstant()).isAfter(Instant.now().plus(Duration.ofHours(10)));
            assertThat(apns.received(held.token())).isZero();
        }
        assertThat(dispatch.progress(team.teamId(), run).status()).isEqualTo(RunStatus.SENDING);
        dispatch.cancel(team.teamId(), run);
    }

    @Test
    void aLateAnswerForAnOlderAttemptIsIgnored() {
        Sender sender = sender("fencing", Auth.TOKEN);
        UUID run = sender.launchPaused(LaunchRequest.now(team.teamId(), UUID.randomUUID(), sender.app().id(),
                sender.environment(), sender.app().bundleId(), "{\"aps\":{}}", Audience.everyone(sender.environment())));
        long id = only(run).id();
        jdbc.sql("update delivery_queue set lease_owner = 'this-node', attempts = 2,"
                + " next_attempt_at = now() + interval '1 minute' where id = :id").param("id", id).update();

        List<Long> late = outcomes.writeResults(List.of(new ResultRow(id, 1, DeliveryStatus.ACCEPTED, 200, null,
                null, null, false)));
        assertThat(late).isEmpty();
        assertThat(only(run).status()).isEqualTo(DeliveryStatus.IN_FLIGHT);

        List<Long> current = outcomes.writeResults(List.of(new ResultRow(id, 2, DeliveryStatus.REJECTED, 400,
                "BadDeviceToken", null, null, false)));
        assertThat(current).containsExactly(id);
        assertThat(only(run).status()).isEqualTo(DeliveryStatus.REJECTED);
        dispatch.cancel(team.teamId(), run);
    }

    @Test
    void answersAWorkerCouldNotRecordComeBackToThatWorkerWhenTheirLeaseEnds() {
        Sender sender = sender("let-go", Auth.TOKEN);
        UUID run = sender.launchPaused(LaunchRequest.now(team.teamId(), UUID.randomUUID(), sender.app().id(),
                sender.environment(), sender.app().bundleId(), "{\"aps\":{}}", Audience.everyone(sender.environment())));
        DeliveryEntry queued = only(run);
        holdInFlight(queued.id(), "1 minute");
        Claimed held = new Claimed(queued.id(), queued.deviceId(), queued.token(), UUID.randomUUID(), 1,
                Instant.now(), null, 0);

        assertThat(claims.disown("other-node", List.of(held))).isEqualTo(1);
        jdbc.sql("update delivery_queue set next_attempt_at = now() where id = :id").param("id", queued.id())
                .update();
        // Resumed and claimed in one transaction, so the context's own worker cannot take it first.
        List<Claimed> again = transactions().execute(status -> {
            jdbc.sql("update dispatch_runs set status = 'SENDING' where id = :run").param("run", run).update();
            return claims.claim(run, "other-node", 10, 60, DueCursor.START).claims();
        });

        assertThat(again).extracting(Claimed::id).containsExactly(queued.id());
        assertThat(again.get(0).attempt()).as("the dropped attempt counts").isEqualTo(2);
        dispatch.cancel(team.teamId(), run);
    }

    @Test
    void claimsRunOnTheirGenericPlanInsteadOfBeingPlannedAtEveryCall() {
        Sender sender = sender("generic-plan", Auth.TOKEN);
        UUID run = sender.launchPaused(LaunchRequest.now(team.teamId(), UUID.randomUUID(), sender.app().id(),
                sender.environment(), sender.app().bundleId(), "{\"aps\":{}}", Audience.everyone(sender.environment())));
        // One transaction holds one connection, where the driver turns the claim into a named
        // prepared statement after its fifth call; PostgreSQL would plan its next five afresh.
        long[] plans = transactions().execute(status -> {
            jdbc.sql("update dispatch_runs set status = 'SENDING' where id = :run").param("run", run).update();
            for (int call = 0; call < 12; call++) {
                claims.claim(run, "plan-node", 10, 60, DueCursor.START);
            }
            long[] counted = jdbc.sql("""
                            select coalesce(sum(custom_plans), 0), coalesce(sum(generic_plans), 0)
                            from pg_prepared_statements
                            where statement like '%with picked as materialized%lease_owner is distinct from%'""")
                    .query((rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
            status.setRollbackOnly();
            return counted;
        });

        assertThat(plans[1]).as("calls on the prepared claim's generic plan").isPositive();
        assertThat(plans[0]).as("calls planned for their own parameters").isZero();
        dispatch.cancel(team.teamId(), run);
    }

    @Test
    void aLargeLaunchOntoAQueueAnalyzedNearlyEmptyLeavesItsStatisticsKnowingTheQueuedRows() {
        Sender sender = sender("statistics", Auth.TOKEN);
        jdbc.sql("""
                        insert into devices (tenant_id, app_id, environment, token)
                        select :tenant, :app, 'production', md5(:salt || g) || md5(g || :salt)
                        from generate_series(1, 12000) g""")
                .param("tenant", team.teamId()).param("app", sender.app().id())
                .param("salt", UUID.randomUUID().toString()).update();
        jdbc.sql("analyze delivery_queue").update();
        double before = queueStatistics();

        UUID run = sender.launchPaused(LaunchRequest.now(team.teamId(), UUID.randomUUID(), sender.app().id(),
                sender.environment(), sender.app().bundleId(), "{\"aps\":{}}", Audience.everyone(sender.environment())));

        assertThat(before).as("rows the queue was analyzed with").isLessThan(6_000);
        assertThat(queueStatistics()).as("rows its statistics know after the launch").isGreaterThanOrEqualTo(12_000);
        dispatch.cancel(team.teamId(), run);
    }

    private double queueStatistics() {
        return jdbc.sql("select reltuples from pg_class where relname = 'delivery_queue'").query(Double.class).single();
    }

    @Test
    void aRetryAnsweredAfterItsRunWasCancelledEndsCancelled() {
        Sender sender = sender("late-retry", Auth.TOKEN);
        UUID run = sender.launchPaused(LaunchRequest.now(team.teamId(), UUID.randomUUID(), sender.app().id(),
                sender.environment(), sender.app().bundleId(), "{\"aps\":{}}", Audience.everyone(sender.environment())));
        long id = only(run).id();
        holdInFlight(id, "1 minute");
        dispatch.cancel(team.teamId(), run);
        assertThat(only(run).status()).as("in flight when cancelled").isEqualTo(DeliveryStatus.IN_FLIGHT);

        outcomes.writeResults(List.of(new ResultRow(id, 1, DeliveryStatus.PENDING, 503, "ServiceUnavailable",
                null, Instant.now().plusSeconds(5), false)));

        assertThat(only(run).status()).isEqualTo(DeliveryStatus.CANCELLED);
        assertThat(dispatch.progress(team.teamId(), run).count(DeliveryStatus.CANCELLED)).isEqualTo(1);
    }

    @Test
    void theReaperCancelsADeliveryOfAStoppedRunWhoseNodeNeverAnswered() {
        Sender sender = sender("orphan", Auth.TOKEN);
        UUID run = sender.launchPaused(LaunchRequest.now(team.teamId(), UUID.randomUUID(), sender.app().id(),
                sender.environment(), sender.app().bundleId(), "{\"aps\":{}}", Audience.everyone(sender.environment())));
        long id = only(run).id();
        holdInFlight(id, "1 minute");
        dispatch.cancel(team.teamId(), run);
        engine.reap();
        assertThat(only(run).status()).as("still within its lease").isEqualTo(DeliveryStatus.IN_FLIGHT);

        holdInFlight(id, "-1 second");
        engine.reap();

        assertThat(only(run).status()).isEqualTo(DeliveryStatus.CANCELLED);
        assertThat(dispatch.progress(team.teamId(), run).count(DeliveryStatus.IN_FLIGHT)).isZero();
    }

    /** Makes a queued delivery look claimed (attempt 1) by a node whose lease ends after {@code lease}. */
    private void holdInFlight(long id, String lease) {
        jdbc.sql("update delivery_queue set lease_owner = 'other-node', attempts = 1,"
                + " next_attempt_at = now() + cast(:lease as interval) where id = :id")
                .param("lease", lease).param("id", id).update();
    }

    @Test
    void closingAClientRemovesItsMetersSoTheNextOneRegistersItsOwn() {
        Sender sender = sender("meters", Auth.TOKEN);
        SendableRun run = new SendableRun(UUID.randomUUID(), team.teamId(), sender.app().id(),
                sender.environment(), sender.app().bundleId(), "{}", "alert", 10, null, null, null, null, false);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ApnsClients own = new ApnsClients(sending, endpoints, simulator, registry, settings);
        own.overrideEndpoint(apns.endpoint());
        own.clientFor(run);
        assertThat(registry.getMeters()).as("meters of the new client").isNotEmpty();

        own.close();

        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void aDeliveryWhoseLeaseRanOutIsClaimedAgain() {
        Sender sender = sender("lease", Auth.TOKEN);
        UUID run = sender.launchPaused(LaunchRequest.now(team.teamId(), UUID.randomUUID(), sender.app().id(),
                sender.environment(), sender.app().bundleId(), "{\"aps\":{}}", Audience.everyone(sender.environment())));
        jdbc.sql("update delivery_queue set attempts = 1, lease_owner = 'dead-node',"
                + " next_attempt_at = now() - interval '1 second' where run_id = :run").param("run", run).update();

        DeliveryEntry row = only(run);
        assertThat(row.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(row.attempts()).isEqualTo(1);
        dispatch.resume(team.teamId(), run);
        await("the run", () -> dispatch.progress(team.teamId(), run).status() == RunStatus.COMPLETED);
        assertThat(only(run).status()).isEqualTo(DeliveryStatus.ACCEPTED);
        assertThat(only(run).attempts()).isEqualTo(2);
    }

    @Test
    void anotherTeamsRunIsNotFound() {
        Sender sender = sender("foreign", Auth.TOKEN);
        UUID run = sender.launchPaused(LaunchRequest.now(team.teamId(), UUID.randomUUID(), sender.app().id(),
                sender.environment(), sender.app().bundleId(), "{\"aps\":{}}", Audience.everyone(sender.environment())));
        UUID otherTeam = UUID.randomUUID();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dispatch.cancel(otherTeam, run))
                .isInstanceOf(dev.pushdeck.shared.error.NotFoundException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dispatch.progress(otherTeam, run))
                .isInstanceOf(dev.pushdeck.shared.error.NotFoundException.class);
        dispatch.cancel(team.teamId(), run);
    }

    @Test
    void twoDispatchersOnOneDatabaseNeverSendTheSameDeliveryTwice() {
        Sender sender = sender("twins", Auth.TOKEN);
        StringBuilder csv = new StringBuilder("token,environment\n");
        List<String> tokens = Stream.generate(DispatcherTest::token).limit(10_000).toList();
        tokens.forEach(token -> csv.append(token).append(',').append(sender.environment().wire()).append('\n'));
        TestSecurity.as(team.as(Role.EDITOR), () -> imports.importCsv(sender.app().id(),
                new java.io.ByteArrayInputStream(csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                null));
        DispatchWorker second = engine.newWorker("second-dispatcher");
        second.start();
        try {
            UUID run = sender.launch(LaunchRequest.now(team.teamId(), UUID.randomUUID(), sender.app().id(),
                    sender.environment(), sender.app().bundleId(), "{\"aps\":{}}",
                    Audience.everyone(sender.environment())));
            await("10,000 deliveries", Duration.ofMinutes(5),
                    () -> dispatch.progress(team.teamId(), run).status() == RunStatus.COMPLETED);
            assertThat(dispatch.progress(team.teamId(), run).count(DeliveryStatus.ACCEPTED)).isEqualTo(10_001);
        } finally {
            second.stop(Duration.ofSeconds(10));
        }
        assertThat(tokens).allSatisfy(token -> assertThat(apns.received(token)).as(token).isEqualTo(1));
        assertThat(apns.received(sender.device().token())).isEqualTo(1);
    }

    // --- Campaigns through the queue ------------------------------------------------------

    @Test
    void aCampaignSentNowReachesTheDeviceAndCompletes() {
        Sender sender = sender("campaign-now", Auth.TOKEN);
        Campaign campaign = TestSecurity.as(team.as(Role.EDITOR), () -> {
            Campaign draft = campaigns.create(sender.app().id(), campaignDraft(sender, null));
            return campaigns.sendNow(draft.id());
        });

        assertThat(campaign.status()).isEqualTo(CampaignStatus.SENDING);
        await("the campaign to complete", () -> TestSecurity.as(team.as(Role.VIEWER),
                () -> campaigns.get(campaign.id()).status()) == CampaignStatus.COMPLETED);
        assertThat(apns.received(sender.device().token())).isEqualTo(1);
        assertThat(apns.last(sender.device().token()).payload()).contains("\"title\":\"Dinner\"");
        assertThat(dispatch.progress(team.teamId(), campaign.id()).count(DeliveryStatus.ACCEPTED)).isEqualTo(1);
    }

    @Test
    void theSchedulerLaunchesADueCampaignOnceAndCancellingStopsASendingOne() {
        Sender sender = sender("campaign-due", Auth.CERTIFICATE);
        Schedule justNow = new Schedule(LocalDateTime.now(ZoneOffset.UTC).minusSeconds(20), "UTC", false);
        Campaign due = TestSecurity.as(team.as(Role.EDITOR),
                () -> campaigns.create(sender.app().id(), campaignDraft(sender, justNow)));
        assertThat(due.status()).isEqualTo(CampaignStatus.SCHEDULED);

        assertThat(campaignDispatch.launchDue()).isGreaterThanOrEqualTo(1);
        assertThat(campaignDispatch.launchDue()).isZero();

        await("the scheduled campaign to complete", () -> TestSecurity.as(team.as(Role.VIEWER),
                () -> campaigns.get(due.id()).status()) == CampaignStatus.COMPLETED);
        assertThat(apns.received(sender.device().token())).isEqualTo(1);
    }

    private static CampaignDraft campaignDraft(Sender sender, Schedule schedule) {
        Notification dinner = new Notification("Dinner", null, "is ready", "default", null, null, null, false, false,
                null, null, null);
        return new CampaignDraft("Campaign " + UUID.randomUUID(), sender.environment(), dinner, null, PushType.ALERT,
                10, null, null, new AudienceSpec(AudienceSpec.Type.ALL, List.of(), AudienceSpec.Match.ANY, List.of()),
                schedule, null);
    }

    // --- Fixtures ---------------------------------------------------------------------

    /** An app with a credential for one environment and one device in it. */
    record Sender(DispatcherTest test, PushApp app, ApnsEnvironment environment, Device device) {

        Device addDevice(String zone) {
            return test.addDevice(app, environment, zone);
        }

        UUID launch(LaunchRequest request) {
            test.transactions().executeWithoutResult(status -> test.dispatch.launch(request));
            return request.runId();
        }

        UUID launchPaused(LaunchRequest request) {
            test.transactions().executeWithoutResult(status -> {
                test.dispatch.launch(request);
                test.dispatch.pause(request.tenantId(), request.runId());
            });
            return request.runId();
        }
    }

    private Sender sender(String label, Auth auth) {
        String bundle = "com.example.dispatch" + label.toLowerCase().replaceAll("[^a-z0-9]", "") + RANDOM.nextInt(
                1_000_000);
        ApnsEnvironment environment = auth == Auth.CERTIFICATE ? ApnsEnvironment.SANDBOX : ApnsEnvironment.PRODUCTION;
        PushApp app = TestSecurity.as(team.as(Role.ADMIN), () -> {
            PushApp created = apps.create("Dispatch " + bundle, bundle);
            CredentialUpload upload = auth == Auth.CERTIFICATE
                    ? new CredentialUpload(TestCredentials.p12Modern(CA.issue(Spec.apns(bundle)), PASSPHRASE),
                            PASSPHRASE, "sandbox", null, null, false)
                    : new CredentialUpload(TestCredentials.bytes(TestCredentials.pem(TestCredentials.ec("secp256r1")
                            .getPrivate())), null, "production", KEY_ID, TEAM_ID, false);
            credentials.upload(created.id(), upload);
            return created;
        });
        return new Sender(this, app, environment, addDevice(app, environment, null));
    }

    Device addDevice(PushApp app, ApnsEnvironment environment, String zone) {
        return TestSecurity.as(team.as(Role.EDITOR), () -> devices.add(app.id(), environment.wire(), token(),
                new DeviceFields(List.of(), null, null, zone)));
    }

    TransactionTemplate transactions() {
        return new TransactionTemplate(transactionManager);
    }

    private DeviceStatus status(Device device) {
        return TestSecurity.as(team.as(Role.VIEWER), () -> devices.get(device.id()).status());
    }

    private DeliveryEntry only(UUID run) {
        List<DeliveryEntry> rows = deliveryLog.ofRun(team.teamId(), run, DeliveryFilter.none(), 0, 100);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private DeliveryEntry rowOf(UUID run, Device device) {
        return deliveryLog.ofRun(team.teamId(), run, DeliveryFilter.none(), 0, 100).stream()
                .filter(row -> row.deviceId().equals(device.id())).findFirst().orElseThrow();
    }

    private static Instant releaseOf(List<DeliveryEntry> rows, Device device) {
        return rows.stream().filter(r -> r.deviceId().equals(device.id())).findFirst().orElseThrow().releaseAt();
    }

    public static String token() {
        StringBuilder hex = new StringBuilder(64);
        synchronized (RANDOM) {
            for (int i = 0; i < 64; i++) {
                hex.append(Character.forDigit(RANDOM.nextInt(16), 16));
            }
        }
        return hex.toString();
    }

    public static void await(String what, BooleanSupplier condition) {
        await(what, Duration.ofSeconds(60), condition);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        try {
            // In the caller's thread, as before: conditions read thread-bound state (a UI, a signed-in test user).
            Awaitility.await(what).atMost(timeout).pollInSameThread().pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(50)).until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            fail("Timed out waiting for " + what);
        }
    }
}
