package dev.pushdeck.campaign.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pushdeck.campaign.DirectSendService;
import dev.pushdeck.campaign.TransactionalSend;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
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
    @Operation(summary = "Send a notification now to up to 1,000 tokens or aliases (EDITOR); 202 {campaignId, "
            + "targeted, unknown}; a repeated Idempotency-Key within 24 h answers 200 with the earlier campaignId")
    ResponseEntity<SendJson> send(@PathVariable UUID appId, @RequestBody(required = false) String body,
                                  @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        TransactionalSend sent = directSends.sendTransactional(appId, CampaignBody.draft(CampaignBody.parse(body)),
                idempotencyKey);
        if (sent.repeated()) {
            return ResponseEntity.ok(new SendJson(sent.campaignId(), true, null, null));
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new SendJson(sent.campaignId(), null,
                sent.targeted(), new UnknownJson(sent.unknownCount(), sent.unknownSample())));
    }

    /** {@code unknown}: how many tokens or aliases reach no ACTIVE device, and the first few of them. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SendJson(UUID campaignId, Boolean repeated, Long targeted, UnknownJson unknown) {
    }

    record UnknownJson(int count, List<String> first) {
    }
}
