package dev.pushdeck.dispatch;

import static dev.pushdeck.dispatch.ProcessCluster.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import com.eatthepath.pushy.apns.server.RejectionReason;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * APNs on a bad day, met by a real node ({@link ProcessCluster}): a minute of
 * ServiceUnavailable, a misconfigured topic that refuses every token, an endpoint that
 * accepts connections and never answers, answers slower than the lease, and a small team's
 * campaign behind a throttled big run and hundreds of waiting ones. Bounds on time are
 * generous; the figures a person wants are printed (see the README's Delivery section).
 */
@ProcessTest
class FaultProcessTest {

    private static ProcessCluster cluster;

    @BeforeAll
    static void joinTheCluster(ProcessCluster shared) {
        cluster = shared;
    }

    @Test
    void aMinuteOfServiceUnavailableDelaysACampaignButFailsNoDelivery() {
        ChildNode node = cluster.anyNode();
        UUID app = cluster.newApp(node, 3_000);
        String topic = cluster.bundleId(app);
        UUID campaign = cluster.sendNow(node, app, "Outage of APNs");
        List<String> tokens = cluster.awaitMidway(campaign, 500);

        cluster.apns.answerTopic(topic, () -> new RejectedNotificationException(RejectionReason.SERVICE_UNAVAILABLE));
        long outageStart = System.nanoTime();
        awaitUntil("the outage to show", () -> outageShown(app, "production"), () -> "no outage row");
        int atOpen = landed(tokens);
        ChildNode.pause(Duration.ofSeconds(60).minusNanos(System.nanoTime() - outageStart));
        int sentDuringOutage = cluster.received(tokens) - atOpen;
        int acceptedBefore = cluster.tokens(campaign, "ACCEPTED").size();
        cluster.apns.clearTopic(topic);
        long outageEnd = System.nanoTime();
        awaitUntil("the first acceptance after the outage",
                () -> cluster.tokens(campaign, "ACCEPTED").size() > acceptedBefore,
                () -> cluster.statusCounts(campaign).toString());
        Duration resumedAfter = Duration.ofNanos(System.nanoTime() - outageEnd);

        cluster.awaitFinished(campaign);
        System.out.printf("Outage of 60 s: %d notifications sent while the breaker was open (probes), sending"
                + " resumed %.1f s after APNs answered again%n", sentDuringOutage, resumedAfter.toMillis() / 1000.0);
        assertThat(cluster.statusCounts(campaign)).containsExactly(Map.entry("ACCEPTED", 3_000L));
        // Each live node keeps its own breaker: in 60 s it probes about 7 times (1, 2, 4, 8, then every 15 s),
        // and a node that had not yet met the outage spends a few troubles opening its own. A retry storm
        // would send hundreds of the 2,500 waiting deliveries.
        int nodes = cluster.nodes().size();
        assertThat(sentDuringOutage).as("sent while the breakers of %d nodes were open: probes only", nodes)
                .isLessThan(15 * nodes);
        assertThat(resumedAfter).as("the next probe closes the breaker").isLessThan(Duration.ofSeconds(45));
        awaitUntil("the outage to end", () -> !outageShown(app, "production"), () -> "outage row left");
        assertThat(cluster.campaignStatus(campaign)).isEqualTo("COMPLETED");
    }

    /**
     * What the mock received once notifications already on the wire when the outage row showed
     * have landed (the count holds still for half a second, well before the second probe).
     */
    private static int landed(List<String> tokens) {
        int before = cluster.received(tokens);
        for (int i = 0; i < 6; i++) {
            ChildNode.pause(Duration.ofMillis(500));
            int now = cluster.received(tokens);
            if (now == before) {
                return now;
            }
            before = now;
        }
        return before;
    }

    @Test
    void aTopicThatRefusesEveryTokenStopsTheRunEarlyMarksNoDeviceAndALaterRunReachesThemAll() {
        ChildNode node = cluster.anyNode();
        UUID app = cluster.newApp(node, 2_000);
        String topic = cluster.bundleId(app);
        cluster.apns.answerTopic(topic, () -> new RejectedNotificationException(
                RejectionReason.DEVICE_TOKEN_NOT_FOR_TOPIC));
        UUID wrong = cluster.sendNow(node, app, "Wrong topic");

        awaitUntil("the run to stop", () -> "FAILED".equals(cluster.runStatus(wrong)), () -> cluster.runStatus(wrong));
        cluster.awaitFinished(wrong);
        List<String> tokens = cluster.tokens(wrong);
        int refused = cluster.received(tokens);
        String reason = cluster.sql().sql("select stop_reason from dispatch_runs where id = :id").param("id", wrong)
                .query(String.class).single();
        awaitUntil("the run to be settled", () -> settled(wrong), () -> "not settled");
        System.out.printf("Misconfigured topic: the run stopped after %d of 2000 devices were refused; %d devices"
                + " marked invalid%n", refused, invalidDevices(app));
        assertThat(reason).startsWith("dispatch.stop.misconfigured|DeviceTokenNotForTopic|");
        assertThat(refused).as("refused before the run stopped").isLessThan(2_000);
        assertThat(cluster.statusCounts(wrong)).containsOnlyKeys("REJECTED", "CANCELLED");
        assertThat(invalidDevices(app)).as("devices marked invalid").isZero();
        assertThat(cluster.campaignStatus(wrong)).isEqualTo("FAILED");

        cluster.apns.clearTopic(topic);
        UUID right = cluster.sendNow(node, app, "Right topic");
        cluster.awaitFinished(right);
        assertThat(cluster.statusCounts(right)).containsExactly(Map.entry("ACCEPTED", 2_000L));
    }

    @Test
    void anEndpointThatNeverAnswersHoldsBackOnlyItsOwnApp() {
        ChildNode node = cluster.anyNode();
        UUID silent = cluster.newApp(node, 500, "sandbox");
        UUID healthy = cluster.newApp(node, 3_000);
        UUID stuck = cluster.sendNow(node, silent, "Unreachable", "sandbox", "");
        awaitUntil("a connection to the silent endpoint", () -> cluster.sandbox.accepted() > 0, () -> "none");

        UUID campaign = cluster.sendNow(node, healthy, "Next to an unreachable one");

        cluster.awaitFinished(campaign);
        assertThat(cluster.statusCounts(campaign)).containsExactly(Map.entry("ACCEPTED", 3_000L));
        awaitUntil("the outage to show", () -> outageShown(silent, "sandbox"), () -> "no outage row");
        assertThat(cluster.statusCounts(stuck).keySet()).as("waiting, not failed").isSubsetOf("PENDING", "IN_FLIGHT");
        assertThat(cluster.runStatus(stuck)).isEqualTo("SENDING");

        cluster.post(node, "/api/v1/campaigns/" + stuck + "/cancel", "");
        cluster.awaitFinished(stuck);
        assertThat(cluster.statusCounts(stuck)).containsExactly(Map.entry("CANCELLED", 500L));
    }

    @Test
    void answersSlowerThanTheLeaseAreWaitedForAndNothingIsSentTwice() {
        ChildNode node = cluster.anyNode();
        UUID app = cluster.newApp(node, 200);
        UUID warmUp = cluster.sendNow(node, app, "Connect first");
        cluster.awaitFinished(warmUp);

        Duration slow = ProcessCluster.LEASE.plusSeconds(4);
        cluster.production.delayAnswers(slow);
        try {
            UUID campaign = cluster.sendNow(node, app, "Slow answers");
            cluster.awaitFinished(campaign);
            assertThat(cluster.statusCounts(campaign)).containsExactly(Map.entry("ACCEPTED", 200L));
            List<String> apnsIds = cluster.sql().sql("select apns_id::text from deliveries where run_id = :run")
                    .param("run", campaign).query(String.class).list();
            assertThat(apnsIds).hasSize(200).allSatisfy(id -> assertThat(cluster.apns.countsByApnsId().get(id))
                    .as("notifications received with apns-id " + id).hasValue(1));
            assertThat(cluster.sql().sql("select max(attempts) from deliveries where run_id = :run")
                    .param("run", campaign).query(Integer.class).single()).as("attempts").isEqualTo(1);
        } finally {
            cluster.production.delayAnswers(Duration.ZERO);
        }
    }

    @Test
    void aSmallCampaignStartsWithinSecondsNextToAThrottledBigRunAndHundredsOfWaitingOnes() {
        ChildNode node = cluster.anyNode();
        UUID big = cluster.sendNow(node, cluster.newApp(node, 20_000), "Throttled", "production",
                "\"throttlePerMinute\": 600,");
        UUID local = cluster.newApp(node, 1);
        // Device-local time starts where the day begins first (UTC+14), so "tomorrow at 09:00" would be in
        // the past from 19:00 UTC on; the day after is ahead at any hour.
        String later = LocalDate.now(ZoneOffset.UTC).plusDays(2) + "T09:00";
        List<UUID> waiting = new ArrayList<>();
        for (int i = 0; i < 210; i++) {
            UUID campaign = cluster.createCampaign(node, local, "Local " + i, "production", "{\"at\":\"" + later
                    + "\",\"zone\":\"UTC\",\"deviceLocalTime\":true}", "");
            cluster.post(node, "/api/v1/campaigns/" + campaign + "/send", "");
            waiting.add(campaign);
        }
        assertThat(waiting).allSatisfy(run -> assertThat(cluster.runStatus(run)).isEqualTo("SENDING"));

        long sent = System.nanoTime();
        UUID small = cluster.sendNow(node, cluster.newApp(node, 20), "Small and urgent");
        cluster.awaitFinished(small);
        Duration took = Duration.ofNanos(System.nanoTime() - sent);

        System.out.printf("A 20-device campaign next to a throttled run and 210 waiting runs finished in %.1f s%n",
                took.toMillis() / 1000.0);
        assertThat(cluster.statusCounts(small)).containsExactly(Map.entry("ACCEPTED", 20L));
        assertThat(took).isLessThan(Duration.ofSeconds(30));
        assertThat(cluster.statusCounts(big)).as("the throttled run keeps sending").containsKey("PENDING");
        cluster.post(node, "/api/v1/campaigns/" + big + "/cancel", "");
        waiting.forEach(run -> cluster.post(node, "/api/v1/campaigns/" + run + "/cancel", ""));
    }

    @Test
    void aPriorityOneCampaignDueWithOthersFailsAloneAndTheOthersLaunch() {
        ChildNode node = cluster.anyNode();
        UUID app = cluster.newApp(node, 5);
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1) + "T12:00";
        List<UUID> due = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            due.add(cluster.createCampaign(node, app, "Due together " + i, "production", "{\"at\":\"" + tomorrow
                    + "\",\"zone\":\"UTC\",\"deviceLocalTime\":false}", ""));
        }
        UUID legacy = due.get(0);
        // Stored by an earlier version, which accepted priority 1.
        cluster.sql().sql("update campaigns set priority = 1 where id = :id").param("id", legacy).update();
        cluster.sql().sql("update campaigns set scheduled_at = now() + interval '1 second' where id in (:ids)")
                .param("ids", due).update();

        for (UUID other : due.subList(1, due.size())) {
            awaitUntil("campaign " + other + " to complete", () -> "COMPLETED".equals(cluster.campaignStatus(other)),
                    () -> cluster.campaignStatus(other));
        }
        awaitUntil("the legacy campaign to fail", () -> "FAILED".equals(cluster.campaignStatus(legacy)),
                () -> cluster.campaignStatus(legacy));
        assertThat(cluster.sql().sql("select status_reason from campaigns where id = :id").param("id", legacy)
                .query(String.class).single()).isEqualTo("campaign.priority.unsupported");
        assertThat(cluster.runStatus(legacy)).as("never launched").isEqualTo("missing");
    }

    private static boolean outageShown(UUID app, String environment) {
        return cluster.sql().sql("""
                        select exists (select 1 from app_environment_outages where app_id = :app and environment = :env
                                       and updated_at > now() - interval '2 minutes')""")
                .param("app", app).param("env", environment).query(Boolean.class).single();
    }

    private static boolean settled(UUID run) {
        return cluster.sql().sql("select devices_settled_at is not null from dispatch_runs where id = :id")
                .param("id", run).query(Boolean.class).single();
    }

    private static long invalidDevices(UUID app) {
        return cluster.sql().sql("select count(*) from devices where app_id = :app and status = 'INVALID'")
                .param("app", app).query(Long.class).single();
    }
}
