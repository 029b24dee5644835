package dev.pushdeck.device;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.device.internal.ActivityRepository;
import dev.pushdeck.device.internal.ActivityRepository.Ending;
import dev.pushdeck.device.internal.DeviceRepository;
import dev.pushdeck.device.internal.RegistrationLimits;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.error.ValidationException.FieldError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Live Activity tokens ({@link ActivityKind}): registered by apps with their app key, each
 * filed under a device of the same app and environment, and kept apart from device tokens
 * (APNs refuses one kind sent as the other). Apps register an update token when an activity
 * starts and unregister it when it ends; people see a device's tokens on its page and may add
 * one they copied from Xcode's log, or forget one. See docs/decisions/038-live-activities.md.
 *
 * <p>An update token expires {@link #ACTIVITY_LIFETIME} after its activity registered: the system
 * ends a Live Activity after eight hours at the latest, and an ended activity takes no updates.
 * A push-to-start token has no end of its own. Either ends earlier when the app unregisters it,
 * when APNs accepted an {@code end} event for it, or when APNs says the token is gone.
 *
 * <p>App keys act only for their own app and team, which come from the authenticated key, and
 * take a permit from the registration rate limits first ({@link RateLimitedException}). People
 * read as VIEWERs and change as EDITORs. Thread-safe. Bad input answers
 * {@link ValidationException} naming every field before anything is written; another team's
 * device or token answers {@link NotFoundException}.
 */
@Service
public class ActivityRegistrationService {

    /** How long an activity can be updated after it started: the system ends it after eight hours. */
    public static final Duration ACTIVITY_LIFETIME = Duration.ofHours(8);
    /** The reason stored when the app unregisters a token. */
    public static final String ENDED_BY_APP = "EndedByApp";
    static final int DEVICE_PAGE = 100;
    /** Why a value read with {@link #checked} is there: reading it raised no error. */
    private static final String READ = "read without errors";

    private final ActivityRepository activities;
    private final DeviceRepository devices;
    private final DeviceService deviceService;
    private final AppService apps;
    private final RegistrationLimits limits;
    private final CurrentActor actor;
    private final AuditLog audit;
    private final Clock clock;

    ActivityRegistrationService(ActivityRepository activities, DeviceRepository devices, DeviceService deviceService,
                                AppService apps, RegistrationLimits limits, CurrentActor actor, AuditLog audit,
                                Clock clock) {
        this.activities = activities;
        this.devices = devices;
        this.deviceService = deviceService;
        this.apps = apps;
        this.limits = limits;
        this.actor = actor;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Registers or refreshes {@code rawToken} (either token form) for the key's app, filed under
     * the app's device with {@code request.deviceToken()} in the same environment.
     *
     * @throws ValidationException a field is not acceptable, or the device is not registered (nothing stored)
     * @throws RateLimitedException the key or the address is over its limit
     */
    @PreAuthorize("hasRole('APP_KEY')")
    @Transactional
    public ActivityRegistered register(String rawToken, @Nullable ActivityRequest request) {
        AppKeyCallers.AppCaller key = appKey();
        ActivityRequest given = request == null ? new ActivityRequest(null, null, null, null, null) : request;
        List<FieldError> errors = new ArrayList<>();
        String token = checked(errors, () -> DeviceToken.normalize(rawToken));
        ApnsEnvironment environment = checked(errors, () -> ApnsEnvironment.parse(given.environment()));
        ActivityKind kind = checked(errors, () -> ActivityKind.parse(given.kind()));
        String type = names(given.attributesType(), given.activityId(), errors);
        Device device = null;
        if (given.deviceToken() == null || DeviceToken.check(given.deviceToken()).isPresent()) {
            errors.add(new FieldError("deviceToken", "activity.device-token.invalid"));
        } else if (environment != null) {
            device = devices.find(key.teamId(), key.appId(), environment, DeviceToken.normalize(given.deviceToken()))
                    .orElse(null);
            if (device == null) {
                errors.add(new FieldError("deviceToken", "activity.device.unknown"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return write(key.teamId(), Objects.requireNonNull(device, READ), Objects.requireNonNull(token, READ),
                Objects.requireNonNull(kind, READ), Objects.requireNonNull(type, READ),
                blankToNull(given.activityId()));
    }

    /**
     * Ends the key's token now (reason {@value #ENDED_BY_APP}): the activity ended on the device.
     *
     * @throws NotFoundException the app has no such token in that environment
     */
    @PreAuthorize("hasRole('APP_KEY')")
    @Transactional
    public void unregister(String rawToken, @Nullable String environment) {
        AppKeyCallers.AppCaller key = appKey();
        String token = DeviceToken.normalize(rawToken);
        ApnsEnvironment env = ApnsEnvironment.parse(environment);
        activities.find(key.teamId(), key.appId(), env, token).orElseThrow(NotFoundException::new);
        activities.end(key.teamId(), key.appId(), env, List.of(new Ending(token, clock.instant(), ENDED_BY_APP)));
    }

    /** A device's Live Activity tokens, newest first (at most {@value #DEVICE_PAGE}). */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public List<ActivityRegistration> ofDevice(UUID deviceId) {
        Device device = deviceService.get(deviceId);
        return activities.ofDevice(actor.teamId(), device.id(), DEVICE_PAGE);
    }

    /**
     * Which of {@code values} (activity tokens, or device aliases with {@code byAlias}) reach at
     * least one live token of the target, so a transactional send can report the others.
     */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public Set<String> liveAmong(UUID appId, ApnsEnvironment environment, ActivityTarget target, List<String> values,
                                 boolean byAlias) {
        PushApp app = apps.get(appId);
        return values.isEmpty() ? Set.of()
                : activities.liveAmong(actor.teamId(), app.id(), environment, target, values, byAlias);
    }

    /**
     * Files a token a person copied (from Xcode's log, say) under a device, as the app would have
     * registered it; a token the app has already is refreshed. Audited.
     */
    @PreAuthorize("hasRole('EDITOR')")
    @Transactional
    public ActivityRegistered add(UUID deviceId, @Nullable String rawToken, @Nullable ActivityKind kind,
                                  @Nullable String attributesType, @Nullable String activityId) {
        Device device = deviceService.get(deviceId);
        List<FieldError> errors = new ArrayList<>();
        String token = checked(errors, () -> DeviceToken.normalize(rawToken));
        if (kind == null) {
            errors.add(new FieldError("kind", "activity.kind.invalid"));
        }
        String type = names(attributesType, activityId, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        ActivityKind given = Objects.requireNonNull(kind, READ);
        String checkedType = Objects.requireNonNull(type, READ);
        String checkedToken = Objects.requireNonNull(token, READ);
        ActivityRegistered added = write(actor.teamId(), device, checkedToken, given, checkedType,
                blankToNull(activityId));
        audit.record("activity.added", DeviceToken.shorten(checkedToken),
                given.wire() + " " + checkedType);
        return added;
    }

    /** Forgets a token for good (with confirmation in the console). Audited. */
    @PreAuthorize("hasRole('EDITOR')")
    @Transactional
    public void remove(UUID deviceId, UUID registrationId) {
        Device device = deviceService.get(deviceId);
        ActivityRegistration registration = activities.find(actor.teamId(), registrationId)
                .filter(found -> found.deviceId().equals(device.id())).orElseThrow(NotFoundException::new);
        activities.delete(actor.teamId(), registration.id());
        audit.record("activity.removed", DeviceToken.shorten(registration.token()),
                registration.kind().wire() + " " + registration.attributesType());
    }

    private ActivityRegistered write(UUID tenantId, Device device, String token, ActivityKind kind, String type,
                                     @Nullable String activityId) {
        Instant now = clock.instant();
        try {
            ActivityRepository.Upserted upserted = activities.register(new ActivityRepository.Registering(tenantId,
                    device.appId(), device.id(), device.environment(), token, kind, type, activityId, now,
                    kind == ActivityKind.UPDATE ? ACTIVITY_LIFETIME : null));
            return new ActivityRegistered(upserted.registration(), upserted.created());
        } catch (DataIntegrityViolationException e) {
            // The device (or its app) was deleted meanwhile.
            throw new NotFoundException();
        }
    }

    /** Checks the attributes type and the optional activity id; answers the type. */
    private static @Nullable String names(@Nullable String attributesType, @Nullable String activityId,
                                          List<FieldError> errors) {
        String type = attributesType == null ? null : attributesType.strip();
        ActivityRules.attributesType(type)
                .ifPresent(problem -> errors.add(new FieldError("attributesType", problem.key(), problem.args())));
        if (activityId != null && !activityId.isEmpty()) {
            ActivityRules.activityId(activityId)
                    .ifPresent(problem -> errors.add(new FieldError("activityId", problem.key(), problem.args())));
        }
        return type;
    }

    private static <T> @Nullable T checked(List<FieldError> errors, java.util.function.Supplier<T> reading) {
        try {
            return reading.get();
        } catch (ValidationException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private AppKeyCallers.AppCaller appKey() {
        return AppKeyCallers.admit(actor, limits);
    }
}
