package dev.pushdeck.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushdeck.ApiClient;
import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Campaigns created over the API with attribute filters (docs/decisions/051-device-attributes.md). */
@PushdeckTest
class CampaignFiltersApiTest {

    private static final String FILTERS = """
            [{"attribute":"APP_VERSION","operator":"BEFORE","values":[" 2.10 "]},
             {"attribute":"property","key":"plan","operator":"in","values":["gold","silver"]},
             {"attribute":"PROPERTY","key":"seats","operator":"AFTER","values":[4.5]},
             {"attribute":"PROPERTY","key":"beta","operator":"EQUALS","values":[true]},
             {"attribute":"LAST_SEEN","operator":"WITHIN_DAYS","values":[30]},
             {"attribute":"LAST_SEEN","operator":"AFTER","values":["2026-11-01T08:00:00Z"]}]""";

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
        team = teams.create("filters-api");
        app = fixtures.app(team, "Filter App");
        editor = teams.token(team, Role.EDITOR);
    }

    private ApiClient.Answer create(String audience) {
        return api.post("/api/v1/apps/" + app.id() + "/campaigns", editor, """
                {"name":"Upgrade","environment":"sandbox","notification":{"body":"A new version is out"},
                 "audience":%s}""".formatted(audience));
    }

    @Test
    void aCampaignCreatedWithFiltersStoresAndAnswersThemNormalized() {
        ApiClient.Answer created = create("{\"type\":\"ALL\",\"filters\":" + FILTERS + "}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode read = api.get("/api/v1/campaigns/" + created.json().get("id").asText(), editor).json();
        JsonNode filters = read.get("audience").get("filters");
        assertThat(filters).hasSize(6);
        assertThat(filters.get(0).get("attribute").asText()).isEqualTo("APP_VERSION");
        assertThat(filters.get(0).get("operator").asText()).isEqualTo("BEFORE");
        assertThat(filters.get(0).get("values").get(0).asText()).isEqualTo("2.10");
        assertThat(filters.get(1).get("key").asText()).isEqualTo("plan");
        assertThat(filters.get(1).get("operator").asText()).isEqualTo("IN");
        assertThat(filters.get(1).get("values")).extracting(JsonNode::asText).containsExactly("gold", "silver");
        assertThat(filters.get(2).get("values").get(0).decimalValue()).isEqualByComparingTo("4.5");
        assertThat(filters.get(3).get("values").get(0).isBoolean()).isTrue();
        assertThat(filters.get(4).get("values").get(0).asInt()).isEqualTo(30);
        assertThat(filters.get(5).get("values").get(0).asText()).isEqualTo("2026-11-01T08:00:00Z");
        assertThat(read.get("audience").get("type").asText()).isEqualTo("ALL");
    }

    @Test
    void aCampaignWithoutFiltersAnswersAnEmptyList() {
        ApiClient.Answer created = create("{\"type\":\"ALL\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("audience").get("filters")).isEmpty();
    }

    @Test
    void eachBadFilterIsRefusedWithItsOwnFieldAndReason() {
        ApiClient.Answer refused = create("""
                {"type":"ALL","filters":[
                  {"attribute":"APP_VERSION","operator":"EQUALS","values":["2.0-beta"]},
                  {"attribute":"LAST_SEEN","operator":"EQUALS","values":["2026-11-01T00:00:00Z"]},
                  {"attribute":"PROPERTY","key":"9lives","operator":"EQUALS","values":["x"]},
                  {"attribute":"PROPERTY","key":"seats","operator":"BEFORE","values":["ten"]},
                  {"attribute":"LAST_SEEN","operator":"WITHIN_DAYS","values":[0]},
                  {"attribute":"APP_VERSION","operator":"BEFORE","values":["1","2"]},
                  {"attribute":"PROPERTY","key":"plan","operator":"IN","values":[]},
                  {"attribute":"LAST_SEEN","operator":"BEFORE","values":["yesterday"]}]}""");

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder(
                "audience.filters[0].values[0]", "audience.filters[1].operator", "audience.filters[2].key",
                "audience.filters[3].values[0]", "audience.filters[4].values[0]", "audience.filters[5].values",
                "audience.filters[6].values", "audience.filters[7].values[0]");
        assertThat(refused.json().get("errors").findValuesAsText("message")).anySatisfy(message ->
                assertThat(message).contains("BEFORE, AFTER, WITHIN_DAYS"));
    }

    @Test
    void wrongShapesAreNamedByTheirPath() {
        assertThat(create("{\"type\":\"ALL\",\"filters\":{}}").json().get("errors").get(0).get("field").asText())
                .isEqualTo("audience.filters");
        ApiClient.Answer nested = create("{\"type\":\"ALL\",\"filters\":[{\"attribute\":\"PROPERTY\",\"key\":\"a\","
                + "\"operator\":\"EQUALS\",\"values\":[{\"x\":1}]}]}");
        assertThat(nested.status()).isEqualTo(422);
        assertThat(nested.json().get("errors").get(0).get("field").asText()).isEqualTo("audience.filters[0].values[0]");
        ApiClient.Answer unknown = create("{\"type\":\"ALL\",\"filters\":[{\"attribute\":\"COUNTRY\","
                + "\"operator\":\"EQUALS\",\"values\":[\"de\"]}]}");
        assertThat(unknown.json().get("errors").get(0).get("field").asText()).isEqualTo("audience.filters[0].attribute");
    }

    @Test
    void moreThanTenFiltersAreRefused() {
        String eleven = ("{\"attribute\":\"LAST_SEEN\",\"operator\":\"WITHIN_DAYS\",\"values\":[3]},").repeat(11);
        ApiClient.Answer refused = create("{\"type\":\"ALL\",\"filters\":[" + eleven.substring(0, eleven.length() - 1)
                + "]}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("audience.filters");
    }

    @Test
    void aTransactionalSendNamesItsDevicesAndTakesNoFilters() {
        ApiClient.Answer refused = api.post("/api/v1/apps/" + app.id() + "/notifications", editor, """
                {"environment":"sandbox","notification":{"body":"Your order shipped"},
                 "audience":{"type":"TOKENS","tokens":["%s"],
                  "filters":[{"attribute":"LAST_SEEN","operator":"WITHIN_DAYS","values":[3]}]}}"""
                .formatted(CampaignFixtures.token()));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors").findValuesAsText("field")).containsExactly("audience.filters");
    }
}
