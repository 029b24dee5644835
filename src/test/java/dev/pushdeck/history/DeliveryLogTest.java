package dev.pushdeck.history;

import static dev.pushdeck.app.TestCredentials.KEY_ID;
import static dev.pushdeck.app.TestCredentials.TEAM_ID;
import static dev.pushdeck.dispatch.DispatcherTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.UnregisteredDeviceTokenException;
import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.CredentialService;
import dev.pushdeck.app.CredentialUpload;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.app.TestCredentials;
import dev.pushdeck.device.Audience;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.dispatch.DeliveryStatus;
import dev.pushdeck.dispatch.DispatchService;
import dev.pushdeck.dispatch.DispatcherTest;
import dev.pushdeck.dispatch.LaunchRequest;
import dev.pushdeck.dispatch.LogRows;
import dev.pushdeck.dispatch.RunProgress;
import dev.pushdeck.dispatch.RunSnapshot;
import dev.pushdeck.dispatch.RunStatus;
import dev.pushdeck.dispatch.TestApns;
import dev.pushdeck.history.internal.DeliveryLog;
import dev.pushdeck.history.internal.DeliveryLogRepository;
import dev.pushdeck.history.internal.DeliveryRetention;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import dev.pushdeck.shared.error.NotFoundException;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Stored counters, the delivery log, statistics, exports and retention, against MockApnsServer. */
@PushdeckTest
class DeliveryLogTest {

    private static TestApns apns;
    /** One run with every kind of answer, sent once for the whole class. */
    private static Mixed mixed;

    @Autowired
    TestTeams teams;
    @Autowired
    AppService apps;
    @Autowired
    CredentialService credentials;
    @Autowired
    DeviceService devices;
    @Autowired
    DispatchService dispatch;
    @Autowired
    DeliveryLog log;
    @Autowired
    DeliveryRetention retention;
    @Autowired
    DeliveryLogRepository history;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactionManager;

    record Mixed(TestTeams.Fixture team, PushApp app, UUID run, Map<String, Device> devices) {
    }

    @BeforeAll
    static void startMockApns(@Autowired ApplicationContext context) throws Exception {
        apns = TestApns.start(context);
    }

    @AfterAll
    static void stopMockApns() {
        apns.close();
    }

    @BeforeEach
    void sendTheMixedRunOnce() {
        if (mixed == null) {
            mixed = sendMixed();
        }
    }

    // --- Counters -------------------------------------------------------------------------

    @Test
    void storedCountsAndReasonsEqualARecountAfterMixedAnswers() {
        RunProgress progress = dispatch.progress(mixed.team().teamId(), mixed.run());

        assertThat(progress.byStatus()).isEqualTo(recountByStatus(mixed.run()));
        assertThat(progress.byReason()).isEqualTo(recountByReason(mixed.run()));
        assertThat(progress.count(DeliveryStatus.ACCEPTED)).isEqualTo(4);
        assertThat(progress.count(DeliveryStatus.REJECTED)).isEqualTo(2);
        assertThat(progress.count(DeliveryStatus.FAILED)).isEqualTo(1);
        assertThat(progress.byReason()).containsOnlyKeys("Unregistered", "BadDeviceToken", "ServiceUnavailable");
        assertThat(progress.total()).isEqualTo(7);
    }

    @Test
    void throughputAndTeamStatisticsAddUpToTheRunsOutcomes() {
        List<OutcomeBucket> buckets = log.throughput(mixed.team().teamId(), mixed.run());
        TeamStats stats = log.stats(mixed.team().teamId(), Instant.now().minus(Duration.ofHours(1)));

        assertThat(buckets).isNotEmpty().allSatisfy(bucket -> assertThat(bucket.seconds()).isEqualTo(1));
        assertThat(buckets.stream().mapToLong(OutcomeBucket::accepted).sum()).isEqualTo(4);
        assertThat(buckets.stream().mapToLong(OutcomeBucket::rejected).sum()).isEqualTo(2);
        assertThat(buckets.stream().mapToLong(OutcomeBucket::failed).sum()).isEqualTo(1);
        assertThat(stats.accepted()).isEqualTo(4);
        assertThat(stats.rejected()).isEqualTo(2);
        assertThat(stats.failed()).isEqualTo(1);
        assertThat(stats.sent()).isEqualTo(7);
        assertThat(stats.buckets()).allSatisfy(bucket -> assertThat(bucket.seconds()).isEqualTo(3600));
        assertThat(log.stats(mixed.team().teamId(), Instant.now().plus(Duration.ofHours(2))).sent()).isZero();
    }

    @Test
    void cancellingMovesPendingDeliveriesIntoTheCancelledCountInTheBackground() {
        Sender sender = sender("cancel");
        sender.add(null);
        sender.add(null);
        UUID run = sender.launchPaused();
        assertThat(dispatch.progress(sender.team().teamId(), run).count(DeliveryStatus.PENDING)).isEqualTo(3);

        dispatch.cancel(sender.team().teamId(), run);

        await("the drain", () -> dispatch.progress(sender.team().teamId(), run).count(DeliveryStatus.PENDING) == 0);
        RunProgress progress = dispatch.progress(sender.team().teamId(), run);
        assertThat(progress.count(DeliveryStatus.CANCELLED)).isEqualTo(3);
        assertThat(progress.byStatus()).isEqualTo(recountByStatus(run));
        assertThat(log.throughput(sender.team().teamId(), run)).isEmpty();
    }

    @Test
    void anotherTeamsRunHasNoProgressSnapshotOrLog() {
        UUID stranger = UUID.randomUUID();
        assertThatThrownBy(() -> dispatch.snapshot(stranger, mixed.run())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> log.ofRun(stranger, mixed.run(), null, 0, 10)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> log.throughput(stranger, mixed.run())).isInstanceOf(NotFoundException.class);
        assertThat(log.ofApp(stranger, mixed.app().id(), null, Long.MAX_VALUE, 10)).isEmpty();
        assertThat(log.ofDevice(stranger, mixed.devices().get("ok1").id(), Long.MAX_VALUE, 10)).isEmpty();
        assertThat(log.stats(stranger, Instant.EPOCH).sent()).isZero();
    }

    @Test
    void theSnapshotIsExactlyWhatWasSent() {
        RunSnapshot snapshot = dispatch.snapshot(mixed.team().teamId(), mixed.run());

        assertThat(snapshot.appId()).isEqualTo(mixed.app().id());
        assertThat(snapshot.environment()).isEqualTo(ApnsEnvironment.PRODUCTION);
        assertThat(snapshot.topic()).isEqualTo(mixed.app().bundleId());
        assertThat(snapshot.payload()).isEqualTo("{\"aps\":{\"alert\":\"mixed\"}}");
        assertThat(snapshot.payloadBytes()).isEqualTo(snapshot.payload().length());
        assertThat(snapshot.completedAt()).isNotNull();
    }

    // --- The log --------------------------------------------------------------------------

    @Test
    void theRunLogFiltersByStatusReasonTokenPrefixAliasAndTime() {
        UUID team = mixed.team().teamId();
        Device unregistered = mixed.devices().get("unregistered");

        assertThat(tokens(log.ofRun(team, mixed.run(), new DeliveryFilter(DeliveryStatus.REJECTED, null, null), 0,
                10))).containsExactlyInAnyOrder(unregistered.token(), mixed.devices().get("bad").token());
        assertThat(tokens(log.ofRun(team, mixed.run(), new DeliveryFilter(null, "Unregistered", null), 0, 10)))
                .containsExactly(unregistered.token());
        assertThat(tokens(log.ofRun(team, mixed.run(), new DeliveryFilter(null, null,
                unregistered.token().substring(0, 12).toUpperCase()), 0, 10))).containsExactly(unregistered.token());
        assertThat(tokens(log.ofRun(team, mixed.run(), new DeliveryFilter(null, null,
                unregistered.token().substring(0, 3)), 0, 10))).contains(unregistered.token())
                .allSatisfy(token -> assertThat(token).startsWith(unregistered.token().substring(0, 3)));
        assertThat(tokens(log.ofRun(team, mixed.run(), filterAlias("alias-unregistered"), 0, 10)))
                .containsExactly(unregistered.token());
        assertThat(log.ofRun(team, mixed.run(), filterAlias("ALIAS-UNREGISTERED"), 0, 10)).isEmpty();
        assertThat(log.ofRun(team, mixed.run(), timeRange(Instant.now().minusSeconds(600), null), 0, 10)).hasSize(7);
        assertThat(log.ofRun(team, mixed.run(), timeRange(null, Instant.now().minusSeconds(600)), 0, 10)).isEmpty();
    }

    @Test
    void theRunLogPagesByKeysetInIdOrderAndTheAppLogNewestFirst() {
        UUID team = mixed.team().teamId();
        List<DeliveryEntry> first = log.ofRun(team, mixed.run(), DeliveryFilter.none(), 0, 3);
        List<DeliveryEntry> second = log.ofRun(team, mixed.run(), DeliveryFilter.none(), first.get(2).id(), 10);
        List<DeliveryEntry> newest = log.ofApp(team, mixed.app().id(), DeliveryFilter.none(), Long.MAX_VALUE, 4);
        List<DeliveryEntry> older = log.ofApp(team, mixed.app().id(), DeliveryFilter.none(), newest.get(3).id(), 10);

        assertThat(first).hasSize(3);
        assertThat(second).hasSize(4);
        List<Long> ids = new ArrayList<>(first.stream().map(DeliveryEntry::id).toList());
        ids.addAll(second.stream().map(DeliveryEntry::id).toList());
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(newest.get(0).id()).isGreaterThan(newest.get(3).id());
        assertThat(newest.size() + older.size()).isEqualTo(7);
        assertThat(log.ofApp(team, mixed.app().id(), new DeliveryFilter(DeliveryStatus.FAILED, null, null),
                Long.MAX_VALUE, 10)).extracting(DeliveryEntry::reason).containsExactly("ServiceUnavailable");
        assertThat(log.ofDevice(team, mixed.devices().get("bad").id(), Long.MAX_VALUE, 10))
                .extracting(DeliveryEntry::reason).containsExactly("BadDeviceToken");
    }

    // --- Export -----------------------------------------------------------------------------

    @Test
    void anExportWritesEveryRowWithSafeCellsAndTheAppExportNamesTheCampaign() {
        UUID team = mixed.team().teamId();
        jdbc.sql("update deliveries set reason = '=HYPERLINK(\"http://x\")' where run_id = :run and device_id = :device")
                .param("run", mixed.run()).param("device", mixed.devices().get("bad").id()).update();
        try {
            StringWriter run = new StringWriter();
            StringWriter app = new StringWriter();

            AtomicLong reported = new AtomicLong();
            long runRows = log.exportRun(team, mixed.run(), DeliveryFilter.none(), run, reported::set);
            long appRows = log.exportApp(team, mixed.app().id(), new DeliveryFilter(DeliveryStatus.REJECTED, null,
                    null), app, written -> { });

            String[] lines = run.toString().split("\r\n");
            assertThat(runRows).isEqualTo(7);
            assertThat(reported).hasValue(7);
            assertThat(lines).hasSize(8);
            assertThat(lines[0]).isEqualTo("token,status,statusCode,reason,attempts,apnsId,lastAttemptAt,acceptedAt,"
                    + "appleTimestamp,apnsUniqueId,version,language,abTestGroup");
            assertThat(run.toString()).contains(",\"'=HYPERLINK(\"\"http://x\"\")\",")
                    .doesNotContain(",=HYPERLINK");
            assertThat(appRows).isEqualTo(2);
            assertThat(app.toString().split("\r\n")[0])
                    .endsWith(",appleTimestamp,apnsUniqueId,campaignId,version,language,abTestGroup");
            assertThat(app.toString().split("\r\n")[1]).endsWith("," + mixed.run() + ",,,");
        } finally {
            jdbc.sql("update deliveries set reason = 'BadDeviceToken' where run_id = :run and device_id = :device")
                    .param("run", mixed.run()).param("device", mixed.devices().get("bad").id()).update();
        }
    }

    @Test
    void anExportLargerThanOneFetchStreamsEveryRow() {
        Sender sender = sender("export");
        int more = DeliveryLogRepository.EXPORT_FETCH_SIZE + 200;
        for (int i = 0; i < more; i++) {
            sender.add(null);
        }
        UUID run = sender.launchPaused();
        CountingWriter out = new CountingWriter();

        long rows = log.exportRun(sender.team().teamId(), run, DeliveryFilter.none(), out, written -> { });

        assertThat(rows).isEqualTo(more + 1);
        assertThat(out.lines).isEqualTo(more + 2);
        dispatch.cancel(sender.team().teamId(), run);
    }

    @Test
    void aTimeRangeListsExactlyItsRowsAcrossPagesWhetherNarrowOrWide() {
        Sender sender = sender("time-range");
        UUID team = sender.team().teamId();
        Instant base = Instant.now().minus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        int rows = DeliveryLogRepository.NARROW_RANGE_ROWS + 1_000;
        UUID run = insertShuffledRun(sender, base, rows);
        DeliveryFilter narrow = timeRange(base.plusSeconds(1_000), base.plusSeconds(1_130));
        DeliveryFilter wide = timeRange(base.plusSeconds(100), base.plusSeconds(rows - 100L));
        DeliveryFilter openEnded = timeRange(base.plusSeconds(rows - 300L), null);

        for (DeliveryFilter range : List.of(narrow, wide, openEnded)) {
            List<Long> expected = idsInRange(sender.app().id(), range);
            assertThat(expected).hasSizeGreaterThan(100);
            assertThat(appPages(team, sender.app().id(), range)).as("app log %s", range).isEqualTo(expected);
            List<Long> oldestFirst = new ArrayList<>(expected);
            java.util.Collections.reverse(oldestFirst);
            assertThat(runPages(team, run, range)).as("run log %s", range).isEqualTo(oldestFirst);
        }
        assertThat(idsInRange(sender.app().id(), wide)).hasSizeGreaterThan(DeliveryLogRepository.NARROW_RANGE_ROWS);
        assertThat(log.exportApp(team, sender.app().id(), narrow, new CountingWriter(), written -> { }))
                .isEqualTo(idsInRange(sender.app().id(), narrow).size());
    }

    // --- Retention --------------------------------------------------------------------------

    @Test
    void retentionDropsWeeksPastTheWindowWholeDeletesTheDefaultPartitionsOldRowsInBatchesAndKeepsTheNumbers() {
        Sender sender = sender("retention");
        for (int i = 0; i < 3; i++) {
            sender.add(null);
        }
        UUID done = sender.launch();
        await("the run", () -> dispatch.progress(sender.team().teamId(), done).status() == RunStatus.COMPLETED);
        UUID open = sender.launchPaused();
        Instant cutoff = Instant.now().minus(Duration.ofDays(90));
        Instant pastWeek = cutoff.minus(Duration.ofDays(10));
        Instant straddling = cutoff.minus(Duration.ofSeconds(1));
        history.addWeek(pastWeek);
        history.addWeek(straddling);
        List<Long> ids = jdbc.sql("select id from deliveries where run_id = :run order by id").param("run", done)
                .query(Long.class).list();
        age(ids.get(0), pastWeek);
        age(ids.get(1), cutoff.minus(Duration.ofDays(200)));
        age(ids.get(2), cutoff.minus(Duration.ofDays(200)));
        age(ids.get(3), straddling);
        // No delivery is active before its run's launch (the run log reads no week before it).
        jdbc.sql("update dispatch_runs set launched_at = launched_at - interval '400 days' where id = :run")
                .param("run", done).update();
        jdbc.sql("update delivery_queue set release_at = now() - interval '100 days' where run_id = :run")
                .param("run", open).update();
        RunProgress before = dispatch.progress(sender.team().teamId(), done);
        TeamStats statsBefore = log.stats(sender.team().teamId(), Instant.now().minus(Duration.ofDays(1)));

        int firstBatch = history.purgeUnpartitioned(sender.app().id(), cutoff, 1);
        DeliveryRetention.Purged rest = retention.purge(cutoff, 1, Duration.ZERO);

        assertThat(firstBatch).isEqualTo(1);
        assertThat(rest.rowsDeleted()).isEqualTo(1);
        assertThat(rest.weeksDropped()).isPositive();
        assertThat(history.weeks()).extracting(DeliveryLogRepository.Week::end)
                .allMatch(end -> end.isAfter(cutoff)).anyMatch(end -> end.isAfter(straddling)
                        && !end.minus(Duration.ofDays(7)).isAfter(straddling));
        assertThat(log.ofRun(sender.team().teamId(), done, null, 0, 10)).extracting(DeliveryEntry::id)
                .as("a week that ends after the cutoff is kept whole").containsExactly(ids.get(3));
        assertThat(log.ofRun(sender.team().teamId(), open, null, 0, 10)).hasSize(4);
        assertThat(dispatch.progress(sender.team().teamId(), done)).isEqualTo(before);
        assertThat(log.stats(sender.team().teamId(), Instant.now().minus(Duration.ofDays(1))))
                .isEqualTo(statsBefore);
        dispatch.cancel(sender.team().teamId(), open);
    }

    /** Moves a log row to {@code at}: its last attempt and so its week (a row of the default partition without one). */
    private void age(long id, Instant at) {
        jdbc.sql("update deliveries set last_attempt_at = :at, active_at = :at where id = :id")
                .param("at", java.sql.Timestamp.from(at)).param("id", id).update();
    }

    // --- Deleting an app ---------------------------------------------------------------------

    @Test
    void deletingAnAppDeletesItsQueuedDeliveriesAndItsLogButNoOtherApps() {
        Sender doomed = sender("doomed");
        doomed.add(null);
        UUID sent = doomed.launch();
        await("the run", () -> dispatch.progress(doomed.team().teamId(), sent).status() == RunStatus.COMPLETED);
        UUID queued = doomed.launchPaused();
        assertThat(rowsOf(sent)).isEqualTo(2);
        assertThat(rowsOf(queued)).isEqualTo(2);

        TestSecurity.as(doomed.team().as(Role.ADMIN), () -> {
            apps.delete(doomed.app().id());
            return null;
        });

        assertThat(rowsOf(sent)).isZero();
        assertThat(rowsOf(queued)).isZero();
        assertThat(rowsOf(mixed.run())).isEqualTo(7);
    }

    /** Log and queue rows of a run, counted in the tables (the run itself may be gone). */
    private long rowsOf(UUID run) {
        return jdbc.sql("""
                        select (select count(*) from deliveries where run_id = :run)
                             + (select count(*) from delivery_queue where run_id = :run)""")
                .param("run", run).query(Long.class).single();
    }

    // --- Fixtures ---------------------------------------------------------------------------

    private Mixed sendMixed() {
        Sender sender = sender("mixed");
        Map<String, Device> named = new HashMap<>();
        named.put("ok1", sender.device());
        for (String name : List.of("ok2", "retried", "unregistered", "bad", "flaky")) {
            named.put(name, sender.add("alias-" + name));
        }
        named.put("ok3", sender.add("alias-ok3"));
        apns.answer(named.get("unregistered").token(), 0, () -> new UnregisteredDeviceTokenException(Instant.now()));
        apns.answer(named.get("bad").token(), 0, () -> new RejectedNotificationException(
                RejectionReason.BAD_DEVICE_TOKEN));
        apns.answer(named.get("retried").token(), 1, () -> new RejectedNotificationException(
                RejectionReason.TOO_MANY_REQUESTS));
        apns.answer(named.get("flaky").token(), 0, () -> new RejectedNotificationException(
                RejectionReason.SERVICE_UNAVAILABLE));
        UUID run = sender.launchPaused();
        // The flaky device's retry window (24 h after its release) ends within seconds.
        jdbc.sql("update dispatch_runs set launched_at = now() - interval '24 hours' + interval '3 seconds'"
                + " where id = :run").param("run", run).update();
        jdbc.sql("""
                        update delivery_queue set attempts = 4, release_at = now() - interval '24 hours' + interval '3 seconds'
                        where run_id = :run and device_id = :device""")
                .param("run", run).param("device", named.get("flaky").id()).update();
        dispatch.resume(sender.team().teamId(), run);
        await("the mixed run", () -> dispatch.progress(sender.team().teamId(), run).status() == RunStatus.COMPLETED);
        return new Mixed(sender.team(), sender.app(), run, named);
    }

    /** A fresh team with a token-auth app in production and one device. */
    record Sender(DeliveryLogTest test, TestTeams.Fixture team, PushApp app, Device device) {

        Device add(String alias) {
            return test.addDevice(team, app, alias);
        }

        UUID launch() {
            UUID run = UUID.randomUUID();
            test.transactions().executeWithoutResult(status -> test.dispatch.launch(request(run)));
            return run;
        }

        UUID launchPaused() {
            UUID run = UUID.randomUUID();
            test.transactions().executeWithoutResult(status -> {
                test.dispatch.launch(request(run));
                test.dispatch.pause(team.teamId(), run);
            });
            return run;
        }

        private LaunchRequest request(UUID run) {
            return LaunchRequest.now(team.teamId(), run, app.id(), ApnsEnvironment.PRODUCTION, app.bundleId(),
                    "{\"aps\":{\"alert\":\"mixed\"}}", Audience.everyone(ApnsEnvironment.PRODUCTION));
        }
    }

    private Sender sender(String label) {
        TestTeams.Fixture team = teams.create("history-" + label);
        String bundle = "com.example.history" + label + UUID.randomUUID().toString().substring(0, 8);
        PushApp app = TestSecurity.as(team.as(Role.ADMIN), () -> {
            PushApp created = apps.create("History " + label, bundle);
            credentials.upload(created.id(), new CredentialUpload(TestCredentials.bytes(TestCredentials.pem(
                    TestCredentials.ec("secp256r1").getPrivate())), null, "production", KEY_ID, TEAM_ID, false));
            return created;
        });
        return new Sender(this, team, app, addDevice(team, app, null));
    }

    Device addDevice(TestTeams.Fixture team, PushApp app, String alias) {
        return TestSecurity.as(team.as(Role.EDITOR), () -> devices.add(app.id(), "production",
                DispatcherTest.token(), new DeviceFields(List.of(), alias, null, null)));
    }

    TransactionTemplate transactions() {
        return new TransactionTemplate(transactionManager);
    }

    private Map<DeliveryStatus, Long> recountByStatus(UUID run) {
        Map<DeliveryStatus, Long> counts = new HashMap<>();
        jdbc.sql("select status, count(*) as n from deliveries where run_id = :run group by status")
                .param("run", run).query((rs, row) -> counts.put(DeliveryStatus.valueOf(rs.getString("status")),
                        rs.getLong("n"))).list();
        return counts;
    }

    private Map<String, Long> recountByReason(UUID run) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("""
                        select reason, count(*) as n from deliveries
                        where run_id = :run and status in ('REJECTED', 'FAILED') group by reason""")
                .param("run", run).query((rs, row) -> counts.put(rs.getString("reason"), rs.getLong("n"))).list();
        return counts;
    }

    /**
     * A completed run of {@code rows} final deliveries whose activity times are a shuffle of
     * one second apart from {@code base} (ids do not follow time); every tenth was never
     * attempted, so its release time is its activity.
     */
    private UUID insertShuffledRun(Sender sender, Instant base, int rows) {
        UUID run = UUID.randomUUID();
        jdbc.sql("""
                        insert into dispatch_runs (id, tenant_id, app_id, environment, topic, payload, payload_bytes,
                            push_type, priority, status, deliveries_total, launched_at, completed_at)
                        values (:run, :tenant, :app, 'production', 'com.example.range', '{"aps":{}}', 10, 'alert', 10,
                            'COMPLETED', :rows, cast(:base as timestamptz) - interval '1 second', :base)""")
                .param("run", run).param("tenant", sender.team().teamId()).param("app", sender.app().id())
                .param("rows", rows).param("base", java.sql.Timestamp.from(base)).update();
        jdbc.sql("""
                        insert into deliveries (tenant_id, app_id, run_id, device_id, token, status, attempts, release_at,
                            last_attempt_at %s%s)
                        select :tenant, :app, :run, gen_random_uuid(), md5(g::text), case when g %% 10 = 0 then 'CANCELLED'
                               else 'ACCEPTED' end, 1, t.at - interval '1 second',
                               case when g %% 10 = 0 then null else t.at end %s%s
                        from generate_series(1, :rows) g
                        cross join lateral (select cast(:base as timestamptz) + make_interval(secs => (g * 7919) %% :rows) as at) t
                        order by g""".formatted(LogRows.queueColumn(jdbc), LogRows.activityColumn(jdbc),
                                LogRows.queueValue(jdbc, ":base"), LogRows.activityValue(jdbc,
                                        "case when g % 10 = 0 then t.at - interval '1 second' else t.at end")))
                .param("run", run).param("tenant", sender.team().teamId()).param("app", sender.app().id())
                .param("rows", rows).param("base", java.sql.Timestamp.from(base)).update();
        jdbc.sql("""
                        update dispatch_runs set first_delivery_id = (select min(id) from deliveries where run_id = :run),
                            last_delivery_id = (select max(id) from deliveries where run_id = :run)
                        where id = :run""").param("run", run).update();
        jdbc.sql("analyze deliveries").update();
        return run;
    }

    /** The app's delivery ids in the range, newest first, by a plain scan. */
    private List<Long> idsInRange(UUID app, DeliveryFilter range) {
        return jdbc.sql("""
                        select id from deliveries
                        where app_id = :app and coalesce(last_attempt_at, release_at) >= :from
                          and (cast(:to as timestamptz) is null or coalesce(last_attempt_at, release_at) < :to)
                        order by id desc""")
                .param("app", app).param("from", java.sql.Timestamp.from(range.from()))
                .param("to", range.to() == null ? null : java.sql.Timestamp.from(range.to()))
                .query(Long.class).list();
    }

    /** Every page of the app log, 50 at a time, following the keyset. */
    private List<Long> appPages(UUID team, UUID app, DeliveryFilter range) {
        List<Long> ids = new ArrayList<>();
        List<DeliveryEntry> page = log.ofApp(team, app, range, Long.MAX_VALUE, 50);
        while (!page.isEmpty()) {
            page.forEach(row -> ids.add(row.id()));
            page = log.ofApp(team, app, range, ids.get(ids.size() - 1), 50);
        }
        return ids;
    }

    /** Every page of the run log, 50 at a time, following the keyset. */
    private List<Long> runPages(UUID team, UUID run, DeliveryFilter range) {
        List<Long> ids = new ArrayList<>();
        List<DeliveryEntry> page = log.ofRun(team, run, range, 0, 50);
        while (!page.isEmpty()) {
            page.forEach(row -> ids.add(row.id()));
            page = log.ofRun(team, run, range, ids.get(ids.size() - 1), 50);
        }
        return ids;
    }

    private static DeliveryFilter filterAlias(String alias) {
        return new DeliveryFilter(null, null, null, alias, null, null);
    }

    private static DeliveryFilter timeRange(Instant from, Instant to) {
        return new DeliveryFilter(null, null, null, null, from, to);
    }

    private static List<String> tokens(List<DeliveryEntry> rows) {
        return rows.stream().map(DeliveryEntry::token).toList();
    }

    /** Counts lines as they arrive and keeps nothing. */
    private static final class CountingWriter extends java.io.Writer {

        long lines;

        @Override
        public void write(char[] buffer, int offset, int length) {
            IntStream.range(offset, offset + length).filter(i -> buffer[i] == '\n').forEach(i -> lines++);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
