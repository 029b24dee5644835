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
import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Priority and expiration of campaigns over the REST API. */
@PushdeckTest
class DeliveryOptionsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestTeams teams;
    @Autowired
    CampaignFixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    ApiClient api;
    TestTeams.Fixture team;
    PushApp app;
    String editor;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        team = teams.create("delivery-options-api");
        app = fixtures.app(team, "Options App");
        fixtures.device(team, app.id(), "sandbox");
        editor = teams.token(team, Role.EDITOR);
    }

    // --- priority ------------------------------------------------------------------------

    @Test
    void priorityOneIsRefusedWithItsOwnReasonInTheCallersLanguageAndNothingIsStored() {
        String body = body(b -> b.put("priority", 1)).toString();

        ApiClient.Answer english = create(body, "en");
        ApiClient.Answer chinese = create(body, "zh-CN");

        assertThat(english.status()).as(english.body()).isEqualTo(422);
        JsonNode error = english.json().get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("priority");
        assertThat(error.get("message").asText()).isEqualTo(
                "Priority 1 is not supported by this server: use 5 to conserve power or 10 to deliver now.");
        assertThat(chinese.status()).isEqualTo(422);
        assertThat(chinese.json().get("errors").get(0).get("message").asText())
                .isEqualTo("此服务器不支持优先级 1：要节省电量请用 5，要立即送达请用 10。");
        assertThat(api.get(campaigns(), editor).json().get("total").asLong()).isZero();
    }

    @Test
    void prioritiesTenAndFiveAreStoredAndOtherNumbersNameTheTwoThatWork() {
        assertThat(create(body(b -> b.put("priority", 5)).toString(), "en").json().get("priority").asInt())
                .isEqualTo(5);
        assertThat(create(body(b -> b.put("priority", 10)).toString(), "en").json().get("priority").asInt())
                .isEqualTo(10);

        ApiClient.Answer seven = create(body(b -> b.put("priority", 7)).toString(), "en");

        assertThat(seven.status()).isEqualTo(422);
        assertThat(seven.json().get("errors").get(0).get("message").asText())
                .isEqualTo("The priority is 10 (deliver now) or 5 (conserve power).");
    }

    @Test
    void aStoredPriorityOneCampaignCannotBeSentOrRescheduledUntilItIsChanged() {
        ApiClient.Answer created = create(body(b -> b.set("schedule", schedule(tomorrowUtc()))).toString(), "en");
        String id = created.json().get("id").asText();
        jdbc.sql("update campaigns set priority = 1 where id = cast(:id as uuid)").param("id", id).update();

        ApiClient.Answer send = api.post("/api/v1/campaigns/" + id + "/send", editor, "");
        ApiClient.Answer reschedule = api.post("/api/v1/campaigns/" + id + "/schedule", editor,
                schedule(tomorrowUtc().plusHours(1)).toString());

        assertThat(send.status()).as(send.body()).isEqualTo(422);
        assertThat(send.json().get("errors").get(0).get("field").asText()).isEqualTo("priority");
        assertThat(reschedule.status()).as(reschedule.body()).isEqualTo(422);
        assertThat(reschedule.json().get("errors").get(0).get("field").asText()).isEqualTo("priority");
        JsonNode stored = api.get("/api/v1/campaigns/" + id, editor).json();
        assertThat(stored.get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(stored.get("priority").asInt()).isEqualTo(1);
    }

    // --- expiration ----------------------------------------------------------------------

    @Test
    void aCampaignThatStatesNoExpirationIsKeptForADayAfterEachRelease() {
        ApiClient.Answer omitted = create(body(b -> { }).toString(), "en");
        ApiClient.Answer givenAsNull = create(body(b -> b.putNull("expiresAt").putNull("expiresAfterSeconds"))
                .toString(), "en");

        for (ApiClient.Answer answer : List.of(omitted, givenAsNull)) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
            assertThat(answer.json().get("expiresAfterSeconds").asLong()).isEqualTo(24 * 3600);
            assertThat(answer.json().has("expiresAt")).isFalse();
        }
    }

    @Test
    void zeroSecondsAsksApnsToTryOnceAndReadsBackAsZero() {
        ApiClient.Answer created = create(body(b -> b.put("expiresAfterSeconds", 0)).toString(), "en");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("expiresAfterSeconds").asLong()).isZero();
        String id = created.json().get("id").asText();
        assertThat(api.get("/api/v1/campaigns/" + id, editor).json().get("expiresAfterSeconds").asLong()).isZero();
        assertThat(jdbc.sql("select expires_after_seconds is null and expires_at is null from campaigns"
                + " where id = cast(:id as uuid)").param("id", id).query(Boolean.class).single()).isTrue();
    }

    @Test
    void bodiesThatStateAnExpirationMeanWhatTheyDidBefore() {
        Instant inAWeek = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        JsonNode relative = create(body(b -> b.put("expiresAfterSeconds", 3600)).toString(), "en").json();
        JsonNode fixed = create(body(b -> b.put("expiresAt", inAWeek.toString())).toString(), "en").json();

        assertThat(relative.get("expiresAfterSeconds").asLong()).isEqualTo(3600);
        assertThat(relative.has("expiresAt")).isFalse();
        assertThat(Instant.parse(fixed.get("expiresAt").asText())).isEqualTo(inAWeek);
        assertThat(fixed.has("expiresAfterSeconds")).isFalse();
    }

    @Test
    void expirationsThatCannotWorkAreRefusedNamingTheField() {
        String inAWeek = Instant.now().plus(7, ChronoUnit.DAYS).toString();
        String tomorrowNoon = tomorrowUtc().withHour(12).withMinute(0).toInstant(ZoneOffset.UTC).toString();
        assertRefused(body(b -> b.put("expiresAfterSeconds", -1)), "expiresAfterSeconds",
                "Keep the notification for at least one second, or choose to try once.");
        assertRefused(body(b -> b.put("expiresAfterSeconds", 366L * 24 * 3600)), "expiresAfterSeconds",
                "Keep the notification for at most 365 days.");
        assertRefused(body(b -> b.put("expiresAfterSeconds", 0).put("expiresAt", inAWeek)), "expiresAt",
                "Give either an expiration time or a duration, not both.");
        assertRefused(body(b -> b.put("expiresAt", tomorrowNoon)
                        .set("schedule", schedule(tomorrowUtc().withHour(13).withMinute(0)))), "expiresAt",
                "The notification would expire before it is sent; choose a later time.");
    }

    // --- fixtures ------------------------------------------------------------------------

    private void assertRefused(ObjectNode body, String field, String message) {
        ApiClient.Answer answer = create(body.toString(), "en");
        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.json().get("errors")).anySatisfy(error -> {
            assertThat(error.get("field").asText()).isEqualTo(field);
            assertThat(error.get("message").asText()).isEqualTo(message);
        });
    }

    private String campaigns() {
        return "/api/v1/apps/" + app.id() + "/campaigns";
    }

    private ApiClient.Answer create(String body, String language) {
        return api.send(api.request(campaigns(), editor).header("Content-Type", "application/json")
                .header("Accept-Language", language).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static ObjectNode body(Consumer<ObjectNode> change) {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", "Dinner is ready");
        body.put("environment", "sandbox");
        body.putObject("notification").put("title", "Dinner");
        change.accept(body);
        return body;
    }

    private static ObjectNode schedule(LocalDateTime at) {
        ObjectNode schedule = JSON.createObjectNode();
        schedule.put("at", at.toString());
        schedule.put("zone", "UTC");
        return schedule;
    }

    private static LocalDateTime tomorrowUtc() {
        return LocalDateTime.now(ZoneOffset.UTC).plusDays(1).truncatedTo(ChronoUnit.MINUTES);
    }
}
