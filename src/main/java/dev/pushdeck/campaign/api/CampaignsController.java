package dev.pushdeck.campaign.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushdeck.app.AppService;
import dev.pushdeck.campaign.AbTest;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignCheck;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.CampaignFilter;
import dev.pushdeck.campaign.CampaignKind;
import dev.pushdeck.campaign.CampaignPosition;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.CampaignStatus;
import dev.pushdeck.campaign.ContentVariant;
import dev.pushdeck.campaign.DirectSendService;
import dev.pushdeck.campaign.Payload;
import dev.pushdeck.campaign.ResolvedSchedule;
import dev.pushdeck.campaign.Schedule;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.i18n.Messages;
import dev.pushdeck.shared.web.Cursor;
import dev.pushdeck.shared.web.Idempotent;
import dev.pushdeck.shared.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Campaigns for team API tokens. Bodies are read as text and parsed strictly (see
 * {@link CampaignBody}), so duplicate keys are refused instead of silently merged. Reading
 * one campaign with its delivery counts is the history module's
 * ({@code GET /api/v1/campaigns/{id}}), which can see the dispatcher.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Campaigns")
class CampaignsController {

    private final CampaignService campaigns;
    private final DirectSendService directSends;
    private final AppService apps;
    private final ObjectMapper json;

    CampaignsController(CampaignService campaigns, DirectSendService directSends, AppService apps, ObjectMapper json) {
        this.campaigns = campaigns;
        this.directSends = directSends;
        this.apps = apps;
        this.json = json;
    }

    /** The composer's live preview; absent parts could not be worked out from what was given. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CampaignCheck")
    record CheckJson(boolean valid, @Nullable String payload, @Nullable Integer payloadBytes,
                     @Nullable Integer payloadLimit, @Nullable Instant firstAt, @Nullable Instant lastAt,
                     @Nullable String zone, @Nullable Long audienceCount,
                     @Schema(description = "the default content's share of the audience (devices no variant "
                             + "matches); absent without variants") @Nullable Long defaultAudienceCount,
                     @Schema(description = "each content variant's payload and how many of the audience get it, in "
                             + "the request's order; empty without variants") List<VariantCheckJson> variants,
                     @Schema(description = "the A/B test's further versions as they would be sent; absent without "
                             + "a test") @Nullable AbTestCheckJson abTest,
                     List<FieldErrorJson> errors) {
    }

    /** One variant as it would be sent, and how many of the audience's devices its locale matches now. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VariantCheckJson(String locale, @Nullable String payload, @Nullable Integer payloadBytes,
                            @Nullable Integer payloadLimit,
                            @Schema(description = "absent for a test version's wording and while the audience "
                                    + "cannot be counted") @Nullable Long audienceCount) {
    }

    @Schema(name = "AbTestCheck")
    record AbTestCheckJson(@Schema(description = "versions B, C and D in the request's order, each with its "
                                   + "wording per locale in the request's order (without audienceCount)")
                           List<VersionCheckJson> versions) {
    }

    /** One further version of an A/B test as it would be sent: its default wording and its wording per locale. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VersionCheckJson(@Schema(example = "B") String version, @Nullable String payload,
                            @Nullable Integer payloadBytes, @Nullable Integer payloadLimit,
                            List<VariantCheckJson> variants) {
    }

    record FieldErrorJson(String field, String message) {
    }

    @PostMapping(path = "/apps/{appId}/campaigns/check", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Check a campaign without storing it, as the composer's live preview (EDITOR): the exact "
            + "payload and its size against the limit, the schedule's instants, how many devices the audience reaches "
            + "now, and every problem the same rules as saving find (200 also when invalid)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = CampaignRequestJson.class))))
    CheckJson check(@PathVariable UUID appId, @RequestBody(required = false) @Nullable String body,
                    HttpServletRequest request) {
        if (!apps.exists(appId)) {
            throw new NotFoundException();
        }
        CampaignDraft draft = CampaignBody.draft(CampaignBody.parse(body));
        CampaignCheck check = campaigns.check(appId, draft);
        Locale locale = Messages.supported(request.getLocale());
        boolean countable = check.errorFor("audience").isEmpty() && draft.environment() != null;
        Payload payload = check.payload();
        ResolvedSchedule schedule = check.schedule();
        List<Long> byVariant = countable ? campaigns.countAudienceByVariant(appId, draft) : List.of();
        return new CheckJson(check.valid(), payload == null ? null : payload.json(),
                payload == null ? null : payload.bytes(), payload == null ? null : payload.limit(),
                schedule == null ? null : schedule.firstAt(), schedule == null ? null : schedule.lastAt(),
                schedule == null ? null : schedule.zone().getId(),
                countable ? campaigns.countAudience(appId, draft) : null,
                byVariant.isEmpty() ? null : byVariant.get(0), variants(draft.variants(), check.variantPayloads(),
                byVariant), abTest(draft, check),
                check.errors().stream().map(e -> new FieldErrorJson(e.field(), e.message(locale))).toList());
    }

    /** Each variant as given with its payload where one could be built, and its audience where counted. */
    private static List<VariantCheckJson> variants(List<ContentVariant> given, List<Payload> payloads,
                                                   List<Long> byVariant) {
        List<VariantCheckJson> variants = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Payload payload = i < payloads.size() ? payloads.get(i) : null;
            variants.add(new VariantCheckJson(given.get(i).locale(),
                    payload == null ? null : payload.json(), payload == null ? null : payload.bytes(),
                    payload == null ? null : payload.limit(), byVariant.isEmpty() ? null : byVariant.get(i + 1)));
        }
        return variants;
    }

    /** The test's further versions with their payloads, where the rules let a campaign have a test. */
    private static @Nullable AbTestCheckJson abTest(CampaignDraft draft, CampaignCheck check) {
        AbTest test = draft.abTest();
        if (test == null) {
            return null;
        }
        List<VersionCheckJson> versions = new ArrayList<>();
        for (int i = 0; i < test.versions().size(); i++) {
            CampaignCheck.VersionPayloads built = i < check.versionPayloads().size()
                    ? check.versionPayloads().get(i) : null;
            Payload payload = built == null ? null : built.payload();
            versions.add(new VersionCheckJson(AbTest.letter(i + 1), payload == null ? null : payload.json(),
                    payload == null ? null : payload.bytes(), payload == null ? null : payload.limit(),
                    variants(test.versions().get(i).variants(), built == null ? List.of() : built.variantPayloads(),
                            List.of())));
        }
        return new AbTestCheckJson(versions);
    }

    @PostMapping(path = "/apps/{appId}/campaigns", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Idempotent
    @Operation(summary = "Create a campaign (EDITOR): a draft, or scheduled when the body has a schedule",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = CampaignRequestJson.class))))
    CampaignJson create(@PathVariable UUID appId, @RequestBody(required = false) @Nullable String body) {
        return CampaignJson.of(campaigns.create(appId, CampaignBody.draft(CampaignBody.parse(body))));
    }

    @GetMapping("/apps/{appId}/campaigns")
    @Operation(summary = "List an app's campaigns, newest first, optionally by status, kind (CAMPAIGN, API, TEST) "
            + "and name (q); continue with after=<next>")
    Page<CampaignJson> list(@PathVariable UUID appId, @RequestParam(required = false) @Nullable String status,
                            @RequestParam(required = false) @Nullable String q,
                            @RequestParam(required = false) @Nullable String kind,
                            @RequestParam(required = false) @Nullable Integer page,
                            @RequestParam(required = false) @Nullable Integer size,
                            @Parameter(description = "the next cursor of the previous page")
                            @RequestParam(required = false) @Nullable String after) {
        int pageSize = Page.size(size);
        int pageNo = Page.page(page);
        CampaignFilter filter = new CampaignFilter(status(status), appId, q, kind(kind));
        List<CampaignJson> items = campaigns.list(filter, position(after), Page.offset(pageNo, pageSize), pageSize)
                .stream().map(CampaignJson::of).toList();
        return Page.withCursor(items, pageNo, pageSize, campaigns.count(filter),
                campaign -> Cursor.encode(campaign.createdAt(), campaign.id()));
    }

    @PatchMapping(path = "/campaigns/{id}", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    @Operation(summary = "Change a draft or scheduled campaign (EDITOR) with the composer's rules: the body is a JSON "
            + "merge patch of the campaign's fields (null removes; a schedule makes it SCHEDULED, schedule: null a "
            + "draft again); 409 once it is sending or finished",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = CampaignRequestJson.class))))
    CampaignJson update(@PathVariable UUID id, @RequestBody(required = false) @Nullable String body) {
        JsonNode patch = CampaignBody.parse(body);
        JsonNode current = json.valueToTree(CampaignJson.of(campaigns.get(id)));
        return CampaignJson.of(campaigns.update(id, CampaignBody.draft(CampaignBody.merge(current, patch))));
    }

    @DeleteMapping("/campaigns/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a draft (EDITOR); anything ever scheduled or sent stays for the record (409)")
    void delete(@PathVariable UUID id) {
        campaigns.delete(id);
    }

    @PostMapping("/campaigns/{id}/duplicate")
    @ResponseStatus(HttpStatus.CREATED)
    @Idempotent
    @Operation(summary = "Copy a campaign of any status into a new draft with the same app, content, options and "
            + "audience, without its schedule (EDITOR)")
    CampaignJson duplicate(@PathVariable UUID id) {
        return CampaignJson.of(campaigns.duplicate(id));
    }

    @PostMapping(path = "/campaigns/{id}/schedule", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Schedule a draft or re-schedule (EDITOR); body {at, zone, deviceLocalTime}",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = CampaignJson.ScheduleJson.class))))
    CampaignJson schedule(@PathVariable UUID id, @RequestBody(required = false) @Nullable String body) {
        Schedule schedule = CampaignBody.schedule(CampaignBody.parse(body), "schedule");
        return CampaignJson.of(campaigns.schedule(id, schedule));
    }

    @PostMapping("/campaigns/{id}/cancel")
    @Operation(summary = "Cancel a scheduled, sending or paused campaign; deliveries not yet sent are cancelled (EDITOR)")
    CampaignJson cancel(@PathVariable UUID id) {
        return CampaignJson.of(campaigns.cancel(id));
    }

    @PostMapping("/campaigns/{id}/send")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Idempotent
    @Operation(summary = "Send a draft or scheduled campaign now (EDITOR); answers 202 {status: SENDING}")
    CampaignJson send(@PathVariable UUID id) {
        return CampaignJson.of(campaigns.sendNow(id));
    }

    @PostMapping("/campaigns/{id}/test")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Idempotent
    @Operation(summary = "Send the campaign's content now to the test devices of its app and environment, or to one "
            + "device with body {\"deviceId\": \"…\"} (EDITOR); {\"version\": \"B\"} sends one version of its A/B "
            + "test (A by default) in every language it has; answers 202 {campaignId} of a new TEST campaign",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = TestSendRequestJson.class))))
    TestSendJson test(@PathVariable UUID id, @RequestBody(required = false) @Nullable String body) {
        CampaignBody.TestSend asked = CampaignBody.testSend(body);
        Campaign test = directSends.sendTest(id, asked.deviceId(), asked.version());
        return new TestSendJson(test.id(), test.name(), test.status().name(), test.audienceCount());
    }

    record TestSendJson(UUID campaignId, String name, String status, long targeted) {
    }

    /** What a test send's body may say; read by {@link CampaignBody#testSend}. */
    @Schema(name = "TestSendRequest")
    record TestSendRequestJson(
            @Schema(description = "one device of the app and environment; absent or null for the test devices")
            @Nullable UUID deviceId,
            @Schema(description = "the A/B test version to send, each device getting it in its best-matching "
                    + "language; absent or null for A, the campaign's own content and the only one without a test",
                    allowableValues = {"A", "B", "C", "D"}) @Nullable String version) {
    }

    @PostMapping("/campaigns/{id}/pause")
    @Operation(summary = "Pause a sending campaign (EDITOR)")
    CampaignJson pause(@PathVariable UUID id) {
        return CampaignJson.of(campaigns.pause(id));
    }

    @PostMapping("/campaigns/{id}/resume")
    @Operation(summary = "Resume a paused campaign (EDITOR)")
    CampaignJson resume(@PathVariable UUID id) {
        return CampaignJson.of(campaigns.resume(id));
    }

    @PostMapping(path = "/campaigns/{id}/ab-test/winner", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Send one version of a sending or paused campaign's A/B test to the rest of its audience "
            + "now, before the test is decided by open rate (EDITOR); body {\"version\": \"B\"}. The held "
            + "deliveries are released within seconds; 409 when the campaign has no test, is not sending or paused, "
            + "or its test is decided already",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = AbTestWinnerJson.class))))
    CampaignJson pickAbTestWinner(@PathVariable UUID id, @RequestBody(required = false) @Nullable String body) {
        return CampaignJson.of(campaigns.pickAbTestWinner(id, CampaignBody.requiredVersion(CampaignBody.parse(body))));
    }

    /** What picking an A/B test's winner says; read by {@link CampaignBody#requiredVersion}. */
    @Schema(name = "AbTestWinnerRequest")
    record AbTestWinnerJson(@Schema(description = "the version's letter; A is the campaign's own content",
            allowableValues = {"A", "B", "C", "D"}, requiredMode = Schema.RequiredMode.REQUIRED) String version) {
    }

    private static @Nullable CampaignPosition position(@Nullable String after) {
        return Cursor.read(after, 2, parts -> new CampaignPosition(Instant.parse(parts.get(0)),
                UUID.fromString(parts.get(1))));
    }

    private static @Nullable CampaignStatus status(@Nullable String value) {
        return choice(CampaignStatus.class, value, "status");
    }

    private static @Nullable CampaignKind kind(@Nullable String value) {
        return choice(CampaignKind.class, value, "kind");
    }

    private static <E extends Enum<E>> @Nullable E choice(Class<E> type, @Nullable String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(field, "campaign.choice.invalid",
                    List.of(type.getEnumConstants()).toString());
        }
    }
}
