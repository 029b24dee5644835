package dev.pushdeck.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushdeck.ApiClient;
import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.security.Role;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@PushdeckTest
class CampaignsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The payload of an alert with only a body, less the body's bytes. */
    private static final int BODY_OVERHEAD = "{\"aps\":{\"alert\":{\"body\":\"\"}}}".length();

    @Autowired
    TestTeams teams;
    @Autowired
    CampaignFixtures fixtures;
    @LocalServerPort
    int port;

    ApiClient api;
    TestTeams.Fixture team;
    PushApp app;
    String editor;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        team = teams.create("campaigns-api");
        app = fixtures.app(team, "Campaign App");
        editor = teams.token(team, Role.EDITOR);
    }

    private String campaigns() {
        return "/api/v1/apps/" + app.id() + "/campaigns";
    }

    private static ObjectNode body(Consumer<ObjectNode> change) {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", "Dinner is ready");
        body.put("environment", "sandbox");
        ObjectNode notification = body.putObject("notification");
        notification.put("title", "Dinner");
        notification.put("body", "It is on the table");
        change.accept(body);
        return body;
    }

    private static ObjectNode notification(ObjectNode body) {
        return (ObjectNode) body.get("notification");
    }

    private static ObjectNode schedule(LocalDateTime at, String zone) {
        ObjectNode schedule = JSON.createObjectNode();
        schedule.put("at", at.toString());
        schedule.put("zone", zone);
        schedule.put("deviceLocalTime", false);
        return schedule;
    }

    private static LocalDateTime tomorrowUtc() {
        return LocalDateTime.now(ZoneOffset.UTC).plusDays(1).truncatedTo(ChronoUnit.MINUTES);
    }

    private ApiClient.Answer create(ObjectNode body) {
        return api.post(campaigns(), editor, body.toString());
    }

    private long total() {
        ApiClient.Answer list = api.get(campaigns(), editor);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        return list.json().get("total").asLong();
    }

    /** Posts {@code body} (JSON text) and expects 422 naming {@code field}, with nothing stored. */
    private void assertRefused(String body, String field) {
        long before = total();
        ApiClient.Answer answer = api.post(campaigns(), editor, body);
        assertThat(answer.status()).as(body.length() > 300 ? field : body).isEqualTo(422);
        assertThat(answer.json().get("errors")).extracting(e -> e.get("field").asText()).as(answer.body())
                .contains(field);
        assertThat(total()).isEqualTo(before);
    }

    @Test
    void anEditorCreatesADraftAndReadsBackTheExactPayloadWithoutInventedCounts() {
        ApiClient.Answer created = create(body(b -> notification(b).put("badge", 2)));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode json = created.json();
        String payload = "{\"aps\":{\"alert\":{\"title\":\"Dinner\",\"body\":\"It is on the table\"},\"badge\":2},"
                + "\"pd\":{\"c\":\"" + TrackingKey.NOT_LAUNCHED + "\"}}";
        assertThat(json.get("status").asText()).isEqualTo("DRAFT");
        assertThat(json.get("payload").asText()).isEqualTo(payload);
        assertThat(json.get("trackOpens").asBoolean()).isTrue();
        assertThat(json.get("payloadBytes").asInt()).as("with room for each delivery's id")
                .isEqualTo(payload.length() + TrackingKey.DELIVERY_BYTES);
        assertThat(json.get("name").asText()).isEqualTo("Dinner is ready");

        ApiClient.Answer read = api.get("/api/v1/campaigns/" + json.get("id").asText(), teams.token(team, Role.VIEWER));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("payload").asText()).isEqualTo(payload);
        assertThat(read.json().has("counts")).isFalse();
    }

    @Test
    void aScheduledCampaignReachingDevicesCanBeCancelledOnce() {
        fixtures.device(team, app.id(), "sandbox", "vip");
        ApiClient.Answer created = create(body(b -> b.set("schedule", schedule(tomorrowUtc(), "Asia/Shanghai"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(Instant.parse(created.json().get("scheduledAt").asText()))
                .isEqualTo(tomorrowUtc().toInstant(ZoneOffset.ofHours(8)));

        String id = created.json().get("id").asText();
        ApiClient.Answer cancelled = api.post("/api/v1/campaigns/" + id + "/cancel", editor, "");
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(api.post("/api/v1/campaigns/" + id + "/cancel", editor, "").status()).isEqualTo(409);
        ApiClient.Answer cancelledList = api.get(campaigns() + "?status=CANCELLED", editor);
        assertThat(cancelledList.json().get("items")).extracting(n -> n.get("id").asText()).containsExactly(id);
    }

    @Test
    void aDraftIsScheduledThroughTheScheduleEndpoint() {
        fixtures.device(team, app.id(), "sandbox");
        String id = create(body(b -> { })).json().get("id").asText();

        ApiClient.Answer scheduled = api.post("/api/v1/campaigns/" + id + "/schedule", editor,
                schedule(tomorrowUtc(), "UTC").toString());

        assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(200);
        assertThat(scheduled.json().get("status").asText()).isEqualTo("SCHEDULED");
        ApiClient.Answer badZone = api.post("/api/v1/campaigns/" + id + "/schedule", editor,
                "{\"at\":\"2030-01-01T10:00\",\"zone\":\"Atlantis/Capital\"}");
        assertThat(badZone.status()).isEqualTo(422);
        assertThat(badZone.json().get("errors").get(0).get("field").asText()).isEqualTo("schedule.zone");
    }

    @Test
    void anEmptyAudienceMayBeADraftButCannotBeScheduled() {
        assertRefused(body(b -> b.set("schedule", schedule(tomorrowUtc(), "UTC"))).toString(), "audience");
        ObjectNode tagged = body(b -> b.putObject("audience").put("type", "TAGS").putArray("tags").add("nobody"));
        ApiClient.Answer draft = create(tagged);
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        assertThat(draft.json().get("audienceCount").asLong()).isZero();
    }

    @Test
    void payloadsUpTo4096BytesAreAcceptedAndOneByteMoreIsRefusedInAsciiChineseAndEmoji() {
        for (String unit : new String[] {"a", "中", "😀"}) {
            for (int size : new int[] {4095, 4096}) {
                ApiClient.Answer ok = create(sized(size, unit, "alert"));
                assertThat(ok.status()).as(unit + size).isEqualTo(201);
                assertThat(ok.json().get("payloadBytes").asInt()).isEqualTo(size);
            }
            assertRefused(sized(4097, unit, "alert").toString(), "notification");
        }
    }

    @Test
    void voipPayloadsMayHave5120Bytes() {
        ApiClient.Answer ok = create(sized(5120, "中", "voip"));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.json().get("payloadBytes").asInt()).isEqualTo(5120);
        assertRefused(sized(5121, "😀", "voip").toString(), "notification");
    }

    /** A body whose payload has exactly {@code bytes} UTF-8 bytes, mostly made of {@code unit}. */
    private static ObjectNode sized(int bytes, String unit, String pushType) {
        int text = bytes - BODY_OVERHEAD;
        int unitBytes = unit.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        String body = unit.repeat(text / unitBytes) + "a".repeat(text % unitBytes);
        return body(b -> {
            b.put("pushType", pushType);
            b.put("trackOpens", false);
            ObjectNode n = b.putObject("notification");
            n.put("body", body);
        });
    }

    @Test
    void customDataThatIsNotAnObjectRepeatsAKeyTouchesApsNestsTooDeeplyOrIsTooLargeIsRefused() {
        assertRefused(body(b -> notification(b).putArray("data").add(1)).toString(), "notification.data");
        assertRefused(body(b -> notification(b).put("data", "text")).toString(), "notification.data");
        assertRefused("{\"name\":\"n\",\"environment\":\"sandbox\",\"notification\":{\"title\":\"t\","
                + "\"data\":{\"a\":1,\"a\":2}}}", "notification.data");
        assertRefused(body(b -> notification(b).putObject("data").putObject("aps")).toString(), "notification.data");
        String deep = "{\"name\":\"n\",\"environment\":\"sandbox\",\"notification\":{\"data\":{\"a\":"
                + "[".repeat(40) + "]".repeat(40) + "}}}";
        assertRefused(deep, "notification.data");
        assertRefused(body(b -> notification(b).putObject("data").put("blob", "x".repeat(5000))).toString(),
                "notification.data");
    }

    @Test
    void aRawPayloadWithoutApsOrThatIsNotJsonIsRefused() {
        assertRefused(body(b -> b.putObject("rawPayload").put("alert", "hi")).toString(), "rawPayload");
        assertRefused(body(b -> b.put("rawPayload", "{not json")).toString(), "rawPayload");
        ApiClient.Answer ok = create(body(b -> b.put("trackOpens", false).putObject("rawPayload").putObject("aps")
                .put("alert", "hi")));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.json().get("payload").asText()).isEqualTo("{\"aps\":{\"alert\":\"hi\"}}");
        assertThat(ok.json().get("trackOpens").asBoolean()).isFalse();
        assertRefused(body(b -> b.put("trackOpens", "yes")).toString(), "trackOpens");
    }

    @Test
    void deliveryOptionsOutsideApplesRulesAreRefusedNamingTheField() {
        assertRefused(body(b -> b.put("collapseId", "中".repeat(22))).toString(), "collapseId");
        assertThat(create(body(b -> b.put("collapseId", "x".repeat(64)))).status()).isEqualTo(201);
        assertRefused(body(b -> b.put("expiresAt", "2020-01-01T00:00:00Z")).toString(), "expiresAt");
        assertRefused(body(b -> notification(b).put("badge", -1)).toString(), "notification.badge");
        assertRefused(body(b -> b.put("priority", 7)).toString(), "priority");
        assertRefused(body(b -> b.put("pushType", "telepathy")).toString(), "pushType");
        assertRefused(body(b -> notification(b).put("interruptionLevel", "urgent")).toString(),
                "notification.interruptionLevel");
    }

    @Test
    void schedulesInThePastTooFarAheadOrInAnUnknownZoneAreRefused() {
        fixtures.device(team, app.id(), "sandbox");
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        assertRefused(body(b -> b.set("schedule", schedule(now.minusMinutes(5), "UTC"))).toString(), "schedule.at");
        assertRefused(body(b -> b.set("schedule", schedule(now.plusDays(400), "UTC"))).toString(), "schedule.at");
        assertRefused(body(b -> b.set("schedule", schedule(now.plusDays(1), "Europe/Gotham"))).toString(),
                "schedule.zone");
    }

    @Test
    void aMalformedTokenIsRefusedNamingItsPositionInTheList() {
        assertRefused(body(b -> {
            ObjectNode audience = b.putObject("audience");
            audience.put("type", "TOKENS");
            audience.putArray("tokens").add(CampaignFixtures.token()).add("not-a-token");
        }).toString(), "audience.tokens[1]");
    }

    @Test
    void htmlInTheTitleIsKeptLiterally() {
        ApiClient.Answer created = create(body(b -> notification(b).put("title", "<b>Hi</b><script>x()</script>")));
        assertThat(created.json().get("payload").asText()).contains("\"title\":\"<b>Hi</b><script>x()</script>\"");
    }

    @Test
    void aViewerCannotCreateButCanList() {
        String viewer = teams.token(team, Role.VIEWER);
        assertThat(api.post(campaigns(), viewer, body(b -> { }).toString()).status()).isEqualTo(403);
        assertThat(api.get(campaigns(), viewer).status()).isEqualTo(200);
    }

    @Test
    void anotherTeamsAppsAndCampaignsAreNotFound() {
        TestTeams.Fixture other = teams.create("campaigns-other");
        String otherEditor = teams.token(other, Role.EDITOR);
        String id = create(body(b -> { })).json().get("id").asText();

        assertThat(api.post(campaigns(), otherEditor, body(b -> { }).toString()).status()).isEqualTo(404);
        assertThat(api.get(campaigns(), otherEditor).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/campaigns/" + id, otherEditor).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/campaigns/" + id + "/cancel", otherEditor, "").status()).isEqualTo(404);
        assertThat(api.post("/api/v1/campaigns/" + id + "/schedule", otherEditor,
                schedule(tomorrowUtc(), "UTC").toString()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/campaigns/" + id, editor).status()).isEqualTo(200);
    }

    private static String campaign(String id) {
        return "/api/v1/campaigns/" + id;
    }

    @Test
    void aDraftIsReadWithItsContentChangedByMergePatchWithTheComposersRulesAndDeleted() {
        String id = create(body(b -> notification(b).put("badge", 2))).json().get("id").asText();

        JsonNode read = api.get(campaign(id), teams.token(team, Role.VIEWER)).json();
        assertThat(read.get("notification").get("title").asText()).isEqualTo("Dinner");
        assertThat(read.get("notification").get("badge").asInt()).isEqualTo(2);

        ApiClient.Answer patched = api.patch(campaign(id), editor,
                "{\"notification\": {\"title\": \"Lunch\", \"badge\": null}, \"collapseId\": \"meals\"}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().get("payload").asText())
                .isEqualTo("{\"aps\":{\"alert\":{\"title\":\"Lunch\",\"body\":\"It is on the table\"}},"
                        + "\"pd\":{\"c\":\"" + TrackingKey.NOT_LAUNCHED + "\"}}");
        assertThat(patched.json().get("collapseId").asText()).isEqualTo("meals");
        assertThat(patched.json().get("name").asText()).isEqualTo("Dinner is ready");

        ApiClient.Answer tooLong = api.patch(campaign(id), editor, "{\"collapseId\": \"" + "c".repeat(65) + "\"}");
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.json().get("errors")).extracting(e -> e.get("field").asText()).contains("collapseId");
        ApiClient.Answer twice = api.patch(campaign(id), editor, "{\"name\": \"a\", \"name\": \"b\"}");
        assertThat(twice.status()).isEqualTo(422);
        ApiClient.Answer empty = api.patch(campaign(id), editor,
                "{\"schedule\": " + schedule(tomorrowUtc(), "UTC") + "}");
        assertThat(empty.json().get("errors")).extracting(e -> e.get("field").asText()).contains("audience");
        assertThat(api.get(campaign(id), editor).json().get("collapseId").asText()).isEqualTo("meals");
        assertThat(api.patch(campaign(id), teams.token(team, Role.VIEWER), "{}").status()).isEqualTo(403);

        assertThat(api.delete(campaign(id), editor).status()).isEqualTo(204);
        assertThat(api.get(campaign(id), editor).status()).isEqualTo(404);
    }

    @Test
    void aPatchWithAScheduleSchedulesAndOnceFinishedOnlyADuplicateMayChange() {
        fixtures.device(team, app.id(), "sandbox");
        String id = create(body(b -> { })).json().get("id").asText();

        ApiClient.Answer scheduled = api.patch(campaign(id), editor,
                "{\"schedule\": " + schedule(tomorrowUtc(), "Asia/Shanghai") + "}");
        assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(200);
        assertThat(scheduled.json().get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(api.delete(campaign(id), editor).status()).isEqualTo(409);
        ApiClient.Answer backToDraft = api.patch(campaign(id), editor, "{\"schedule\": null}");
        assertThat(backToDraft.json().get("status").asText()).isEqualTo("DRAFT");
        api.patch(campaign(id), editor, "{\"schedule\": " + schedule(tomorrowUtc(), "UTC") + "}");
        api.post(campaign(id) + "/cancel", editor, "");

        assertThat(api.patch(campaign(id), editor, "{\"name\": \"Later\"}").status()).isEqualTo(409);
        assertThat(api.delete(campaign(id), editor).status()).isEqualTo(409);
        ApiClient.Answer copy = api.post(campaign(id) + "/duplicate", editor, "");
        assertThat(copy.status()).as(copy.body()).isEqualTo(201);
        assertThat(copy.json().get("status").asText()).isEqualTo("DRAFT");
        assertThat(copy.json().get("name").asText()).isEqualTo("Dinner is ready (copy)");
        assertThat(copy.json().has("schedule")).isFalse();
        assertThat(copy.json().get("id").asText()).isNotEqualTo(id);
    }

    @Test
    void anotherTeamsCampaignCannotBeChangedDeletedOrDuplicated() {
        String id = create(body(b -> { })).json().get("id").asText();
        String stranger = teams.token(teams.create("campaigns-stranger"), Role.ADMIN);

        assertThat(api.patch(campaign(id), stranger, "{\"name\": \"Mine\"}").status()).isEqualTo(404);
        assertThat(api.delete(campaign(id), stranger).status()).isEqualTo(404);
        assertThat(api.post(campaign(id) + "/duplicate", stranger, "").status()).isEqualTo(404);
        assertThat(api.get(campaign(id), editor).json().get("name").asText()).isEqualTo("Dinner is ready");
    }

    @Test
    void theCampaignListIsWalkedToItsEndWithACursor() {
        java.util.Set<String> created = new java.util.HashSet<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            created.add(create(body(b -> b.put("name", "Walk " + n))).json().get("id").asText());
        }
        java.util.List<String> walked = new java.util.ArrayList<>();
        String after = null;
        do {
            ApiClient.Answer page = api.get(campaigns() + "?size=2" + (after == null ? "" : "&after=" + after), editor);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("items").forEach(item -> walked.add(item.get("id").asText()));
            after = page.json().hasNonNull("next") ? page.json().get("next").asText() : null;
            if (after != null) {
                assertThat(page.header("Link")).contains("after=" + after);
            }
        } while (after != null);

        assertThat(walked).hasSize(5).containsExactlyInAnyOrderElementsOf(created);
        assertThat(api.get(campaigns() + "?after=eA", editor).status()).isEqualTo(422);
    }

    @Test
    void templatesAreCreatedReadChangedAndDeletedByEditorsOnly() {
        String viewer = teams.token(team, Role.VIEWER);
        ApiClient.Answer created = api.post("/api/v1/templates", editor,
                "{\"name\": \"Welcome\", \"notification\": {\"title\": \"Hi\", \"body\": \"Welcome aboard\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(api.post("/api/v1/templates", editor, "{\"name\": \"welcome\"}").status()).isEqualTo(409);
        assertThat(api.post("/api/v1/templates", viewer, "{\"name\": \"Other\"}").status()).isEqualTo(403);

        ApiClient.Answer renamed = api.patch("/api/v1/templates/" + id, editor,
                "{\"name\": \"Welcome back\", \"notification\": {\"title\": \"Hello\"}}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().get("notification").get("title").asText()).isEqualTo("Hello");
        assertThat(renamed.json().get("notification").get("body").asText()).isEqualTo("Welcome aboard");
        assertThat(api.get("/api/v1/templates", viewer).json()).extracting(t -> t.get("name").asText())
                .containsExactly("Welcome back");

        String campaignId = create(body(b -> { })).json().get("id").asText();
        ApiClient.Answer fromCampaign = api.post("/api/v1/templates", editor,
                "{\"name\": \"From dinner\", \"campaignId\": \"" + campaignId + "\"}");
        assertThat(fromCampaign.json().get("notification").get("title").asText()).isEqualTo("Dinner");

        String stranger = teams.token(teams.create("templates-stranger"), Role.ADMIN);
        assertThat(api.get("/api/v1/templates/" + id, stranger).status()).isEqualTo(404);
        assertThat(api.patch("/api/v1/templates/" + id, stranger, "{\"name\": \"x\"}").status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/templates/" + id, stranger).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/templates/" + id, editor).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/templates/" + id, viewer).status()).isEqualTo(404);
    }

    @Test
    void aCheckShowsThePayloadScheduleAudienceAndEveryProblemWithoutStoringAnything() {
        fixtures.device(team, app.id(), "sandbox", "vip");
        long before = total();

        ApiClient.Answer valid = api.post(campaigns() + "/check", editor, body(b -> {
            b.set("schedule", schedule(tomorrowUtc(), "UTC"));
            b.putObject("audience").put("type", "TAGS").putArray("tags").add("vip");
        }).toString());
        assertThat(valid.status()).as(valid.body()).isEqualTo(200);
        assertThat(valid.json().get("valid").asBoolean()).isTrue();
        assertThat(valid.json().get("payloadBytes").asInt())
                .isEqualTo(valid.json().get("payload").asText().length() + TrackingKey.DELIVERY_BYTES);
        assertThat(valid.json().get("audienceCount").asLong()).isEqualTo(1);
        assertThat(Instant.parse(valid.json().get("firstAt").asText()))
                .isEqualTo(tomorrowUtc().toInstant(ZoneOffset.UTC));

        ApiClient.Answer invalid = api.post(campaigns() + "/check", editor,
                body(b -> b.put("collapseId", "c".repeat(65))).toString());
        assertThat(invalid.status()).isEqualTo(200);
        assertThat(invalid.json().get("valid").asBoolean()).isFalse();
        assertThat(invalid.json().get("errors")).extracting(e -> e.get("field").asText()).contains("collapseId");
        assertThat(total()).isEqualTo(before);
        String stranger = teams.token(teams.create("check-stranger"), Role.ADMIN);
        assertThat(api.post(campaigns() + "/check", stranger, body(b -> { }).toString()).status()).isEqualTo(404);
    }
}
