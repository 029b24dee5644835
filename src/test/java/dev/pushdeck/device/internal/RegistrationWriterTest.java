package dev.pushdeck.device.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.internal.RegistrationRepository.Registering;
import dev.pushdeck.device.internal.RegistrationRepository.Upserted;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@PushdeckTest
class RegistrationWriterTest {

    @Autowired
    RegistrationWriter writer;
    @Autowired
    TestTeams teams;
    @Autowired
    AppService apps;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    private final ExecutorService callers = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    @Test
    void registrationsQueuedTogetherAreOneGroupAndEachCallerGetsItsOwnDevice() throws Exception {
        TestTeams.Fixture first = teams.create("writer-a");
        TestTeams.Fixture second = teams.create("writer-b");
        PushApp firstApp = app(first);
        PushApp secondApp = app(second);
        String shared = token();
        List<Registering> registrations = List.of(
                registering(first, firstApp.id(), shared, "first"),
                registering(second, secondApp.id(), shared, "second"),
                registering(first, firstApp.id(), token(), "third"),
                registering(second, secondApp.id(), token(), "fourth"));

        Map<Registering, Upserted> outcomes = writeAsOneGroup(registrations);

        registrations.forEach(r -> {
            Upserted upserted = outcomes.get(r);
            assertThat(upserted.created()).isTrue();
            assertThat(upserted.device().appId()).isEqualTo(r.appId());
            assertThat(upserted.device().token()).isEqualTo(r.token());
            assertThat(upserted.device().alias()).isEqualTo(r.fields().alias());
        });
    }

    @Test
    void theSameDeviceTwiceInOneGroupIsWrittenTwiceCreatedOnce() throws Exception {
        TestTeams.Fixture team = teams.create("writer-repeat");
        PushApp app = app(team);
        String token = token();
        List<Registering> registrations = List.of(registering(team, app.id(), token, "one"),
                registering(team, app.id(), token, "two"), registering(team, app.id(), token, "three"));

        Map<Registering, Upserted> outcomes = writeAsOneGroup(registrations);

        assertThat(outcomes.values()).filteredOn(Upserted::created).hasSize(1);
        assertThat(outcomes.values()).extracting(upserted -> upserted.device().id()).containsOnly(
                outcomes.get(registrations.get(0)).device().id());
        assertThat(jdbc.sql("select count(*) from devices where app_id = :app").param("app", app.id())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aRegistrationForAnAppThatNoLongerExistsFailsAloneAndTheRestOfItsGroupIsStored() throws Exception {
        TestTeams.Fixture team = teams.create("writer-gone");
        PushApp app = app(team);
        Registering gone = registering(team, UUID.randomUUID(), token(), "gone");
        List<Registering> registrations = List.of(registering(team, app.id(), token(), "kept-1"), gone,
                registering(team, app.id(), token(), "kept-2"));

        List<Future<Upserted>> futures = startAsOneGroup(registrations);

        assertThat(futures.get(0).get(10, TimeUnit.SECONDS).device().alias()).isEqualTo("kept-1");
        assertThat(futures.get(2).get(10, TimeUnit.SECONDS).device().alias()).isEqualTo("kept-2");
        assertThatThrownBy(() -> futures.get(1).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void aCallerWhoseOwnTransactionRollsBackDoesNotTakeTheRegistrationWithIt() {
        TestTeams.Fixture team = teams.create("writer-rollback");
        PushApp app = app(team);
        Registering registering = registering(team, app.id(), token(), "kept");

        transactions.executeWithoutResult(status -> {
            writer.write(registering);
            status.setRollbackOnly();
        });

        assertThat(jdbc.sql("select alias from devices where app_id = :app and token = :token")
                .param("app", app.id()).param("token", registering.token()).query(String.class).single())
                .isEqualTo("kept");
    }

    private Map<Registering, Upserted> writeAsOneGroup(List<Registering> registrations) throws Exception {
        List<Future<Upserted>> futures = startAsOneGroup(registrations);
        Map<Registering, Upserted> outcomes = new IdentityHashMap<>();
        for (int i = 0; i < registrations.size(); i++) {
            outcomes.put(registrations.get(i), futures.get(i).get(10, TimeUnit.SECONDS));
        }
        return outcomes;
    }

    /** Holds every writer permit until every caller has queued its row, so one group holds them all. */
    private List<Future<Upserted>> startAsOneGroup(List<Registering> registrations) {
        List<Future<Upserted>> futures = new ArrayList<>();
        writer.writers.acquireUninterruptibly(RegistrationWriter.WRITERS);
        try {
            registrations.forEach(r -> futures.add(callers.submit(() -> writer.write(r))));
            await().atMost(10, TimeUnit.SECONDS)
                    .until(() -> writer.writers.getQueueLength() == registrations.size());
        } finally {
            writer.writers.release(RegistrationWriter.WRITERS);
        }
        return futures;
    }

    private PushApp app(TestTeams.Fixture team) {
        String name = "Writer " + UUID.randomUUID().toString().substring(0, 8);
        return TestSecurity.as(team.as(Role.ADMIN), () -> apps.create(name, "com.example.writer"));
    }

    private static Registering registering(TestTeams.Fixture team, UUID appId, String token, String alias) {
        return new Registering(team.teamId(), appId, ApnsEnvironment.PRODUCTION, token,
                new DeviceFields(List.of("t"), alias, null, null), Instant.now());
    }

    private static String token() {
        StringBuilder hex = new StringBuilder(64);
        ThreadLocalRandom.current().ints(64, 0, 16).forEach(digit -> hex.append(Character.forDigit(digit, 16)));
        return hex.toString();
    }
}
