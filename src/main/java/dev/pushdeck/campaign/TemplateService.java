package dev.pushdeck.campaign;

import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.campaign.internal.CampaignRepository;
import dev.pushdeck.campaign.internal.CampaignRules;
import dev.pushdeck.campaign.internal.TemplateRepository;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.shared.Names;
import dev.pushdeck.shared.error.ConflictException;
import dev.pushdeck.shared.error.NotFoundException;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The current team's campaign templates: content (a notification or a raw payload) saved
 * under a name to start new campaigns from. EDITORs save, change and delete; VIEWERs read.
 * Thread-safe; call on request threads. Another team's template answers
 * {@link NotFoundException}; a taken name {@link ConflictException}.
 */
@Service
public class TemplateService {

    private final TemplateRepository templates;
    private final CampaignRepository campaigns;
    private final CurrentActor actor;
    private final AuditLog audit;

    TemplateService(TemplateRepository templates, CampaignRepository campaigns, CurrentActor actor, AuditLog audit) {
        this.templates = templates;
        this.campaigns = campaigns;
        this.actor = actor;
        this.audit = audit;
    }

    /** Saves a campaign's content as a template. */
    @PreAuthorize("hasRole('EDITOR')")
    @Transactional
    public Template saveFrom(UUID campaignId, @Nullable String name) {
        Campaign campaign = campaigns.find(actor.teamId(), campaignId).orElseThrow(NotFoundException::new);
        return save(name, campaign.draft().notification(), campaign.draft().rawPayload());
    }

    /** Saves content as a template (the composer's unsaved content too). */
    @PreAuthorize("hasRole('EDITOR')")
    @Transactional
    public Template save(@Nullable String name, @Nullable Notification notification, @Nullable String rawPayload) {
        String clean = freeName(name, null);
        UUID team = actor.teamId();
        UUID id = templates.insert(team, clean, notification == null ? Notification.EMPTY : notification, rawPayload,
                actor.require().actorLabel());
        audit.record("campaign.template-saved", clean, null);
        return get(id);
    }

    /** Replaces a template's name and content; campaigns started from it keep their own copy. */
    @PreAuthorize("hasRole('EDITOR')")
    @Transactional
    public Template update(UUID id, @Nullable String name, @Nullable Notification notification,
                           @Nullable String rawPayload) {
        Template before = get(id);
        String clean = freeName(name, id);
        templates.update(actor.teamId(), id, clean, notification == null ? Notification.EMPTY : notification,
                rawPayload);
        audit.record("campaign.template-edited", clean, before.name().equals(clean) ? null : before.name() + " → "
                + clean);
        return get(id);
    }

    private String freeName(@Nullable String name, @Nullable UUID exceptId) {
        String clean = Names.require(name, CampaignRules.MAX_NAME);
        if (templates.nameTaken(actor.teamId(), clean, exceptId)) {
            throw new ConflictException("campaign.template.name-taken");
        }
        return clean;
    }

    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public List<Template> list() {
        return templates.list(actor.teamId());
    }

    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public Template get(UUID id) {
        return templates.find(actor.teamId(), id).orElseThrow(NotFoundException::new);
    }

    @PreAuthorize("hasRole('EDITOR')")
    @Transactional
    public void delete(UUID id) {
        Template template = get(id);
        templates.delete(actor.teamId(), id);
        audit.record("campaign.template-deleted", template.name(), null);
    }
}
