package dev.pushdeck.campaign;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.campaign.dispatcher.CampaignLifecycle;
import dev.pushdeck.campaign.dispatcher.ChannelDirectory;
import dev.pushdeck.campaign.internal.AbTestRules;
import dev.pushdeck.campaign.internal.CampaignRepository;
import dev.pushdeck.campaign.internal.CampaignRules;
import dev.pushdeck.campaign.internal.VariantRules;
import dev.pushdeck.device.ActivityRules;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.device.LocaleCount;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.shared.error.ConflictException;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.error.ValidationException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The current team's campaigns for people and team API tokens: check, create, edit,
 * schedule, cancel, duplicate, delete drafts, list and read. EDITORs and up change;
 * VIEWERs read. Thread-safe; call on request threads (the team comes from
 * {@link CurrentActor}).
 *
 * <p>Failures: another team's campaign or app answers {@link NotFoundException}; invalid
 * input answers {@link ValidationException} naming every bad field, before anything is
 * written; a campaign in the wrong state (already sending, not scheduled, ...) answers
 * {@link ConflictException}. Scheduling needs an audience of at least one device; a
 * draft may target nobody yet.
 *
 * <p>Why one class of this length: it is the single role-checked door to campaigns for views
 * and controllers, and most of its lines are the contracts of some twenty short methods, each a
 * role check, a lookup of the team's campaign and one call. The rules live elsewhere
 * ({@code internal/CampaignRules}, {@link LiveActivityCredentials}, the dispatcher's
 * {@link CampaignLifecycle}). Audience counts and channel lookups could stand apart, but the
 * composer and the report need them beside everything else here, so a second door would only
 * double what both pages inject.
 */
@Service
public class CampaignService {

    private final CampaignRepository campaigns;
    private final AppService apps;
    private final DeviceService devices;
    private final CurrentActor actor;
    private final AuditLog audit;
    private final Clock clock;
    private final CampaignLifecycle lifecycle;
    private final ApplicationEventPublisher events;
    private final LiveActivityCredentials liveActivityCredentials;
    private final ChannelDirectory channels;

    CampaignService(CampaignRepository campaigns, AppService apps, DeviceService devices, CurrentActor actor,
                    AuditLog audit, Clock clock, CampaignLifecycle lifecycle, ApplicationEventPublisher events,
                    LiveActivityCredentials liveActivityCredentials, ChannelDirectory channels) {
        this.channels = channels;
        this.campaigns = campaigns;
        this.apps = apps;
        this.devices = devices;
        this.actor = actor;
        this.audit = audit;
        this.clock = clock;
        this.lifecycle = lifecycle;
        this.events = events;
        this.liveActivityCredentials = liveActivityCredentials;
    }

    /** Validates a draft without storing it: the payload, schedule instants and every problem. */
    @PreAuthorize("hasRole('EDITOR')")
    public CampaignCheck check(CampaignDraft draft) {
        CampaignRules.Checked checked = CampaignRules.check(draft, clock.instant());
        return checkOf(checked);
    }

    /**
     * As {@link #check(CampaignDraft)} for an app, adding what depends on the app: a Live
     * Activity needs its environment's credential to be a token key.
     */
    @PreAuthorize("hasRole('EDITOR')")
    @Transactional(readOnly = true)
    public CampaignCheck check(UUID appId, CampaignDraft draft) {
        CampaignRules.Checked checked = checked(apps.get(appId), draft);
        return checkOf(checked);
    }

    private CampaignCheck checkOf(CampaignRules.Checked checked) {
        return new CampaignCheck(checked.payload(), checked.schedule(), checked.errors(),
                VariantRules.payloads(checked.draft(), clock.instant()),
                AbTestRules.payloads(checked.draft(), clock.instant()));
    }

    /**
     * How many ACTIVE devices of the app an audience reaches now in an environment.
     *
     * @throws ValidationException on {@code audience.tokens[i]} for a malformed token
     */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public long countAudience(UUID appId, ApnsEnvironment environment, AudienceSpec audience) {
        if (audience.namesNobody() || audience.broadcast()) {
            return 0;
        }
        return devices.countAudience(appId, audience.toAudience(environment));
    }

    /**
     * How many a draft reaches now: ACTIVE devices, or for a Live Activity the live activity
     * tokens of its event's kind and attributes type (none while those are not stated yet).
     *
     * @throws ValidationException on {@code audience.tokens[i]} for a malformed token
     */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public long countAudience(UUID appId, CampaignDraft draft) {
        boolean targetUnknown = draft.pushType() == PushType.LIVEACTIVITY && (draft.liveActivity() == null
                || draft.liveActivity().event() == null
                || ActivityRules.attributesType(draft.liveActivity().attributesType()).isPresent());
        if (draft.audience().namesNobody() || draft.audience().broadcast() || targetUnknown
                || draft.environment() == null) {
            return 0;
        }
        return devices.countAudience(appId, draft.reach());
    }

    /**
     * How many of the devices a draft reaches now get each of its contents: element 0 the
     * default, element {@code i} variant {@code i} ({@link LocaleMatch}). Counted by stored
     * locale in one grouped query and matched here, once per locale; empty for a draft without
     * variants or whose audience cannot be counted.
     *
     * @throws ValidationException on {@code audience.filters[i]...} for a filter that cannot be applied
     */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public List<Long> countAudienceByVariant(UUID appId, CampaignDraft draft) {
        if (draft.variants().isEmpty() || draft.pushType() == PushType.LIVEACTIVITY
                || draft.audience().namesNobody() || draft.audience().broadcast() || draft.environment() == null) {
            return List.of();
        }
        List<String> locales = draft.variantLocales();
        long[] counts = new long[locales.size() + 1];
        for (LocaleCount group : devices.countAudienceByLocale(appId, draft.reach())) {
            counts[LocaleMatch.best(group.locale(), locales)] += group.devices();
        }
        return Arrays.stream(counts).boxed().toList();
    }

    /**
     * The app's broadcast channels in an environment, newest first: what a Live Activity update or
     * end may be broadcast to (docs/decisions/044-broadcast-campaigns.md).
     */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public List<ListedChannel> channels(UUID appId, ApnsEnvironment environment) {
        PushApp app = apps.get(appId);
        return environment == null ? List.of() : channels.list(actor.teamId(), app.id(), environment);
    }

    /** The campaign's broadcast channel as listed now; empty when it reaches devices or its channel was deleted. */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public Optional<ListedChannel> channel(Campaign campaign) {
        AudienceSpec audience = campaign.draft().audience();
        return audience.channel() == null ? Optional.empty()
                : channels.find(actor.teamId(), campaign.appId(), audience.channel());
    }

    /** Stores a new campaign: a DRAFT, or SCHEDULED when the draft has a schedule. */
    @PreAuthorize("hasRole('EDITOR')")
    @Transactional
    public Campaign create(UUID appId, CampaignDraft draft) {
        PushApp app = apps.get(appId);
        return insert(app, checked(app, draft).orThrow());
    }

    /** The campaign rules, a Live Activity's need of a token key, and a broadcast's channel. */
    private CampaignRules.Checked checked(PushApp app, CampaignDraft draft) {
        CampaignRules.Checked checked = CampaignRules.check(draft, clock.instant());
        List<ValidationException.FieldError> problems = new ArrayList<>();
        liveActivityCredentials.problem(app.id(), draft).ifPresent(problems::add);
        channelProblem(app, checked.draft()).ifPresent(problems::add);
        if (problems.isEmpty()) {
            return checked;
        }
        List<ValidationException.FieldError> errors = new ArrayList<>(checked.errors());
        errors.addAll(problems);
        return new CampaignRules.Checked(checked.draft(), checked.payload(), checked.schedule(), List.copyOf(errors));
    }

    /**
     * A channel must be one the app lists in the campaign's environment. Another team's or app's
     * channel is answered exactly as one that does not exist, so its existence shows nowhere.
     */
    private Optional<ValidationException.FieldError> channelProblem(PushApp app, CampaignDraft draft) {
        UUID chosen = draft.audience().channel();
        if (chosen == null) {
            return Optional.empty();
        }
        Optional<ListedChannel> channel = channels.find(actor.teamId(), app.id(), chosen);
        if (channel.isEmpty()) {
            return Optional.of(new ValidationException.FieldError("audience.channel",
                    "campaign.audience.channel.unknown"));
        }
        if (draft.environment() != null && channel.get().environment() != draft.environment()) {
            return Optional.of(new ValidationException.FieldError("audience.channel",
                    "campaign.audience.channel.environment", channel.get().environment().wire()));
        }
        return Optional.empty();
    }

    private Campaign insert(PushApp app, CampaignRules.Checked checked) {
        long audience = audienceFor(app.id(), checked);
        UUID id = campaigns.insert(actor.teamId(), app.id(), CampaignKind.CAMPAIGN, checked, statusFor(checked),
                audience, actor.require().actorLabel());
        audit.record("campaign.created", checked.draft().name(), app.name());
        auditSchedule(checked);
        return get(id);
    }

    /**
     * Replaces a DRAFT or SCHEDULED campaign's content, audience and schedule. A draft
     * without a schedule becomes (or stays) a DRAFT; with one it becomes SCHEDULED.
     */
    @PreAuthorize("hasRole('EDITOR')")
    @Transactional
    public Campaign update(UUID id, CampaignDraft draft) {
        Campaign before = editable(id);
        CampaignRules.Checked checked = checked(apps.get(before.appId()), draft).orThrow();
        long audience = audienceFor(before.appId(), checked);
        if (!campaigns.update(actor.teamId(), id, checked, statusFor(checked), audience)) {
            throw new ConflictException("campaign.not-editable");
        }
        audit.record("campaign.edited", checked.draft().name(), null);
        auditSchedule(checked);
        return get(id);
    }

    /** Schedules (or re-schedules) a DRAFT or SCHEDULED campaign. */
    @PreAuthorize("hasRole('EDITOR')")
    @Transactional
    public Campaign schedule(UUID id, @Nullable Schedule schedule) {
        if (schedule == null) {
            throw new ValidationException("schedule", "campaign.schedule.required");
        }
        return update(id, editable(id).draft().withSchedule(schedule));
    }

    /**
     * Sends a DRAFT or SCHEDULED campaign now: it moves to SENDING and
     * {@link CampaignLaunched} is published in the same transaction, so the dispatcher's
     * queue is filled atomically with the status change.
     *
     * @throws ConflictException   when the campaign is already sending or finished
     * @throws ValidationException when it cannot be sent as it is stored (priority 1, from an earlier version),
     *                             or a Live Activity whose environment now sends with a certificate
     */
    @PreAuthorize("hasRole('EDITOR')")
    @Transactional
    public Campaign sendNow(UUID id) {
        Campaign campaign = get(id);
        liveActivityCredentials.problem(campaign.appId(), campaign.draft()).ifPresent(problem -> {
            throw new ValidationException(List.of(problem));
        });
        LaunchPlan plan = lifecycle.startSending(actor.teamId(), id)
                .orElseThrow(() -> new ConflictException("campaign.send.not-sendable"));
        audit.record("campaign.sent", campaign.name(), String.valueOf(campaign.audienceCount()));
        events.publishEvent(new CampaignLaunched(plan));
        return get(id);
    }

    /**
     * Cancels a campaign: a SCHEDULED one never launches; a SENDING or PAUSED one stops,
     * and its deliveries not yet sent are cancelled.
     */
    @PreAuthorize("hasRole('EDITOR')")
    @Transactional
    public Campaign cancel(UUID id) {
        Campaign campaign = get(id);
        if (!campaigns.transition(actor.teamId(), id, Set.of(CampaignStatus.SCHEDULED, CampaignStatus.SENDING,
                CampaignStatus.PAUSED), CampaignStatus.CANCELLED, null)) {
            throw new ConflictException("campaign.cancel.not-cancellable");
        }
        if (campaign.status() != CampaignStatus.SCHEDULED) {
            events.publishEvent(new CampaignSendingChanged(actor.teamId(), id, CampaignSendingChanged.Change.CANCELLED));
        }
        audit.record("campaign.cancelled", campaign.name(), null);
        return get(id);
    }

    /** Pauses a SENDING campaign: nothing more is handed to APNs until it is resumed. */
    @PreAuthorize("hasRole('EDITOR')")
    @Transactional
    public Campaign pause(UUID id) {
        return changeSending(id, CampaignStatus.SENDING, CampaignStatus.PAUSED, CampaignSendingChanged.Change.PAUSED,
                "campaign.paused");
    }

    /** Resumes a PAUSED campaign where it stopped. */
    @PreAuthorize("hasRole('EDITOR')")
    @Transactional
    public Campaign resume(UUID id) {
        return changeSending(id, CampaignStatus.PAUSED, CampaignStatus.SENDING, CampaignSendingChanged.Change.RESUMED,
                "campaign.resumed");
    }

    private Campaign changeSending(UUID id, CampaignStatus from, CampaignStatus to, CampaignSendingChanged.Change change,
                                   String auditAction) {
        Campaign campaign = get(id);
        if (!campaigns.transition(actor.teamId(), id, Set.of(from), to, null)) {
            throw new ConflictException("campaign.status.wrong", campaign.status().name());
        }
        events.publishEvent(new CampaignSendingChanged(actor.teamId(), id, change));
        audit.record(auditAction, campaign.name(), null);
        return get(id);
    }

    /**
     * Picks the version of a sending (or paused) campaign's A/B test that the rest of its audience
     * gets, before the test is decided by open rate; the rest is released within a scheduler tick
     * (docs/decisions/058-ab-tests.md).
     *
     * @param version 0 for A, the campaign's own content
     * @throws NotFoundException   no such campaign in the team
     * @throws ConflictException   the campaign has no A/B test, is not sending, or its test is decided already
     * @throws ValidationException on {@code version} when the test has no such version
     */
    @PreAuthorize("hasRole('EDITOR')")
    @Transactional
    public Campaign pickAbTestWinner(UUID id, int version) {
        Campaign campaign = get(id);
        if (campaign.draft().abTest() == null) {
            throw new ConflictException("campaign.ab-test.none");
        }
        if (campaign.status() != CampaignStatus.SENDING && campaign.status() != CampaignStatus.PAUSED) {
            throw new ConflictException("campaign.status.wrong", campaign.status().name());
        }
        events.publishEvent(new AbTestWinnerPicked(actor.teamId(), id, version, actor.require().displayName()));
        audit.record("campaign.ab-test.picked", campaign.name(), AbTest.letter(version));
        return get(id);
    }

    /** Deletes a DRAFT; anything that was ever scheduled stays for the record. */
    @PreAuthorize("hasRole('EDITOR')")
    @Transactional
    public void delete(UUID id) {
        Campaign campaign = get(id);
        if (!campaigns.deleteDraft(actor.teamId(), id)) {
            throw new ConflictException("campaign.delete.not-draft");
        }
        audit.record("campaign.deleted", campaign.name(), null);
    }

    /**
     * A new DRAFT with the same app, content, delivery options and audience, without a schedule.
     * A value that only keeps the original from being sent (priority 1 from an earlier version)
     * is copied as it is, so the person fixes it in the copy instead of starting over.
     */
    @PreAuthorize("hasRole('EDITOR')")
    @Transactional
    public Campaign duplicate(UUID id) {
        Campaign original = get(id);
        String name = original.name() + " (copy)";
        if (name.length() > CampaignRules.MAX_NAME) {
            name = name.substring(0, CampaignRules.MAX_NAME);
        }
        CampaignDraft copy = original.draft().withSchedule(null).withName(name);
        return insert(apps.get(original.appId()), CampaignRules.checkCopy(copy, clock.instant()).orThrow());
    }

    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public Campaign get(UUID id) {
        return campaigns.find(actor.teamId(), id).orElseThrow(NotFoundException::new);
    }

    /** A page of the team's campaigns, newest first. An app filter of another team answers not found. */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public List<Campaign> list(CampaignFilter filter, long offset, int limit) {
        return list(filter, null, offset, limit);
    }

    /** As {@link #list(CampaignFilter, long, int)}, starting behind {@code after} (a walk at constant cost per page). */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public List<Campaign> list(CampaignFilter filter, @Nullable CampaignPosition after, long offset, int limit) {
        CampaignFilter clean = checked(filter);
        return campaigns.list(actor.teamId(), clean, after, Math.max(0, offset), Math.max(1, Math.min(limit, 500)));
    }

    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public long count(CampaignFilter filter) {
        return campaigns.count(actor.teamId(), checked(filter));
    }

    private CampaignFilter checked(CampaignFilter filter) {
        CampaignFilter clean = filter == null ? CampaignFilter.ALL : filter;
        if (clean.appId() != null) {
            apps.get(clean.appId());
        }
        return clean;
    }

    private Campaign editable(UUID id) {
        Campaign campaign = campaigns.lock(actor.teamId(), id).orElseThrow(NotFoundException::new);
        if (!campaign.status().editable()) {
            throw new ConflictException("campaign.not-editable");
        }
        return campaign;
    }

    /**
     * Counts the audience; scheduling refuses one that reaches nobody. A broadcast counts none:
     * Apple hands it to every subscribed activity and tells nobody how many there are.
     */
    private long audienceFor(UUID appId, CampaignRules.Checked checked) {
        CampaignDraft draft = checked.draft();
        if (draft.audience().broadcast()) {
            return 0;
        }
        long count = devices.countAudience(appId, draft.reach());
        if (count == 0 && draft.schedule() != null) {
            throw new ValidationException("audience", "campaign.audience.empty");
        }
        return count;
    }

    private static CampaignStatus statusFor(CampaignRules.Checked checked) {
        return checked.draft().schedule() == null ? CampaignStatus.DRAFT : CampaignStatus.SCHEDULED;
    }

    private void auditSchedule(CampaignRules.Checked checked) {
        if (checked.schedule() != null) {
            audit.record("campaign.scheduled", checked.draft().name(), checked.schedule().firstAt() + " ("
                    + checked.schedule().zone().getId() + (checked.draft().schedule().deviceLocalTime()
                    ? ", device local time)" : ")"));
        }
    }
}
