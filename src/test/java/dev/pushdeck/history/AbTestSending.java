package dev.pushdeck.history;

import dev.pushdeck.TestTeams;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.AbTest;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.ContentVariant;
import dev.pushdeck.campaign.ContentVersion;
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.dispatch.DeliveryStatus;
import dev.pushdeck.dispatch.DispatcherTest;
import dev.pushdeck.dispatch.LiveSending;
import dev.pushdeck.history.internal.DeliveryLog;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A real A/B test for the report's tests: versions A and B sent by the dispatcher to a mock APNs,
 * the tested share accepted and the rest held, and opens reported by the app for chosen versions.
 */
public final class AbTestSending implements AutoCloseable {

    public final LiveSending live;
    private final DeliveryLog log;
    private final JdbcClient jdbc;
    private final DeviceService devices;

    public AbTestSending(ApplicationContext context) throws Exception {
        live = new LiveSending(context);
        log = context.getBean(DeliveryLog.class);
        jdbc = context.getBean(JdbcClient.class);
        devices = context.getBean(DeviceService.class);
    }

    /** Adds {@code french} devices with the locale fr-FR and {@code others} without one; answers the French tokens. */
    public Set<String> frenchAndOthers(TestTeams.Fixture team, PushApp app, int french, int others) {
        live.devices(team, app, others);
        return TestSecurity.as(team.as(Role.EDITOR), () -> {
            Set<String> tokens = new HashSet<>();
            for (int i = 0; i < french; i++) {
                tokens.add(devices.add(app.id(), "production", DispatcherTest.token(),
                        new DeviceFields(List.of(), null, "fr-FR", null)).token());
            }
            return tokens;
        });
    }

    /**
     * A campaign testing versions A and B on {@code percent} % of its audience, each worded in French beside its
     * default: A's titles are "Hello" and "Salut", B's "Hello from B" and "Bonjour".
     */
    public static CampaignDraft inTwoLanguages(String name, int percent) {
        return draft(name, percent, List.of(new ContentVariant("fr", "Bonjour", null, "de B")))
                .withVariants(List.of(new ContentVariant("fr", "Salut", null, "de A")));
    }

    /** Sends an A/B test of {@code percent} % of {@code audience} new devices and waits until the tested share is accepted. */
    public Campaign send(TestTeams.Fixture team, PushApp app, String name, int audience, int percent) {
        live.devices(team, app, audience);
        return send(team, app, draft(name, percent, List.of()), (long) audience * percent / 100);
    }

    /** Sends {@code draft} to the app's devices and waits until its {@code tested} deliveries are accepted. */
    public Campaign send(TestTeams.Fixture team, PushApp app, CampaignDraft draft, long tested) {
        Campaign campaign = live.send(team, app, draft);
        live.awaitProgress(team, campaign.id(), p -> p.count(DeliveryStatus.ACCEPTED) == tested);
        return campaign;
    }

    /** A campaign testing versions A and B on {@code percent} % of its audience; B worded per language as given. */
    public static CampaignDraft draft(String name, int percent, List<ContentVariant> versionB) {
        return LiveSending.draft(name).withAbTest(new AbTest(percent, 120,
                List.of(new ContentVersion("Hello from B", null, "the other wording", versionB))));
    }

    /** The app reports {@code count} of version {@code version}'s tested deliveries opened (0 for A). */
    public void open(TestTeams.Fixture team, PushApp app, UUID campaignId, int version, int count) {
        Map<Long, Integer> variants = jdbc.sql("select id, variant from deliveries where run_id = :run")
                .param("run", campaignId).query((rs, row) -> Map.entry(rs.getLong(1), rs.getInt(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<DeliveryEntry> ofVersion = TestSecurity.as(team.as(Role.VIEWER), () -> log.ofRun(team.teamId(),
                campaignId, DeliveryFilter.none(), 0, 1000)).stream()
                .filter(row -> row.status() == DeliveryStatus.ACCEPTED && variants.get(row.id()) == version)
                .limit(count).toList();
        if (ofVersion.size() < count) {
            throw new IllegalStateException("version " + version + " has only " + ofVersion.size() + " accepted");
        }
        live.report(team, app, "opened", ofVersion);
    }

    @Override
    public void close() {
        live.close();
    }
}
