package dev.pushdeck.campaign.api;

import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignFilter;
import dev.pushdeck.campaign.CampaignKind;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.CampaignStatus;
import dev.pushdeck.campaign.DirectSendService;
import dev.pushdeck.campaign.Schedule;
import dev.pushdeck.shared.ValidationException;
import dev.pushdeck.shared.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
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

    CampaignsController(CampaignService campaigns, DirectSendService directSends) {
        this.campaigns = campaigns;
        this.directSends = directSends;
    }

    @PostMapping(path = "/apps/{appId}/campaigns", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a campaign (EDITOR): a draft, or scheduled when the body has a schedule")
    CampaignJson create(@PathVariable UUID appId, @RequestBody(required = false) String body) {
        return CampaignJson.of(campaigns.create(appId, CampaignBody.draft(CampaignBody.parse(body))));
    }

    @GetMapping("/apps/{appId}/campaigns")
    @Operation(summary = "List an app's campaigns, newest first, optionally by status and kind (CAMPAIGN, API, TEST)")
    Page<CampaignJson> list(@PathVariable UUID appId, @RequestParam(required = false) String status,
                            @RequestParam(required = false) String q, @RequestParam(required = false) String kind,
                            @RequestParam(required = false) Integer page,
                            @RequestParam(required = false) Integer size) {
        int pageSize = Page.size(size);
        int pageNo = Page.page(page);
        CampaignFilter filter = new CampaignFilter(status(status), appId, q, kind(kind));
        return new Page<>(campaigns.list(filter, (long) pageNo * pageSize, pageSize).stream().map(CampaignJson::of)
                .toList(), pageNo, pageSize, campaigns.count(filter));
    }

    @PostMapping(path = "/campaigns/{id}/schedule", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Schedule a draft or re-schedule (EDITOR); body {at, zone, deviceLocalTime}")
    CampaignJson schedule(@PathVariable UUID id, @RequestBody(required = false) String body) {
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
    @Operation(summary = "Send a draft or scheduled campaign now (EDITOR); answers 202 {status: SENDING}")
    CampaignJson send(@PathVariable UUID id) {
        return CampaignJson.of(campaigns.sendNow(id));
    }

    @PostMapping("/campaigns/{id}/test")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send the campaign's content now to the test devices of its app and environment, or to one "
            + "device with body {\"deviceId\": \"…\"} (EDITOR); answers 202 {campaignId} of a new TEST campaign")
    TestSendJson test(@PathVariable UUID id, @RequestBody(required = false) String body) {
        Campaign test = directSends.sendTest(id, CampaignBody.deviceId(body));
        return new TestSendJson(test.id(), test.name(), test.status().name(), test.audienceCount());
    }

    record TestSendJson(UUID campaignId, String name, String status, long targeted) {
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

    private static CampaignStatus status(String value) {
        return choice(CampaignStatus.class, value, "status");
    }

    private static CampaignKind kind(String value) {
        return choice(CampaignKind.class, value, "kind");
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(field, "campaign.choice.invalid",
                    java.util.List.of(type.getEnumConstants()).toString());
        }
    }
}
