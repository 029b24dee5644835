package dev.pushdeck.campaign;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.CredentialService;
import dev.pushdeck.app.EnvironmentStatus;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.campaign.dispatcher.CampaignLifecycle;
import dev.pushdeck.campaign.internal.CampaignRepository;
import dev.pushdeck.campaign.internal.CampaignRules;
import dev.pushdeck.campaign.internal.VariantRules;
import dev.pushdeck.device.ActivityRegistration;
import dev.pushdeck.device.ActivityRegistrationService;
import dev.pushdeck.device.Audience;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.device.DeviceStatus;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.shared.error.ConflictException;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.error.ValidationException.FieldError;
import dev.pushdeck.shared.error.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends that skip the draft stage: a <em>test send</em> of a campaign's content to the
 * team's test devices (or one chosen device), and <em>transactional sends</em> of the REST
 * API. Each becomes a small campaign of its own kind ({@link CampaignKind#TEST},
 * {@link CampaignKind#API}) that is launched at once through the normal delivery queue, so
 * its outcome is read like any campaign's. See docs/decisions/012-direct-sends.md.
 *
 * <p>EDITORs and up. Thread-safe; call on request threads (the team comes from
 * {@link CurrentActor}). Every check runs before anything is written, and the campaign,
 * its launch and the queued deliveries commit together.
 *
 * <p>Failures: another team's campaign, app or device answers {@link NotFoundException};
 * invalid content or audience answers {@link ValidationException} with every problem named
 * by its JSON path (the campaign rules, plus: no test device marked, a device of another
 * app or environment, an inactive device, a version the campaign does not have, too many
 * recipients); an environment without a
 * usable credential, or paused, answers {@link ConflictException}.
 */
@Service
public class DirectSendService {

    /** At most this many tokens or aliases per transactional request. */
    public static final int MAX_RECIPIENTS = 1000;
    static final int UNKNOWN_SAMPLE = 5;
    private static final DateTimeFormatter API_NAME_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final CampaignRepository campaigns;
    private final AppService apps;
    private final CredentialService credentials;
    private final DeviceService devices;
    private final CurrentActor actor;
    private final AuditLog audit;
    private final Clock clock;
    private final CampaignLifecycle lifecycle;
    private final ApplicationEventPublisher events;
    private final ActivityRegistrationService activities;
    private final LiveActivityCredentials liveActivityCredentials;

    DirectSendService(CampaignRepository campaigns, AppService apps, CredentialService credentials,
                      DeviceService devices, CurrentActor actor, AuditLog audit, Clock clock,
                      CampaignLifecycle lifecycle, ApplicationEventPublisher events,
                      ActivityRegistrationService activities, LiveActivityCredentials liveActivityCredentials) {
        this.campaigns = campaigns;
        this.apps = apps;
        this.credentials = credentials;
        this.devices = devices;
        this.actor = actor;
        this.audit = audit;
        this.clock = clock;
        this.lifecycle = lifecycle;
        this.events = events;
        this.activities = activities;
        this.liveActivityCredentials = liveActivityCredentials;
    }

    /**
     * Sends one version of a stored campaign's content (draft or not, checked with the campaign rules)
     * now to the test devices of its app and environment, or to one device of them when
     * {@code deviceId} is given (test flag or not), as a new TEST campaign. The version goes in every
     * language the campaign has, each device getting its best match as in a real send; an A/B test's
     * split and wait do not apply, so every device gets the version asked for.
     *
     * @param version which version of the campaign's A/B test to send: 0 for A (the campaign's own
     *                content, and the only one of a campaign without a test), 1 for B, up to 3 for D
     * @return the TEST campaign, already SENDING (or COMPLETED when nothing was queued)
     * @throws ValidationException on {@code version} when the campaign has no such version
     */
    @PreAuthorize("hasRole('EDITOR')")
    @Transactional
    public Campaign sendTest(UUID campaignId, @Nullable UUID deviceId, int version) {
        Campaign source = campaigns.find(actor.teamId(), campaignId).orElseThrow(NotFoundException::new);
        return test(apps.get(source.appId()), source.draft(), deviceId, version);
    }

    /**
     * As {@link #sendTest(UUID, UUID, int)} for content not saved yet, e.g. what the composer shows now
     * (its A/B test, if on, holding the versions to choose from).
     */
    @PreAuthorize("hasRole('EDITOR')")
    @Transactional
    public Campaign sendTest(UUID appId, CampaignDraft content, @Nullable UUID deviceId, int version) {
        return test(apps.get(appId), content, deviceId, version);
    }

    private Campaign test(PushApp app, CampaignDraft content, @Nullable UUID deviceId, int version) {
        ApnsEnvironment environment = content.environment();
        if (environment == null) {
            throw new ValidationException("environment", "device.environment.invalid");
        }
        CampaignDraft worded = worded(content, version);
        AudienceSpec audience = deviceId == null ? AudienceSpec.testDevices()
                : AudienceSpec.tokens(chosenTokens(chosenDevice(deviceId, app, environment), content));
        // A test goes now, whatever the hour on the test devices: quiet hours are the real campaign's.
        CampaignDraft draft = worded.withSchedule(null).withName(testName(content.name(), version))
                .withAudience(audience).withQuietHours(null);
        CampaignRules.Checked checked = audience.namesNobody() ? null : CampaignRules.check(draft, clock.instant())
                .orThrow();
        long count = checked == null ? 0 : devices.countAudience(app.id(), checked.draft().reach());
        if (checked == null || count == 0) {
            throw new ValidationException("deviceId", draft.pushType() == PushType.LIVEACTIVITY
                    ? "campaign.test.no-activity-tokens" : "campaign.test.no-test-devices", app.name(),
                    environment.wire());
        }
        requireSendable(app, draft);
        UUID id = launch(app, CampaignKind.TEST, checked, count);
        audit.record("campaign.test-sent", draft.name(), app.name() + ": " + count + " device(s)"
                + (version == 0 ? "" : ", version " + AbTest.letter(version)));
        return campaigns.find(actor.teamId(), id).orElseThrow();
    }

    /**
     * The content as one version words it, without the A/B test: the test devices all get the version
     * asked for, in their languages, rather than a share of each.
     */
    private static CampaignDraft worded(CampaignDraft content, int version) {
        AbTest test = content.abTest();
        int versions = test == null ? 1 : test.versionCount();
        if (version < 0 || version >= versions) {
            throw test == null ? new ValidationException("version", "campaign.test.version.no-ab-test")
                    : new ValidationException("version", "campaign.test.version", AbTest.letter(versions - 1));
        }
        if (version > 0 && !VariantRules.allowed(content)) {
            // A raw payload or another push type has no wording of B to send; the test would be version A's.
            throw new ValidationException("abTest", "campaign.abTest.alert-only");
        }
        return content.asVersion(version);
    }

    /**
     * Sends a notification now to explicit tokens or aliases, as a new API campaign (named
     * "API · time" unless the draft has a name). Tokens and aliases that reach no ACTIVE
     * device are reported, not refused. Retries are made safe by the API's Idempotency-Key
     * (docs/decisions/032-idempotency-keys.md), which wraps this call in its transaction.
     *
     * @param draft the content and an audience of type TOKENS or ALIASES; no schedule
     */
    @PreAuthorize("hasRole('EDITOR')")
    @Transactional
    public TransactionalSendResult sendTransactional(UUID appId, CampaignDraft draft) {
        PushApp app = apps.get(appId);
        CampaignRules.Checked checked = checkTransactional(draft);
        CampaignDraft clean = checked.draft();
        requireSendable(app, clean);
        AudienceSpec audience = clean.audience();
        boolean byAlias = audience.type() == AudienceSpec.Type.ALIASES;
        List<String> named = byAlias ? audience.aliases() : audience.tokens();
        Audience reach = clean.reach();
        Set<String> active = reach.activity() == null
                ? devices.activeAmong(app.id(), clean.environment(), named, byAlias)
                : activities.liveAmong(app.id(), clean.environment(), reach.activity(), named, byAlias);
        List<String> unknown = named.stream().filter(value -> !active.contains(value)).toList();
        long count = devices.countAudience(app.id(), reach);
        UUID id = launch(app, CampaignKind.API, checked, count);
        audit.record("campaign.api-sent", clean.name(), app.name() + ": " + count + " device(s)");
        return new TransactionalSendResult(id, count, unknown.size(),
                unknown.subList(0, Math.min(UNKNOWN_SAMPLE, unknown.size())));
    }

    private CampaignRules.Checked checkTransactional(CampaignDraft given) {
        Instant now = clock.instant();
        CampaignDraft draft = given.name() == null || given.name().isBlank()
                ? given.withName("API · " + API_NAME_TIME.format(now)) : given;
        List<FieldError> errors = new ArrayList<>();
        AudienceSpec audience = draft.audience();
        switch (audience.type()) {
            case TOKENS -> capRecipients("audience.tokens", audience.tokens(), errors);
            case ALIASES -> capRecipients("audience.aliases", audience.aliases(), errors);
            default -> errors.add(new FieldError("audience.type", "campaign.api.audience-type"));
        }
        if (draft.schedule() != null) {
            errors.add(new FieldError("schedule", "campaign.api.no-schedule"));
        }
        if (draft.abTest() != null) {
            errors.add(new FieldError("abTest", "campaign.api.no-ab-test"));
        }
        if (!audience.filters().isEmpty()) {
            errors.add(new FieldError("audience.filters", "campaign.api.no-filters"));
        }
        CampaignRules.Checked checked = CampaignRules.check(draft, now);
        errors.addAll(checked.errors());
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return checked;
    }

    private static void capRecipients(String field, List<String> values, List<FieldError> errors) {
        if (values.size() > MAX_RECIPIENTS) {
            errors.add(new FieldError(field, "campaign.api.too-many", MAX_RECIPIENTS));
        }
    }

    private Device chosenDevice(UUID deviceId, PushApp app, ApnsEnvironment environment) {
        Device device = devices.get(deviceId);
        if (!device.appId().equals(app.id()) || device.environment() != environment) {
            throw new ValidationException("deviceId", "campaign.test.device-elsewhere", app.name(),
                    environment.wire());
        }
        if (device.status() != DeviceStatus.ACTIVE) {
            throw new ValidationException("deviceId", "campaign.test.device-inactive", device.status().name());
        }
        return device;
    }

    /**
     * The live activity tokens of a device a Live Activity test goes to (those of the event's kind
     * and attributes type), or the device's own token for any other push.
     */
    private List<String> chosenTokens(Device device, CampaignDraft content) {
        Audience reach = content.reach();
        if (reach.activity() == null) {
            return List.of(device.token());
        }
        Instant now = clock.instant();
        return activities.ofDevice(device.id()).stream().filter(activity -> activity.live(now)
                        && activity.kind() == reach.activity().kind()
                        && activity.attributesType().equals(reach.activity().attributesType()))
                .map(ActivityRegistration::token).toList();
    }

    /**
     * Refuses an environment that could not send now (the run would only wait for a credential),
     * and a Live Activity the environment's credential cannot send.
     */
    private void requireSendable(PushApp app, CampaignDraft draft) {
        liveActivityCredentials.problem(app.id(), draft).ifPresent(problem -> {
            throw new ValidationException(List.of(problem));
        });
        ApnsEnvironment environment = draft.environment();
        EnvironmentStatus status = credentials.status(app.id(), environment);
        switch (status.state()) {
            case NONE -> throw new ConflictException("campaign.send.no-credential", app.name(), environment.wire());
            case EXPIRED -> throw new ConflictException("campaign.send.credential-expired", app.name(),
                    environment.wire());
            case PAUSED -> throw new ConflictException("campaign.send.paused", app.name(), environment.wire(),
                    String.valueOf(status.pausedReason()));
            default -> { }
        }
    }

    /** Stores the campaign and moves it to SENDING; the dispatcher queues its deliveries in this transaction. */
    private UUID launch(PushApp app, CampaignKind kind, CampaignRules.Checked checked, long audienceCount) {
        UUID id = campaigns.insert(actor.teamId(), app.id(), kind, checked, CampaignStatus.DRAFT, audienceCount,
                actor.require().actorLabel());
        LaunchPlan plan = lifecycle.startSending(actor.teamId(), id).orElseThrow();
        events.publishEvent(new CampaignLaunched(plan));
        return id;
    }

    /** "Test · Lunch", or "Test B · Lunch" for version B, so the list tells the versions' tests apart. */
    private static String testName(String source, int version) {
        String name = "Test" + (version == 0 ? "" : " " + AbTest.letter(version)) + " · "
                + (source == null ? "" : source.strip());
        return name.length() > CampaignRules.MAX_NAME ? name.substring(0, CampaignRules.MAX_NAME) : name;
    }
}
