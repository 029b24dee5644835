package dev.pushdeck.campaign.api;

import dev.pushdeck.campaign.DirectSendService;
import dev.pushdeck.campaign.TransactionalSendResult;
import dev.pushdeck.shared.web.Idempotent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Transactional sends for team API tokens: the campaign body's content and headers with an
 * audience of tokens or aliases, sent at once as an API campaign. The body is read with the
 * same strict parser as campaigns. See docs/decisions/012-direct-sends.md.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Transactional send")
class NotificationsController {

    private final DirectSendService directSends;

    NotificationsController(DirectSendService directSends) {
        this.directSends = directSends;
    }

    @PostMapping(path = "/apps/{appId}/notifications", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Idempotent
    @Operation(summary = "Send a notification now to up to 1,000 tokens or aliases (EDITOR); 202 {campaignId, "
            + "targeted, unknown}; with an Idempotency-Key, a repeat within 24 h answers the first answer again",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = CampaignRequestJson.class))))
    SendJson send(@PathVariable UUID appId, @RequestBody(required = false) @Nullable String body) {
        TransactionalSendResult sent = directSends.sendTransactional(appId,
                CampaignBody.draft(CampaignBody.parse(body)));
        return new SendJson(sent.campaignId(), sent.targeted(), new UnknownJson(sent.unknownCount(),
                sent.unknownSample()));
    }

    /** {@code unknown}: how many tokens or aliases reach no ACTIVE device, and the first few of them. */
    record SendJson(UUID campaignId, long targeted, UnknownJson unknown) {
    }

    record UnknownJson(int count, List<String> first) {
    }
}
