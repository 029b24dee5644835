package dev.pushdeck.campaign.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushdeck.campaign.Template;
import dev.pushdeck.campaign.TemplateService;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.web.Idempotent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The team's campaign templates for team API tokens: {@code /api/v1/templates}. Bodies are
 * read by the campaigns' strict parser, so a notification is read exactly as in a campaign.
 * VIEWERs read; EDITORs change (checked by {@link TemplateService}).
 */
@RestController
@RequestMapping("/api/v1/templates")
@Tag(name = "Templates")
class TemplatesController {

    private final TemplateService templates;
    private final ObjectMapper json;

    TemplatesController(TemplateService templates, ObjectMapper json) {
        this.templates = templates;
        this.json = json;
    }

    record TemplateJson(UUID id, String name, CampaignJson.@Nullable NotificationJson notification,
                        @Schema(type = "object") @Nullable JsonNode rawPayload, String createdBy, Instant createdAt) {

        static TemplateJson of(Template t) {
            return new TemplateJson(t.id(), t.name(), t.rawPayload() == null
                    ? CampaignJson.NotificationJson.of(t.notification()) : null, CampaignJson.tree(t.rawPayload()),
                    t.createdBy(), t.createdAt());
        }
    }

    @Schema(name = "TemplateRequest", description = "A name and a notification or a raw payload; or, to save a "
            + "campaign's content, a name and campaignId. PATCH takes any subset (JSON merge patch).")
    record TemplateRequestJson(String name, CampaignJson.NotificationJson notification,
                               @Schema(type = "object") JsonNode rawPayload, UUID campaignId) {
    }

    @GetMapping
    @Operation(summary = "The team's templates by name (VIEWER)")
    List<TemplateJson> list() {
        return templates.list().stream().map(TemplateJson::of).toList();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Idempotent
    @Operation(summary = "Save content as a template, or a campaign's content with campaignId (EDITOR); 409 when the "
            + "name is taken", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = TemplateRequestJson.class))))
    TemplateJson create(@RequestBody(required = false) @Nullable String body) {
        JsonNode node = CampaignBody.parse(body);
        UUID campaignId = campaignId(node);
        Template saved = campaignId != null ? templates.saveFrom(campaignId, CampaignBody.name(node))
                : templates.save(CampaignBody.name(node), CampaignBody.notification(node.get("notification")),
                CampaignBody.raw(node.get("rawPayload")));
        return TemplateJson.of(saved);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One template (VIEWER)")
    TemplateJson get(@PathVariable UUID id) {
        return TemplateJson.of(templates.get(id));
    }

    @PatchMapping(path = "/{id}", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    @Operation(summary = "Rename a template or change its content (EDITOR); a JSON merge patch of name, notification "
            + "and rawPayload", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = TemplateRequestJson.class))))
    TemplateJson update(@PathVariable UUID id, @RequestBody(required = false) @Nullable String body) {
        JsonNode merged = CampaignBody.merge(json.valueToTree(TemplateJson.of(templates.get(id))),
                CampaignBody.parse(body));
        return TemplateJson.of(templates.update(id, CampaignBody.name(merged),
                CampaignBody.notification(merged.get("notification")), CampaignBody.raw(merged.get("rawPayload"))));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a template (EDITOR); campaigns started from it keep their content")
    void delete(@PathVariable UUID id) {
        templates.delete(id);
    }

    private static @Nullable UUID campaignId(JsonNode body) {
        JsonNode node = body.get("campaignId");
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return UUID.fromString(node.asText());
        } catch (IllegalArgumentException e) {
            throw new ValidationException("campaignId", "campaign.field.type", "uuid");
        }
    }
}
