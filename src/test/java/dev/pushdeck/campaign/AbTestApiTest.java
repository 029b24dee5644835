package dev.pushdeck.campaign;

import static dev.pushdeck.campaign.Refusals.assertRefused;
import static dev.pushdeck.campaign.Refusals.fields;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushdeck.ApiClient;
import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.audit.AuditFilter;
import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.dispatch.DispatcherTest;
import dev.pushdeck.dispatch.LiveSending;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** A/B tests over the REST API: stated, read back, patched, removed, previewed and refused with their paths. */
@PushdeckTest
class AbTestApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestTeams teams;
    @Autowired
    ApplicationContext context;
    @Autowired
    DeviceService devices;
    @Autowired
    AuditLog audit;
    @LocalServerPort
    int port;

    ApiClient api;
    LiveSending live;
    TestTeams.Fixture team;
    PushApp app;
    String editor;

    @BeforeEach
    void setUp() throws Exception {
        api = new ApiClient(port);
        live = new LiveSending(context);
        team = teams.create("ab-api");
        app = live.app(team, "A/B API");
        editor = teams.token(team, Role.EDITOR);
    }

    @AfterEach
    void tearDown() {
        live.close();
    }

    @Test
    void aTestOfTwoVersionsInTwoLanguagesIsStoredWithItsDefaultsAndReadBack() {
        ApiClient.Answer created = create(bilingual(test(
                version("Last chance", variant("zh_CN", "最后机会"), variant("en", "Last chance!")),
                version("Only today", variant("en", "Only today!"), variant("zh-CN", "仅限今天"))), null), "en");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode abTest = created.json().get("abTest");
        assertThat(abTest.get("testPercent").asInt()).isEqualTo(20);
        assertThat(abTest.get("waitMinutes").asInt()).isEqualTo(120);
        assertThat(abTest.get("versions")).isEqualTo(versions(
                version("Last chance", variant("zh-CN", "最后机会"), variant("en", "Last chance!")),
                version("Only today", variant("en", "Only today!"), variant("zh-CN", "仅限今天"))));
        assertThat(api.get(campaign(created), editor).json().get("abTest")).isEqualTo(abTest);
        ApiClient.Answer copy = api.post(campaign(created) + "/duplicate", editor, "");
        assertThat(copy.status()).as(copy.body()).isEqualTo(201);
        assertThat(copy.json().get("abTest")).as("a copy keeps the test").isEqualTo(abTest);
    }

    @Test
    void aPatchMergesTheTestReplacesItsVersionsAndNullRemovesIt() {
        ApiClient.Answer created = create(bilingual(test(version("B", variant("zh-CN", "乙"), variant("en", "B"))),
                t -> t.put("testPercent", 10).put("waitMinutes", 30)), "en");
        String campaign = campaign(created);

        ApiClient.Answer share = api.patch(campaign, editor, "{\"abTest\": {\"testPercent\": 40}}");
        assertThat(share.status()).as(share.body()).isEqualTo(200);
        assertThat(share.json().get("abTest").get("testPercent").asInt()).isEqualTo(40);
        assertThat(share.json().get("abTest").get("waitMinutes").asInt()).as("kept").isEqualTo(30);
        assertThat(share.json().get("abTest").get("versions").size()).as("kept").isEqualTo(1);

        ObjectNode replaced = JSON.createObjectNode();
        replaced.putObject("abTest").set("versions", versions(version("C", variant("en", "C"), variant("zh-CN", "丙")),
                version("D", variant("en", "D"), variant("zh-CN", "丁"))));
        ApiClient.Answer twoVersions = api.patch(campaign, editor, replaced.toString());
        assertThat(twoVersions.status()).as(twoVersions.body()).isEqualTo(200);
        assertThat(twoVersions.json().get("abTest").get("versions").findParents("variants"))
                .extracting(version -> version.get("title").asText()).containsExactly("C", "D");
        assertThat(twoVersions.json().get("abTest").get("testPercent").asInt()).isEqualTo(40);

        ApiClient.Answer removed = api.patch(campaign, editor, "{\"abTest\": null}");
        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json().has("abTest")).isFalse();
        assertThat(api.get(campaign, editor).json().has("abTest")).isFalse();
    }

    @Test
    void aPatchThatBreaksTheTestIsRefusedAndLeavesItAsItWas() {
        ApiClient.Answer created = create(bilingual(test(version("B", variant("zh-CN", "乙"), variant("en", "B"))),
                null), "en");
        String campaign = campaign(created);

        ApiClient.Answer refused = api.patch(campaign, editor, "{\"variants\": [{\"locale\": \"ja\", \"title\": \"x\"}]}");

        assertRefused(refused, "abTest.versions[0].variants",
                "Word this version in the campaign's languages, no more and no fewer: ja.");
        assertThat(api.get(campaign, editor).json().get("variants").findValuesAsText("locale"))
                .containsExactly("zh-CN", "en");
        assertRefused(api.patch(campaign, editor, "{\"variants\": null}"), "abTest.versions[0].variants",
                "The campaign has no languages, so its versions have none either: remove this version's.");
    }

    @Test
    void valuesOfTheWrongTypeOrShapeAreRefusedOnTheirPaths() {
        assertRefused(create(body(b -> b.put("abTest", 20)), "en"), "abTest", "This field must be a JSON object.");
        assertRefused(create(body(b -> b.putObject("abTest").put("testPercent", "20")), "en"),
                "abTest.testPercent", "This field must be a JSON integer.");
        assertRefused(create(body(b -> b.putObject("abTest").put("waitMinutes", 1.5)), "en"),
                "abTest.waitMinutes", "This field must be a JSON integer.");
        assertRefused(create(body(b -> b.putObject("abTest").putObject("versions")), "en"),
                "abTest.versions", "This field must be a JSON array.");
        assertRefused(create(body(b -> b.putObject("abTest").putArray("versions").add("B")), "en"),
                "abTest.versions[0]", "This field must be a JSON object.");
        assertRefused(create(body(b -> b.putObject("abTest").putArray("versions").addObject().put("title", 2)), "en"),
                "abTest.versions[0].title", "This field must be a JSON string.");
        assertRefused(create(body(b -> b.putObject("abTest").putArray("versions").addObject().putArray("variants")
                .addObject().put("locale", "en").put("body", false)), "en"),
                "abTest.versions[0].variants[0].body", "This field must be a JSON string.");
        assertNothingStored();
    }

    @Test
    void theShareAndTheWaitAreRefusedOutsideTheirRangesInTheCallersLanguage() {
        assertRefused(create(single(t -> t.put("testPercent", 0)), "en"), "abTest.testPercent",
                "Test on 1 to 50 % of the audience.");
        assertRefused(create(single(t -> t.put("testPercent", 51)), "zh-CN"), "abTest.testPercent",
                "测试比例应为受众的 1% 到 50%。");
        assertRefused(create(single(t -> t.put("waitMinutes", 0)), "en"), "abTest.waitMinutes",
                "Wait between 1 minute and 10080 minutes.");
        assertRefused(create(single(t -> t.put("waitMinutes", 7 * 24 * 60 + 1)), "en"), "abTest.waitMinutes",
                "Wait between 1 minute and 10080 minutes.");
        assertThat(create(single(t -> t.put("testPercent", 50).put("waitMinutes", 7 * 24 * 60)), "en").status())
                .isEqualTo(201);
    }

    @Test
    void oneToThreeVersionsBesideTheCampaignsOwnAreTested() {
        String message = "Test one to 3 versions beside the campaign's own.";
        assertRefused(create(body(b -> b.putObject("abTest")), "en"), "abTest.versions", message);
        assertRefused(create(body(b -> b.set("abTest", test())), "en"), "abTest.versions", message);
        assertRefused(create(body(b -> b.set("abTest", test(version("B"), version("C"), version("D"),
                version("E")))), "en"), "abTest.versions", message);
        assertThat(create(body(b -> b.set("abTest", test(version("B"), version("C"), version("D")))), "en").status())
                .isEqualTo(201);
    }

    @Test
    void aVersionWithoutTextOrWithoutTheCampaignsLanguagesIsNamed() {
        ApiClient.Answer empty = create(body(b -> b.set("abTest", test(version("B"), JSON.createObjectNode()
                .put("title", " ")))), "en");
        ApiClient.Answer missing = create(bilingual(test(version("B", variant("en", "B"))), null), "en");
        ApiClient.Answer extra = create(bilingual(test(version("B", variant("en", "B"), variant("zh-CN", "乙"),
                variant("ja", "ビー"))), null), "zh-CN");
        ApiClient.Answer badTag = create(bilingual(test(version("B", variant("en", "B"), variant("zh-CN", "乙")),
                version("C", variant("en", "C"), variant("chinese!", "丙"))), null), "en");

        assertRefused(empty, "abTest.versions[1]", "Give this version a title, subtitle or body, or remove it.");
        assertRefused(missing, "abTest.versions[0].variants",
                "Word this version in the campaign's languages, no more and no fewer: zh-CN, en.");
        assertRefused(extra, "abTest.versions[0].variants", "此版本的语言必须与活动的语言完全一致：zh-CN, en。");
        assertRefused(badTag, "abTest.versions[1].variants[1].locale",
                "This is not a language tag. Write one such as zh-CN, zh-Hant-TW or en.");
        assertThat(fields(badTag)).doesNotContain("abTest.versions[0]", "abTest.versions[0].variants");
        assertNothingStored();
    }

    @Test
    void rawPayloadsBroadcastsAndDeviceLocalTimesCannotHaveATest() {
        JsonNode one = test(version("B"));
        ApiClient.Answer raw = create(body(b -> {
            b.remove("notification");
            b.put("rawPayload", "{\"aps\":{\"alert\":\"raw\"}}");
            b.set("abTest", one);
        }), "en");
        ApiClient.Answer broadcast = create(body(b -> {
            b.putObject("audience").put("type", "CHANNEL").put("channel", UUID.randomUUID().toString());
            b.set("abTest", one);
        }), "en");
        ApiClient.Answer localTime = create(body(b -> {
            b.putObject("schedule").put("at", "2099-01-01T09:00:00").put("zone", "UTC").put("deviceLocalTime", true);
            b.set("abTest", one);
        }), "en");

        String alertOnly = "Only a composed alert to devices can test versions of its wording.";
        assertRefused(raw, "abTest", alertOnly);
        assertRefused(broadcast, "abTest", alertOnly);
        assertRefused(localTime, "abTest", "An A/B test compares versions sent at the same time; a device-local "
                + "time spreads the sends over a day. Send now or at one time.");
        assertNothingStored();
    }

    @Test
    void theCheckShowsEachVersionsPayloadAndSizePerLanguage() {
        ApiClient.Answer check = api.post("/api/v1/apps/" + app.id() + "/campaigns/check", editor,
                bilingual(test(version("Last chance", variant("zh-CN", "最后机会"), variant("en", "Last chance!")),
                        version("Only today", variant("en", "Only today!"), variant("zh-CN", "é".repeat(2100)))),
                        null).toString());

        assertThat(check.status()).as(check.body()).isEqualTo(200);
        JsonNode versions = check.json().get("abTest").get("versions");
        assertThat(versions.findValuesAsText("version")).containsExactly("B", "C");
        JsonNode b = versions.get(0);
        assertThat(b.get("payload").asText()).contains("Last chance").contains("\"pd\"")
                .as("a version words the whole alert").doesNotContain("Hello");
        assertThat(b.get("payloadBytes").asInt()).isGreaterThanOrEqualTo(b.get("payload").asText().length());
        assertThat(b.get("payloadLimit").asInt()).isEqualTo(4096);
        assertThat(b.get("variants").findValuesAsText("locale")).containsExactly("zh-CN", "en");
        assertThat(b.get("variants").get(0).get("payload").asText()).contains("最后机会");
        assertThat(b.get("variants").get(0).has("audienceCount")).isFalse();
        JsonNode tooLarge = versions.get(1).get("variants").get(1);
        assertThat(tooLarge.get("payloadBytes").asInt()).isGreaterThan(tooLarge.get("payloadLimit").asInt());
        assertThat(check.json().get("valid").asBoolean()).isFalse();
        assertThat(fields(check)).containsExactly("abTest.versions[1].variants[1]");
    }

    @Test
    void theCheckHasNoTestPartWithoutATest() {
        ApiClient.Answer check = api.post("/api/v1/apps/" + app.id() + "/campaigns/check", editor,
                body(b -> { }).toString());

        assertThat(check.status()).as(check.body()).isEqualTo(200);
        assertThat(check.json().has("abTest")).isFalse();
    }

    @Test
    void aTestSendGoesToTheTestDevicesAtOnceWithVersionA() {
        Device tester = live.devices(team, app, 1).get(0);
        TestSecurity.as(team.as(Role.EDITOR), () -> devices.setTestDevice(tester.id(), true));
        ApiClient.Answer created = create(single(t -> { }).put("environment", "production"), "en");

        ApiClient.Answer sent = api.post(campaign(created) + "/test", editor, "");

        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        assertThat(sent.json().get("targeted").asLong()).isEqualTo(1);
        UUID test = UUID.fromString(sent.json().get("campaignId").asText());
        live.awaitProgress(team, test, progress -> progress.status().isFinal());
        JsonNode read = api.get("/api/v1/campaigns/" + test, editor).json();
        assertThat(read.has("abTest")).isFalse();
        assertThat(read.get("counts").get("accepted").asLong()).as("all of it, none held").isEqualTo(1);
        assertThat(read.get("payload").asText()).contains("\"title\":\"Hello\"");
    }

    @Test
    void aTestSendOfVersionBGivesEachTestDeviceBsWordingInItsBestMatchingLanguage() throws Exception {
        Device chinese = testDevice("zh_CN");
        Device english = testDevice("en-GB");
        Device french = testDevice("fr-FR");
        ObjectNode body = bilingual(test(version("Last chance", variant("zh-CN", "最后机会"),
                variant("en", "Last chance!")), version("Only today", variant("zh-CN", "仅限今天"),
                variant("en", "Only today!"))), null).put("environment", "production");
        String campaign = campaign(create(body, "en"));

        ApiClient.Answer sent = api.post(campaign + "/test", editor, "{\"version\": \"b\"}");

        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        assertThat(sent.json().get("targeted").asLong()).isEqualTo(3);
        assertThat(sent.json().get("name").asText()).isEqualTo("Test B · Weekend sale");
        UUID test = UUID.fromString(sent.json().get("campaignId").asText());
        live.awaitProgress(team, test, progress -> progress.status().isFinal());
        assertThat(receivedTitle(chinese)).isEqualTo("最后机会");
        assertThat(receivedTitle(english)).isEqualTo("Last chance!");
        assertThat(receivedTitle(french)).as("no language of its own: B's default").isEqualTo("Last chance");
        JsonNode read = api.get("/api/v1/campaigns/" + test, editor).json();
        assertThat(read.has("abTest")).as("the test devices all get B").isFalse();
        assertThat(read.get("counts").get("accepted").asLong()).isEqualTo(3);
        assertThat(TestSecurity.as(team.as(Role.ADMIN), () -> audit.search(new AuditFilter("campaign.test-sent", null,
                null, null), 0, 10))).singleElement().satisfies(entry -> {
                    assertThat(entry.target()).isEqualTo("Test B · Weekend sale");
                    assertThat(entry.details()).endsWith("3 device(s), version B");
                });
    }

    @Test
    void aTestSendOfAVersionTheCampaignLacksIsRefusedOnVersionAndSendsNothing() {
        testDevice(null);
        String tested = campaign(create(single(t -> { }).put("environment", "production"), "en"));
        String untested = campaign(create(body(b -> b.put("environment", "production")), "en"));

        assertRefused(api.post(tested + "/test", editor, "{\"version\": \"C\"}"), "version",
                "This campaign has versions A to B: send one of them.");
        assertRefused(api.post(untested + "/test", editor, "{\"version\": \"B\"}"), "version",
                "This campaign has no A/B test, so a test sends its own content (version A).");
        assertRefused(api.send(api.request(untested + "/test", editor).header("Content-Type", "application/json")
                .header("Accept-Language", "zh-CN").POST(HttpRequest.BodyPublishers.ofString("{\"version\": \"D\"}"))),
                "version", "此推送活动没有 A/B 测试，测试发送的是它自己的内容（版本 A）。");
        assertRefused(api.post(tested + "/test", editor, "{\"version\": \"E\"}"), "version",
                "Choose one of A, B, C, D.");
        assertRefused(api.post(tested + "/test", editor, "{\"version\": 1}"), "version",
                "This field must be a JSON string.");
        assertThat(api.get("/api/v1/apps/" + app.id() + "/campaigns?kind=TEST", editor).json().get("total").asLong())
                .as("nothing sent").isZero();
    }

    @Test
    void aTransactionalSendCannotHaveATest() {
        ObjectNode body = single(t -> { }).put("environment", "production");
        body.putObject("audience").put("type", "TOKENS").putArray("tokens").add(DispatcherTest.token());

        assertRefused(api.post("/api/v1/apps/" + app.id() + "/notifications", editor, body.toString()), "abTest",
                "A transactional send goes to everyone at once; create a campaign to test versions of its wording.");
    }

    @Test
    void anotherTeamCannotReadPatchOrCheckThisTeamsTest() {
        ApiClient.Answer created = create(single(t -> { }), "en");
        String stranger = teams.token(teams.create("ab-stranger"), Role.ADMIN);

        assertThat(api.get(campaign(created), stranger).status()).isEqualTo(404);
        assertThat(api.patch(campaign(created), stranger, "{\"abTest\": null}").status()).isEqualTo(404);
        assertThat(api.post("/api/v1/apps/" + app.id() + "/campaigns/check", stranger,
                single(t -> { }).toString()).status()).isEqualTo(404);
        assertThat(api.get(campaign(created), editor).json().has("abTest")).as("untouched").isTrue();
    }

    /** An ACTIVE production device of the app, marked as a test device, whose app reports {@code locale}. */
    private Device testDevice(String locale) {
        return TestSecurity.as(team.as(Role.EDITOR), () -> devices.setTestDevice(devices.add(app.id(), "production",
                DispatcherTest.token(), new DeviceFields(List.of(), null, locale, null)).id(), true));
    }

    private String receivedTitle(Device device) throws Exception {
        assertThat(live.received(device.token())).isEqualTo(1);
        return JSON.readTree(live.lastPayload(device.token())).at("/aps/alert/title").asText();
    }

    private void assertNothingStored() {
        assertThat(api.get("/api/v1/apps/" + app.id() + "/campaigns", editor).json().get("total").asLong()).isZero();
    }

    private static String campaign(ApiClient.Answer created) {
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return "/api/v1/campaigns/" + created.json().get("id").asText();
    }

    private ApiClient.Answer create(ObjectNode body, String language) {
        return api.send(api.request("/api/v1/apps/" + app.id() + "/campaigns", editor)
                .header("Content-Type", "application/json").header("Accept-Language", language)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** A campaign without languages whose test has one version, B, changed by {@code change}. */
    private static ObjectNode single(Consumer<ObjectNode> change) {
        ObjectNode test = test(version("B"));
        change.accept(test);
        return body(b -> b.set("abTest", test));
    }

    /** A campaign in Chinese and English with {@code test}, changed by {@code change} when given. */
    private static ObjectNode bilingual(ObjectNode test, Consumer<ObjectNode> change) {
        if (change != null) {
            change.accept(test);
        }
        return body(b -> {
            b.putArray("variants").add(variant("zh-CN", "你好")).add(variant("en", "Hello!"));
            b.set("abTest", test);
        });
    }

    private static ObjectNode test(JsonNode... versions) {
        ObjectNode test = JSON.createObjectNode();
        test.set("versions", versions(versions));
        return test;
    }

    private static ArrayNode versions(JsonNode... versions) {
        ArrayNode array = JSON.createArrayNode();
        for (JsonNode version : versions) {
            array.add(version);
        }
        return array;
    }

    private static ObjectNode version(String title, JsonNode... variants) {
        ObjectNode version = JSON.createObjectNode().put("title", title);
        ArrayNode array = version.putArray("variants");
        for (JsonNode variant : variants) {
            array.add(variant);
        }
        return version;
    }

    private static ObjectNode variant(String locale, String title) {
        return JSON.createObjectNode().put("locale", locale).put("title", title);
    }

    private static ObjectNode body(Consumer<ObjectNode> change) {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", "Weekend sale");
        body.put("environment", "sandbox");
        body.putObject("notification").put("title", "Hello").put("body", "Welcome");
        change.accept(body);
        return body;
    }
}
