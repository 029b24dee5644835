package dev.pushdeck.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.dispatcher.CampaignLifecycle;
import dev.pushdeck.campaign.dispatcher.DueCampaign;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import dev.pushdeck.shared.error.ConflictException;
import dev.pushdeck.shared.error.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

@PushdeckTest
class CampaignLifecycleTest {

    @Autowired
    TestTeams teams;
    @Autowired
    CampaignFixtures fixtures;
    @Autowired
    CampaignService campaigns;
    @Autowired
    CampaignLifecycle lifecycle;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;

    TestTeams.Fixture team;
    PushApp app;

    @BeforeEach
    void setUp() {
        team = teams.create("lifecycle");
        app = fixtures.app(team, "Lifecycle App");
        fixtures.device(team, app.id(), "production", "vip");
    }

    private CampaignDraft draft(Schedule schedule) {
        Notification hello = new Notification("Hello", null, "World", "default", null, null, null, false, false, null,
                null, null);
        return new CampaignDraft("Launch " + UUID.randomUUID(), ApnsEnvironment.PRODUCTION, hello, null, PushType.VOIP, 10,
                Expiration.after(3600), "news", new AudienceSpec(AudienceSpec.Type.TAGS, List.of("vip"),
                AudienceSpec.Match.ANY, List.of()), schedule, 600);
    }

    /** A campaign scheduled 30 seconds ago (within the minute allowed), so it is due at once. */
    private Campaign due() {
        Schedule justNow = new Schedule(LocalDateTime.now(ZoneOffset.UTC).minusSeconds(30), "UTC", false);
        return TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.create(app.id(), draft(justNow)));
    }

    /**
     * Starts this team's due campaigns, each in a transaction of its own as the scheduler does,
     * passing over other teams' (they belong to other tests).
     */
    private List<LaunchPlan> takeDue() {
        Set<UUID> passedOver = new HashSet<>();
        List<LaunchPlan> taken = new ArrayList<>();
        Optional<LaunchPlan> next;
        while ((next = transactions.execute(tx -> startNextOfMine(passedOver))).isPresent()) {
            taken.add(next.get());
        }
        return taken;
    }

    private Optional<LaunchPlan> startNextOfMine(Set<UUID> passedOver) {
        Optional<DueCampaign> due;
        while ((due = lifecycle.lockNextDue(passedOver)).isPresent()) {
            if (due.get().tenantId().equals(team.teamId())) {
                return lifecycle.startSending(due.get().tenantId(), due.get().campaignId());
            }
            passedOver.add(due.get().campaignId());
        }
        return Optional.empty();
    }

    private Optional<LaunchPlan> startSending(UUID tenant, UUID campaignId) {
        return transactions.execute(tx -> lifecycle.startSending(tenant, campaignId));
    }

    private Campaign status(UUID id) {
        return TestSecurity.as(team.as(Role.VIEWER), () -> campaigns.get(id));
    }

    @Test
    void twoSchedulersTakingDueCampaignsAtOnceGetEachCampaignExactlyOnce() throws Exception {
        List<UUID> mine = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            mine.add(due().id());
        }
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<UUID>>> takers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                takers.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return takeDue().stream().map(LaunchPlan::campaignId).toList();
                }));
            }
            List<UUID> all = new ArrayList<>(takers.get(0).get(30, TimeUnit.SECONDS));
            all.addAll(takers.get(1).get(30, TimeUnit.SECONDS));
            List<UUID> ofMine = all.stream().filter(mine::contains).toList();
            assertThat(ofMine).hasSize(mine.size()).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
        assertThat(mine).allSatisfy(id -> assertThat(status(id).status()).isEqualTo(CampaignStatus.SENDING));
    }

    @Test
    void aLaunchPlanCarriesTopicPayloadHeadersAudienceAndARelativeExpiration() {
        Campaign campaign = due();
        LaunchPlan plan = takeDue().stream()
                .filter(p -> p.campaignId().equals(campaign.id())).findFirst().orElseThrow();

        assertThat(plan.tenantId()).isEqualTo(team.teamId());
        assertThat(plan.appId()).isEqualTo(app.id());
        assertThat(plan.topic()).isEqualTo(app.bundleId() + ".voip");
        assertThat(plan.payload()).as("the stored payload, naming the campaign in its tracking key")
                .isEqualTo(TrackingKey.launched(campaign.payload().json(), campaign.id()))
                .endsWith("\"pd\":{\"c\":\"" + campaign.id() + "\"}}");
        assertThat(plan.deliveryKey()).isTrue();
        assertThat(plan.pushType()).isEqualTo(PushType.VOIP);
        assertThat(plan.priority()).isEqualTo(10);
        assertThat(plan.expiresAt()).isNull();
        assertThat(plan.expiresAfter()).as("kept relative: each delivery expires an hour after its own release")
                .isEqualTo(Duration.ofHours(1));
        assertThat(plan.collapseId()).isEqualTo("news");
        assertThat(plan.throttlePerMinute()).isEqualTo(600);
        assertThat(plan.environment()).isEqualTo(ApnsEnvironment.PRODUCTION);
        assertThat(plan.audience().tagsAny()).containsExactly("vip");
        assertThat(plan.deviceLocalTime()).isFalse();
        assertThat(plan.fallbackZone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void aDeviceLocalCampaignKeepsItsExpirationRelativeSoEachZoneCountsFromItsOwnRelease() {
        // Due now where the day begins first (UTC+14); the last zone (UTC-12) reaches it 26 hours later.
        LocalDateTime local = LocalDateTime.now(ZoneId.of("Pacific/Kiritimati")).minusSeconds(30).withNano(0);
        Schedule everywhere = new Schedule(local, "UTC", true);
        Campaign campaign = TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.create(app.id(), draft(everywhere)));

        LaunchPlan plan = takeDue().stream().filter(p -> p.campaignId().equals(campaign.id())).findFirst()
                .orElseThrow();

        assertThat(plan.deviceLocalTime()).isTrue();
        assertThat(plan.expiresAt()).isNull();
        assertThat(plan.expiresAfter()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aFutureScheduleIsNotTakenAndCampaignsInTheFutureStayScheduled() {
        Schedule tomorrow = new Schedule(LocalDateTime.now(ZoneOffset.UTC).plusDays(1), "UTC", false);
        Campaign later = TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.create(app.id(), draft(tomorrow)));
        assertThat(takeDue()).extracting(LaunchPlan::campaignId)
                .doesNotContain(later.id());
        assertThat(status(later.id()).status()).isEqualTo(CampaignStatus.SCHEDULED);
    }

    @Test
    void takingDueCampaignsOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> lifecycle.lockNextDue(Set.of()))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void aStoredPriorityOneCampaignIsNotStartedAndStaysAsItWas() {
        Campaign legacy = due();
        jdbc.sql("update campaigns set priority = 1 where id = :id").param("id", legacy.id()).update();

        Throwable refused = catchThrowable(() -> startSending(team.teamId(), legacy.id()));

        assertThat(refused).isInstanceOf(ValidationException.class);
        assertThat(((ValidationException) refused).errors()).extracting(ValidationException.FieldError::key)
                .containsExactly("campaign.priority.unsupported");
        assertThat(status(legacy.id()).status()).isEqualTo(CampaignStatus.SCHEDULED);
        assertThat(status(legacy.id()).launchedAt()).isNull();
    }

    @Test
    void startSendingMovesADraftOnceAndTransitionsAreGuarded() {
        Campaign draft = TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.create(app.id(), draft(null)));
        UUID tenant = team.teamId();

        assertThat(startSending(tenant, draft.id())).isPresent();
        assertThat(startSending(tenant, draft.id())).isEmpty();
        assertThat(startSending(UUID.randomUUID(), draft.id())).isEmpty();
        assertThat(lifecycle.markResumed(tenant, draft.id())).isFalse();
        assertThat(lifecycle.markPaused(tenant, draft.id(), "BadCertificate")).isTrue();
        assertThat(status(draft.id()).statusReason()).isEqualTo("BadCertificate");
        assertThat(lifecycle.markResumed(tenant, draft.id())).isTrue();
        assertThat(lifecycle.markCompleted(tenant, draft.id())).isTrue();
        assertThat(lifecycle.markCompleted(tenant, draft.id())).isFalse();
        assertThat(lifecycle.markCancelled(tenant, draft.id())).isFalse();
        assertThat(lifecycle.markFailed(tenant, draft.id(), "late")).isFalse();
        Campaign done = status(draft.id());
        assertThat(done.status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(done.completedAt()).isNotNull();
        assertThat(Set.of(CampaignStatus.values())).allSatisfy(s -> assertThat(s.editable())
                .isEqualTo(s == CampaignStatus.DRAFT || s == CampaignStatus.SCHEDULED));
    }

    @Test
    void aCampaignThatIsSendingCanNoLongerBeEditedOrDeletedButCanBeCancelled() {
        Campaign draft = TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.create(app.id(), draft(null)));
        transactions.execute(tx -> lifecycle.startSending(team.teamId(), draft.id()));
        TestSecurity.as(team.as(Role.EDITOR), () -> {
            assertThatThrownBy(() -> campaigns.update(draft.id(), draft.draft())).isInstanceOf(ConflictException.class);
            assertThatThrownBy(() -> campaigns.delete(draft.id())).isInstanceOf(ConflictException.class);
            assertThat(campaigns.cancel(draft.id()).status()).isEqualTo(CampaignStatus.CANCELLED);
            assertThatThrownBy(() -> campaigns.cancel(draft.id())).isInstanceOf(ConflictException.class);
            return null;
        });
    }
}
