package dev.pushdeck.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.AbTest;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.ContentVariant;
import dev.pushdeck.campaign.ContentVersion;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.dispatch.internal.OutcomeRepository;
import dev.pushdeck.dispatch.internal.SplitTestRepository;
import dev.pushdeck.history.DeliveryEntry;
import dev.pushdeck.history.DeliveryFilter;
import dev.pushdeck.history.internal.DeliveryLog;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import dev.pushdeck.shared.error.ConflictException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A/B tests against the real dispatcher and a mock APNs (docs/decisions/058-ab-tests.md): the
 * test share is split exactly on the campaign's seed, the rest waits in the queue, and the winner
 * (picked, or by open rate) goes to the rest in each device's language.
 */
@PushdeckTest
class AbTestDispatchTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    TestTeams teams;
    @Autowired
    DeviceService devices;
    @Autowired
    CampaignService campaigns;
    @Autowired
    SplitTests splitTests;
    @Autowired
    DeliveryLog deliveryLog;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    OutcomeRepository outcomes;
    @Autowired
    SplitTestRepository splitTestRepository;
    @Autowired
    TransactionTemplate transactions;

    final ObjectMapper json = new ObjectMapper();
    LiveSending live;
    TestTeams.Fixture team;
    PushApp app;

    @BeforeEach
    void setUp() throws Exception {
        live = new LiveSending(context);
        team = teams.create("ab-tests");
        app = live.app(team, "AbTests");
    }

    @AfterEach
    void tearDown() {
        live.close();
    }

    @Test
    void theTestShareIsSplitEvenlyOnTheCampaignsSeedAndTheRestIsHeld() throws Exception {
        List<Device> audience = live.devices(team, app, 50);

        Campaign campaign = live.send(team, app, tested("Split", 20, List.of()));

        live.awaitProgress(team, campaign.id(), p -> p.count(DeliveryStatus.ACCEPTED) == 10);
        List<Device> bySeed = new ArrayList<>(audience);
        bySeed.sort(Comparator.comparing((Device d) -> md5(campaign.id() + d.id().toString()))
                .thenComparing(Device::id));
        for (int rank = 0; rank < bySeed.size(); rank++) {
            Device device = bySeed.get(rank);
            if (rank < 10) {
                assertThat(title(device)).as("rank %d is tested, version by turn", rank)
                        .isEqualTo(rank % 2 == 0 ? "Hello" : "Hello from B");
            } else {
                assertThat(live.received(device.token())).as("rank %d is held", rank).isZero();
            }
        }
        SplitTestState test = splitTests.find(team.teamId(), campaign.id()).orElseThrow();
        assertThat(test.held()).isEqualTo(40);
        assertThat(test.decided()).isFalse();
        assertThat(dispatchStatus(campaign.id())).as("the run waits for its winner").isEqualTo("SENDING");
        assertThat(splitTests.find(teams.create("ab-other").teamId(), campaign.id())).isEmpty();
    }

    @Test
    void aPickedVersionGoesToTheRestInEachDevicesLanguage() throws Exception {
        List<Device> french = devices("fr-FR", 6);
        List<Device> english = devices("en-US", 6);
        CampaignDraft draft = tested("Picked", 50, List.of(new ContentVariant("fr", "Bonjour", null, "du test")))
                .withVariants(List.of(new ContentVariant("fr", "Salut", null, "du test")));

        Campaign campaign = live.send(team, app, draft);
        live.awaitProgress(team, campaign.id(), p -> p.count(DeliveryStatus.ACCEPTED) == 6);
        TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.pickAbTestWinner(campaign.id(), 1));
        assertThat(splitTests.releaseDecided()).isEqualTo(6);

        live.awaitProgress(team, campaign.id(), p -> p.status() == RunStatus.COMPLETED);
        assertThat(french).allSatisfy(device -> assertThat(title(device)).isIn("Salut", "Bonjour"));
        assertThat(english).allSatisfy(device -> assertThat(title(device)).isIn("Hello", "Hello from B"));
        Map<UUID, Integer> variants = loggedVariants(campaign.id());
        // Two versions in one language beside the default: stride 2, the rest numbered from 4.
        long restInFrench = french.stream().filter(device -> variants.get(device.id()) == 4 + 2 + 1).count();
        long restInEnglish = english.stream().filter(device -> variants.get(device.id()) == 4 + 2).count();
        assertThat(restInFrench + restInEnglish).isEqualTo(6);
        for (Device device : french) {
            if (variants.get(device.id()) >= 4) {
                assertThat(title(device)).as("the rest in French gets B's French").isEqualTo("Bonjour");
            }
        }
        SplitTestState test = splitTests.find(team.teamId(), campaign.id()).orElseThrow();
        assertThat(test.winner()).isEqualTo(1);
        assertThat(test.pickedBy()).isNotBlank();
        assertThat(test.releasedAt()).isNotNull();
        assertThatThrownBy(() -> TestSecurity.as(team.as(Role.EDITOR),
                () -> campaigns.pickAbTestWinner(campaign.id(), 0))).isInstanceOf(ConflictException.class);
    }

    @Test
    void aTestWhoseWaitHasPassedIsDecidedByOpenRate() throws Exception {
        live.devices(team, app, 40);
        Campaign campaign = live.send(team, app, tested("By opens", 50, List.of()));
        live.awaitProgress(team, campaign.id(), p -> p.count(DeliveryStatus.ACCEPTED) == 20);
        List<DeliveryEntry> tested = deliveryLog.ofRun(team.teamId(), campaign.id(), DeliveryFilter.none(), 0, 100)
                .stream().filter(row -> row.status() == DeliveryStatus.ACCEPTED).toList();
        Map<UUID, Integer> variants = loggedVariants(campaign.id());
        live.report(team, app, "opened", tested.stream().filter(row -> variants.get(row.deviceId()) == 1)
                .limit(6).toList());
        live.report(team, app, "opened", tested.stream().filter(row -> variants.get(row.deviceId()) == 0)
                .limit(1).toList());

        assertThat(splitTests.decideDue()).as("not due yet").isZero();
        jdbc.sql("update run_tests set decide_at = now() where run_id = :run").param("run", campaign.id()).update();
        assertThat(splitTests.decideDue()).isEqualTo(1);
        splitTests.releaseDecided();

        live.awaitProgress(team, campaign.id(), p -> p.status() == RunStatus.COMPLETED);
        SplitTestState test = splitTests.find(team.teamId(), campaign.id()).orElseThrow();
        assertThat(test.winner()).as("6 of 10 opened B, 1 of 10 A").isEqualTo(1);
        assertThat(test.pickedBy()).isNull();
        assertThat(loggedVariants(campaign.id()).values().stream().filter(v -> v >= 2).collect(Collectors.toSet()))
                .as("the rest got B (rest numbered from 2)").isEqualTo(Set.of(3));
    }

    @Test
    void heldDeliveriesOutliveTheRetryWindowAndAReleaseCutShortIsFinishedWithoutMovingAnyTwice() {
        live.devices(team, app, 20);
        Campaign campaign = live.send(team, app, tested("Cut short", 10, List.of()));
        live.awaitProgress(team, campaign.id(), p -> p.count(DeliveryStatus.ACCEPTED) == 2);

        // A decision long overdue: the run launched, and its rest was due, longer ago than it is kept for.
        jdbc.sql("update dispatch_runs set launched_at = now() - interval '30 hours' where id = :run")
                .param("run", campaign.id()).update();
        jdbc.sql("update delivery_queue set release_at = now() - interval '30 hours' where run_id = :run")
                .param("run", campaign.id()).update();
        outcomes.expireOverdue(Duration.ofHours(1), 1000);
        assertThat(held(campaign.id())).as("held, not overdue").isEqualTo(18);
        TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.pickAbTestWinner(campaign.id(), 1));
        SplitTestState decided = splitTests.find(team.teamId(), campaign.id()).orElseThrow();
        // A node that dies after its first batch: part of the rest released, the test not marked released.
        Integer firstBatch = transactions.execute(status -> splitTestRepository.releaseBatch(decided, 5));
        assertThat(firstBatch).isEqualTo(5);
        assertThat(splitTests.releaseDecided()).as("the next tick releases the others").isEqualTo(13);

        live.awaitProgress(team, campaign.id(), p -> p.status() == RunStatus.COMPLETED);
        assertThat(loggedVariants(campaign.id()).values().stream().filter(v -> v >= 2).collect(Collectors.toSet()))
                .as("every one of the rest got B once (rest numbered from 2)").isEqualTo(Set.of(3));
        assertThat(loggedVariants(campaign.id())).hasSize(20);
    }

    @Test
    void cancellingDuringTheWaitCancelsTheHeldRest() {
        live.devices(team, app, 10);
        Campaign campaign = live.send(team, app, tested("Cancelled", 20, List.of()));
        live.awaitProgress(team, campaign.id(), p -> p.count(DeliveryStatus.ACCEPTED) == 2);

        TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.cancel(campaign.id()));

        RunProgress done = live.awaitProgress(team, campaign.id(),
                p -> p.count(DeliveryStatus.CANCELLED) == 8);
        assertThat(done.count(DeliveryStatus.ACCEPTED)).isEqualTo(2);
        assertThat(splitTests.decideDue()).isZero();
    }

    private CampaignDraft tested(String name, int percent, List<ContentVariant> versionB) {
        return LiveSending.draft(name).withAbTest(new AbTest(percent, 120,
                List.of(new ContentVersion("Hello from B", null, "the other wording", versionB))));
    }

    private List<Device> devices(String locale, int count) {
        List<Device> added = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            added.add(TestSecurity.as(team.as(Role.EDITOR), () -> devices.add(app.id(), "production",
                    DispatcherTest.token(), new DeviceFields(List.of(), null, locale, null))));
        }
        return added;
    }

    private String title(Device device) throws Exception {
        assertThat(live.received(device.token())).isEqualTo(1);
        return json.readTree(live.lastPayload(device.token())).at("/aps/alert/title").asText();
    }

    private Map<UUID, Integer> loggedVariants(UUID runId) {
        return jdbc.sql("select device_id, variant from deliveries where run_id = :run").param("run", runId)
                .query((rs, row) -> Map.entry(rs.getObject(1, UUID.class), rs.getInt(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private long held(UUID runId) {
        return jdbc.sql("select count(*) from delivery_queue where run_id = :run and next_attempt_at = 'infinity'")
                .param("run", runId).query(Long.class).single();
    }

    private String dispatchStatus(UUID runId) {
        return jdbc.sql("select status from dispatch_runs where id = :id").param("id", runId).query(String.class)
                .single();
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
