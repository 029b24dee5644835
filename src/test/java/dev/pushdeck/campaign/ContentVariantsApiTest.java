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
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.dispatch.DispatcherTest;
import dev.pushdeck.dispatch.LiveSending;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** Content per language over the REST API: stated, read back, patched, previewed, refused with reasons. */
@PushdeckTest
class ContentVariantsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestTeams teams;
    @Autowired
    ApplicationContext context;
    @Autowired
    DeviceService devices;
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
        team = teams.create("variants-api");
        app = live.app(team, "Variants API");
        editor = teams.token(team, Role.EDITOR);
    }

    @AfterEach
    void tearDown() {
        live.close();
    }

    @Test
    void variantsAreStoredReadBackReplacedByAPatchAndRemovedWithNull() {
        ApiClient.Answer created = create(body(b -> b.set("variants", variants(
                variant("zh_CN", "你好", "欢迎"), variant("en", "Hi", null)))), "en");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("variants")).isEqualTo(variants(
                variant("zh-CN", "你好", "欢迎"), variant("en", "Hi", null)));
        String campaign = "/api/v1/campaigns/" + created.json().get("id").asText();
        assertThat(api.get(campaign, editor).json().get("variants").size()).isEqualTo(2);

        ApiClient.Answer patched = api.patch(campaign, editor,
                "{\"variants\": [{\"locale\": \"ja\", \"title\": \"こんにちは\"}]}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().get("variants")).isEqualTo(variants(variant("ja", "こんにちは", null)));

        ApiClient.Answer removed = api.patch(campaign, editor, "{\"variants\": null}");
        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json().get("variants")).isEmpty();
    }

    @Test
    void eachBadVariantIsRefusedOnItsOwnPathInTheCallersLanguageAndNothingIsStored() {
        ObjectNode body = body(b -> b.set("variants", variants(variant("zh-CN", "你好", null),
                variant("zh_cn", "您好", null), variant("chinese!", "x", null), variant("en", null, null),
                variant("x-".repeat(20) + "en", "long", null), variant(null, "no tag", null))));

        ApiClient.Answer english = create(body, "en");
        ApiClient.Answer chinese = create(body, "zh-CN");

        assertRefused(english, "variants[1].locale", "There is already content for zh-cn.");
        assertRefused(english, "variants[2].locale",
                "This is not a language tag. Write one such as zh-CN, zh-Hant-TW or en.");
        assertRefused(english, "variants[3]", "Give this language a title, subtitle or body, or remove it.");
        assertRefused(english, "variants[4].locale", "At most 35 characters.");
        assertRefused(english, "variants[5].locale", "Give a language tag such as zh-CN or en.");
        assertRefused(chinese, "variants[1].locale", "zh-cn 已有内容。");
        assertThat(api.get("/api/v1/apps/" + app.id() + "/campaigns", editor).json().get("total").asLong()).isZero();
    }

    @Test
    void aVariantWhosePayloadIsTooLargeIsNamedWhileTheDefaultFits() {
        ApiClient.Answer refused = create(body(b -> b.set("variants", variants(variant("de", "Hallo", null),
                variant("fr", "Bonjour", "é".repeat(2100))))), "en");

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(fields(refused)).containsExactly("variants[1]");
    }

    @Test
    void rawPayloadsLiveActivitiesAndOtherPushTypesRefuseVariants() {
        JsonNode one = variants(variant("en", "Hi", null));
        ApiClient.Answer raw = create(body(b -> {
            b.remove("notification");
            b.put("rawPayload", "{\"aps\":{\"alert\":\"raw\"}}");
            b.set("variants", one);
        }), "en");
        ApiClient.Answer background = create(body(b -> b.put("pushType", "background").set("variants", one)), "en");
        ApiClient.Answer activity = create(body(b -> {
            b.remove("notification");
            b.put("pushType", "liveactivity");
            b.putObject("liveActivity").put("event", "update").put("attributesType", "Delivery")
                    .putObject("contentState").put("status", "late");
            b.set("variants", one);
        }), "en");

        assertRefused(raw, "variants", "A raw payload is sent as written, so it cannot have content per language. "
                + "Compose the alert to word it per language.");
        assertRefused(background, "variants", "Only alert notifications have content per language.");
        assertRefused(activity, "variants", "Only alert notifications have content per language.");
    }

    @Test
    void theCheckShowsEachVariantsPayloadAndHowManyOfTheAudienceGetIt() {
        for (String locale : new String[] {"zh_CN", "zh-Hant-TW", "zh-CN", "en-US", "de-DE"}) {
            TestSecurity.as(team.as(Role.EDITOR), () -> devices.add(app.id(), "sandbox", DispatcherTest.token(),
                    new DeviceFields(List.of(), null, locale, null)));
        }

        ApiClient.Answer check = api.post("/api/v1/apps/" + app.id() + "/campaigns/check", editor,
                body(b -> b.set("variants", variants(variant("zh-CN", "你好", null), variant("zh", "您好", null))))
                        .toString());

        assertThat(check.status()).as(check.body()).isEqualTo(200);
        JsonNode json = check.json();
        assertThat(json.get("valid").asBoolean()).isTrue();
        assertThat(json.get("audienceCount").asLong()).isEqualTo(5);
        assertThat(json.get("defaultAudienceCount").asLong()).as("en-US and de-DE").isEqualTo(2);
        assertThat(json.get("variants").get(0).get("audienceCount").asLong()).as("zh_CN and zh-CN").isEqualTo(2);
        assertThat(json.get("variants").get(1).get("audienceCount").asLong()).as("zh-Hant-TW").isEqualTo(1);
        assertThat(json.get("variants").get(0).get("payload").asText()).contains("你好").contains("\"pd\"");
        assertThat(json.get("variants").get(1).get("payloadBytes").asInt())
                .isGreaterThan(json.get("variants").get(1).get("payload").asText().length());
    }

    @Test
    void theReportCountsEachLanguageOnceItIsSent() {
        for (String locale : new String[] {"zh_CN", "fr"}) {
            TestSecurity.as(team.as(Role.EDITOR), () -> devices.add(app.id(), "production", DispatcherTest.token(),
                    new DeviceFields(List.of(), null, locale, null)));
        }
        ApiClient.Answer created = create(body(b -> b.put("environment", "production")
                .set("variants", variants(variant("zh-CN", "你好", null)))), "en");
        String campaign = "/api/v1/campaigns/" + created.json().get("id").asText();
        assertThat(api.get(campaign, editor).json().has("byLanguage")).as("not launched").isFalse();

        assertThat(api.post(campaign + "/send", editor, "").status()).isEqualTo(202);
        live.awaitProgress(team, java.util.UUID.fromString(created.json().get("id").asText()),
                p -> p.status().isFinal());

        JsonNode byLanguage = api.get(campaign, editor).json().get("byLanguage");
        assertThat(byLanguage.size()).isEqualTo(2);
        assertThat(byLanguage.get(0).has("locale")).as("the default").isFalse();
        assertThat(byLanguage.get(0).get("accepted").asLong()).isEqualTo(1);
        assertThat(byLanguage.get(1).get("locale").asText()).isEqualTo("zh-CN");
        assertThat(byLanguage.get(1).get("accepted").asLong()).isEqualTo(1);
        assertThat(byLanguage.get(1).get("openedRate").asDouble()).isZero();
    }

    @Test
    void anotherTeamCannotCheckOrReadTheVariantsOfThisTeamsApp() {
        ApiClient.Answer created = create(body(b -> b.set("variants", variants(variant("en", "Hi", null)))), "en");
        String stranger = teams.token(teams.create("variants-stranger"), Role.ADMIN);

        assertThat(api.get("/api/v1/campaigns/" + created.json().get("id").asText(), stranger).status())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/apps/" + app.id() + "/campaigns/check", stranger,
                body(b -> b.set("variants", variants(variant("en", "Hi", null)))).toString()).status())
                .isEqualTo(404);
    }

    private ApiClient.Answer create(ObjectNode body, String language) {
        return api.send(api.request("/api/v1/apps/" + app.id() + "/campaigns", editor)
                .header("Content-Type", "application/json").header("Accept-Language", language)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private static ArrayNode variants(JsonNode... variants) {
        ArrayNode array = JSON.createArrayNode();
        for (JsonNode variant : variants) {
            array.add(variant);
        }
        return array;
    }

    private static ObjectNode variant(String locale, String title, String body) {
        ObjectNode variant = JSON.createObjectNode();
        if (locale != null) {
            variant.put("locale", locale);
        }
        if (title != null) {
            variant.put("title", title);
        }
        if (body != null) {
            variant.put("body", body);
        }
        return variant;
    }

    private static ObjectNode body(Consumer<ObjectNode> change) {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", "Hello everyone");
        body.put("environment", "sandbox");
        body.putObject("notification").put("title", "Hello").put("body", "Welcome");
        change.accept(body);
        return body;
    }
}
