package dev.pushdeck.dispatch;

import static java.time.temporal.ChronoUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.AudienceSpec;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.ContentVariant;
import dev.pushdeck.campaign.QuietHours;
import dev.pushdeck.campaign.QuietHours.Action;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.history.DeliveryEntry;
import dev.pushdeck.history.DeliveryFilter;
import dev.pushdeck.history.VariantOutcome;
import dev.pushdeck.history.internal.DeliveryLog;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import dev.pushdeck.shared.error.NotFoundException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Content per language against the real dispatcher and a mock APNs: each device receives the
 * payload of its locale's best match, with the tracking key and its own delivery id.
 */
@PushdeckTest
class ContentVariantsDispatchTest {

    private static final List<ContentVariant> VARIANTS = List.of(
            new ContentVariant("zh-CN", "你好", null, "来自测试"),
            new ContentVariant("zh", "您好", null, "來自測試"),
            new ContentVariant("en", "Hi", null, "from the English test"));

    @Autowired
    ApplicationContext context;
    @Autowired
    TestTeams teams;
    @Autowired
    DeviceService devices;
    @Autowired
    DeliveryLog deliveryLog;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AppService apps;

    final ObjectMapper json = new ObjectMapper();
    LiveSending live;
    TestTeams.Fixture team;
    PushApp app;

    @BeforeEach
    void setUp() throws Exception {
        live = new LiveSending(context);
        team = teams.create("variants");
        app = live.app(team, "Variants");
    }

    @AfterEach
    void tearDown() {
        live.close();
    }

    @Test
    void eachDeviceReceivesTheVariantOfItsLocaleWithItsOwnDeliveryId() throws Exception {
        Map<String, Device> byLocale = Map.of("zh_CN", device("zh_CN", null), "zh-Hant-TW", device("zh-Hant-TW", null),
                "en-US", device("en-US", null), "de-DE", device("de-DE", null));
        Device unknown = device(null, null);

        Campaign campaign = live.send(team, app, LiveSending.draft("Languages").withVariants(VARIANTS));

        live.awaitProgress(team, campaign.id(), p -> p.status() == RunStatus.COMPLETED);
        assertThat(title(byLocale.get("zh_CN"))).isEqualTo("你好");
        assertThat(title(byLocale.get("zh-Hant-TW"))).as("no zh-TW variant: the language's").isEqualTo("您好");
        assertThat(title(byLocale.get("en-US"))).isEqualTo("Hi");
        assertThat(title(byLocale.get("de-DE"))).as("no German variant: the default").isEqualTo("Hello");
        assertThat(title(unknown)).as("no locale: the default").isEqualTo("Hello");
        Map<UUID, Long> deliveryIds = deliveryLog.ofRun(team.teamId(), campaign.id(), DeliveryFilter.none(), 0, 100)
                .stream().collect(Collectors.toMap(DeliveryEntry::deviceId, DeliveryEntry::id));
        for (Device device : List.of(byLocale.get("zh_CN"), byLocale.get("en-US"), unknown)) {
            JsonNode key = payload(device).get("pd");
            assertThat(key.get("c").asText()).isEqualTo(campaign.id().toString());
            assertThat(key.get("d").asText()).isEqualTo(String.valueOf(deliveryIds.get(device.id())));
        }
        assertThat(payload(byLocale.get("zh_CN")).at("/aps/sound").asText()).as("everything else is shared")
                .isEqualTo("default");
        assertThat(loggedVariants(campaign.id())).isEqualTo(Map.of(
                byLocale.get("zh_CN").id(), 1, byLocale.get("zh-Hant-TW").id(), 2, byLocale.get("en-US").id(), 3,
                byLocale.get("de-DE").id(), 0, unknown.id(), 0));
    }

    @Test
    void theReportCountsAcceptedAndOpenedPerLanguage() {
        Device chinese = device("zh-CN", null);
        Device secondChinese = device("zh-CN", null);
        device("en", null);
        device("fr", null);
        Campaign campaign = live.send(team, app, LiveSending.draft("Languages, opened").withVariants(VARIANTS));
        live.awaitProgress(team, campaign.id(), p -> p.status() == RunStatus.COMPLETED);
        List<DeliveryEntry> rows = deliveryLog.ofRun(team.teamId(), campaign.id(), DeliveryFilter.none(), 0, 100);

        live.report(team, app, "opened", rows.stream()
                .filter(row -> row.deviceId().equals(chinese.id()) || row.deviceId().equals(secondChinese.id()))
                .toList());

        assertThat(deliveryLog.byVariant(team.teamId(), campaign.id())).containsExactly(
                new VariantOutcome(0, null, 1, 1, 0, 0), new VariantOutcome(1, "zh-CN", 2, 2, 0, 2),
                new VariantOutcome(2, "zh", 0, 0, 0, 0), new VariantOutcome(3, "en", 1, 1, 0, 0));
        UUID otherTeam = teams.create("variants-other").teamId();
        assertThatThrownBy(() -> deliveryLog.byVariant(otherTeam, campaign.id()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aSkippedDeliveryIsLoggedWithTheVariantItWouldHaveSent() throws Exception {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        LocalTime now = LocalTime.now(tokyo).truncatedTo(MINUTES);
        Device quiet = device("zh-CN", tokyo.getId());
        Device awake = device("en-GB", "America/New_York");

        Campaign campaign = live.send(team, app, LiveSending.draft("Languages, quietly").withVariants(VARIANTS)
                .withQuietHours(new QuietHours(now.minusHours(2), now.plusHours(2), Action.SKIP)));

        live.awaitProgress(team, campaign.id(), p -> p.status() == RunStatus.COMPLETED);
        assertThat(live.received(quiet.token())).isZero();
        assertThat(title(awake)).isEqualTo("Hi");
        assertThat(loggedVariants(campaign.id())).isEqualTo(Map.of(quiet.id(), 1, awake.id(), 3));
    }

    @Test
    void aCappedCampaignSendsEachDeviceItsVariantAndLogsTheCappedOnesWithTheirs() throws Exception {
        Device capped = device("zh-CN", null);
        TestSecurity.as(team.as(Role.ADMIN), () -> apps.setFrequencyCap(app.id(), 1, null));
        Campaign first = live.send(team, app, LiveSending.draft("Only to the first").withVariants(VARIANTS)
                .withAudience(AudienceSpec.tokens(List.of(capped.token()))));
        live.awaitProgress(team, first.id(), p -> p.status() == RunStatus.COMPLETED);
        Device fresh = device("en-US", null);

        Campaign second = live.send(team, app, LiveSending.draft("Capped, in languages").withVariants(VARIANTS));

        RunProgress done = live.awaitProgress(team, second.id(), p -> p.status() == RunStatus.COMPLETED);
        assertThat(done.count(DeliveryStatus.SKIPPED)).isEqualTo(1);
        assertThat(live.received(capped.token())).as("only the first campaign").isEqualTo(1);
        assertThat(title(fresh)).isEqualTo("Hi");
        assertThat(loggedVariants(second.id())).isEqualTo(Map.of(capped.id(), 1, fresh.id(), 3));
    }

    @Test
    void aCampaignWithoutVariantsSendsItsOneContentToEveryLocale() throws Exception {
        Device chinese = device("zh-CN", null);

        Campaign campaign = live.send(team, app, LiveSending.draft("One language"));

        live.awaitProgress(team, campaign.id(), p -> p.status() == RunStatus.COMPLETED);
        assertThat(title(chinese)).isEqualTo("Hello");
        assertThat(loggedVariants(campaign.id())).isEqualTo(Map.of(chinese.id(), 0));
    }

    private Device device(String locale, String zone) {
        return TestSecurity.as(team.as(Role.EDITOR), () -> devices.add(app.id(), "production",
                DispatcherTest.token(), new DeviceFields(List.of(), null, locale, zone)));
    }

    private JsonNode payload(Device device) throws Exception {
        assertThat(live.received(device.token())).isEqualTo(1);
        return json.readTree(live.lastPayload(device.token()));
    }

    private String title(Device device) throws Exception {
        return payload(device).at("/aps/alert/title").asText();
    }

    private Map<UUID, Integer> loggedVariants(UUID runId) {
        return jdbc.sql("select device_id, variant from deliveries where run_id = :run").param("run", runId)
                .query((rs, row) -> Map.entry(rs.getObject(1, UUID.class), rs.getInt(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
