package dev.pushdeck.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushdeck.ApiClient;
import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.dispatch.LiveSending;
import dev.pushdeck.security.Role;
import java.net.http.HttpRequest;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** Quiet hours over the REST API: stated, read back, changed, refused with reasons, and reported. */
@PushdeckTest
class QuietHoursApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestTeams teams;
    @Autowired
    ApplicationContext context;
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
        team = teams.create("quiet-api");
        app = live.app(team, "Quiet API");
        editor = teams.token(team, Role.EDITOR);
    }

    @AfterEach
    void tearDown() {
        live.close();
    }

    @Test
    void quietHoursAreStoredReadBackChangedByAPatchAndRemovedWithNull() {
        ApiClient.Answer created = create(body(b -> b.set("quietHours", quiet("22:00", "07:30", "skip"))), "en");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("quietHours")).isEqualTo(quiet("22:00", "07:30", "SKIP"));
        String campaign = "/api/v1/campaigns/" + created.json().get("id").asText();
        assertThat(api.get(campaign, editor).json().get("quietHours")).isEqualTo(quiet("22:00", "07:30", "SKIP"));

        ApiClient.Answer held = api.patch(campaign, editor, "{\"quietHours\": {\"action\": \"HOLD\"}}");
        assertThat(held.status()).as(held.body()).isEqualTo(200);
        assertThat(held.json().get("quietHours")).isEqualTo(quiet("22:00", "07:30", "HOLD"));

        ApiClient.Answer removed = api.patch(campaign, editor, "{\"quietHours\": null}");
        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json().has("quietHours")).isFalse();
    }

    @Test
    void quietHoursWithoutAnActionHoldWhatFallsInside() {
        ObjectNode window = JSON.createObjectNode().put("from", "23:15").put("to", "06:45");
        ApiClient.Answer created = create(body(b -> b.set("quietHours", window)), "en");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("quietHours").get("action").asText()).isEqualTo("HOLD");
    }

    @Test
    void aWindowOfTheWholeDayIsRefusedWithItsOwnReasonInTheCallersLanguageAndNothingIsStored() {
        ObjectNode body = body(b -> b.set("quietHours", quiet("22:00", "22:00", "HOLD")));

        ApiClient.Answer english = create(body, "en");
        ApiClient.Answer chinese = create(body, "zh-CN");

        assertRefused(english, "quietHours.to", "Quiet hours from 22:00 to 22:00 would cover the whole day, so "
                + "nothing would ever be sent. Choose an end other than the start.");
        assertRefused(chinese, "quietHours.to",
                "从 22:00 到 22:00 的免打扰时段会覆盖整整一天，任何通知都不会发出。请选择与开始时间不同的结束时间。");
        assertThat(api.get("/api/v1/apps/" + app.id() + "/campaigns", editor).json().get("total").asLong()).isZero();
    }

    @Test
    void timesThatAreNotHoursAndMinutesOfOneDayAreRefusedOnTheirField() {
        for (String bad : new String[] {"24:00", "7:30", "22:00:30", "noon", ""}) {
            assertRefused(create(body(b -> b.set("quietHours", quiet(bad, "08:00", "HOLD"))), "en"),
                    "quietHours.from", "Write the time as HH:MM, from 00:00 to 23:59.");
        }
        ObjectNode noEnd = JSON.createObjectNode().put("from", "22:00");
        assertRefused(create(body(b -> b.set("quietHours", noEnd)), "en"), "quietHours.to", "Give a time.");
        assertThat(create(body(b -> b.set("quietHours", quiet("22:00", "08:00", "LATER"))), "en").json()
                .get("errors").get(0).get("field").asText()).isEqualTo("quietHours.action");
        assertThat(create(body(b -> b.put("quietHours", "22:00-08:00")), "en").json()
                .get("errors").get(0).get("field").asText()).isEqualTo("quietHours");
    }

    @Test
    void aDeviceLocalScheduleInsideItsOwnQuietHoursIsRefused() {
        LocalDateTime tomorrowAtEleven = LocalDateTime.now(ZoneOffset.UTC).plusDays(1).truncatedTo(ChronoUnit.DAYS)
                .withHour(23);
        ObjectNode schedule = JSON.createObjectNode().put("at", tomorrowAtEleven.toString()).put("zone", "UTC")
                .put("deviceLocalTime", true);

        assertRefused(create(body(b -> {
            b.set("quietHours", quiet("22:00", "08:00", "HOLD"));
            b.set("schedule", schedule);
        }), "en"), "quietHours", "Each device's send time 23:00 falls inside the quiet hours, so every "
                + "notification would be held or skipped. Choose another time or other quiet hours.");
    }

    @Test
    void aSkippedDeliveryIsCountedListedFilteredAndExportedAsSkipped() {
        // A device without a time zone is judged in UTC when the campaign is sent now.
        String token = live.device(team, app, null).token();
        LocalTime now = LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        ApiClient.Answer created = create(body(b -> b.put("environment", "production")
                .set("quietHours", quiet(now.minusHours(2).toString(), now.plusHours(2).toString(), "SKIP"))), "en");
        String campaign = "/api/v1/campaigns/" + created.json().get("id").asText();

        ApiClient.Answer sent = api.post(campaign + "/send", editor, "");

        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        assertThat(sent.json().get("status").asText()).as("nothing left to send").isEqualTo("COMPLETED");
        JsonNode report = api.get(campaign, editor).json();
        assertThat(report.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(report.get("counts").get("skipped").asLong()).isEqualTo(1);
        assertThat(report.get("counts").get("failed").asLong()).isZero();
        assertThat(report.get("rejectedByReason").get("QuietHours").asLong()).isEqualTo(1);
        JsonNode skipped = api.get(campaign + "/deliveries?status=skipped", editor).json();
        assertThat(skipped.get("total").asLong()).isEqualTo(1);
        assertThat(skipped.get("items").get(0).get("status").asText()).isEqualTo("SKIPPED");
        assertThat(skipped.get("items").get(0).get("reason").asText()).isEqualTo("QuietHours");
        assertThat(api.get(campaign + "/deliveries?status=ACCEPTED", editor).json().get("total").asLong()).isZero();
        assertThat(api.get(campaign + "/deliveries/export", editor).body()).contains(token).contains("SKIPPED")
                .contains("QuietHours");
        assertThat(live.received(token)).isZero();
    }

    private void assertRefused(ApiClient.Answer answer, String field, String message) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.json().get("errors")).anySatisfy(error -> {
            assertThat(error.get("field").asText()).isEqualTo(field);
            assertThat(error.get("message").asText()).isEqualTo(message);
        });
    }

    private ApiClient.Answer create(ObjectNode body, String language) {
        return api.send(api.request("/api/v1/apps/" + app.id() + "/campaigns", editor)
                .header("Content-Type", "application/json").header("Accept-Language", language)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private static ObjectNode quiet(String from, String to, String action) {
        return JSON.createObjectNode().put("from", from).put("to", to).put("action", action);
    }

    private static ObjectNode body(Consumer<ObjectNode> change) {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", "Good night");
        body.put("environment", "sandbox");
        body.putObject("notification").put("title", "Sleep well");
        change.accept(body);
        return body;
    }
}
