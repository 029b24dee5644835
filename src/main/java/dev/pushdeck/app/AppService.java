package dev.pushdeck.app;

import dev.pushdeck.app.internal.AppRepository;
import dev.pushdeck.app.internal.VerifiedAppKeys;
import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.error.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The current team's push apps. Admins create, rename and delete; everyone in the team
 * reads. Thread-safe. Another team's app ids answer {@link NotFoundException}; bad names
 * and bundle ids answer {@link ValidationException} naming the field.
 */
@Service
public class AppService {

    static final int MAX_NAME = 120;
    /** Reverse-DNS: at least two dot-separated parts of letters, digits, hyphens (Apple's rule). */
    private static final Pattern BUNDLE_ID = Pattern.compile("^[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$");
    private static final int MAX_BUNDLE_ID = 155;
    /** A rate no node could serve; beyond it a typo rather than a plan. */
    public static final int MAX_REGISTRATION_RATE = 1_000_000;

    private final AppRepository apps;
    private final CurrentActor actor;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final VerifiedAppKeys verifiedKeys;

    AppService(AppRepository apps, CurrentActor actor, AuditLog audit, ApplicationEventPublisher events,
               VerifiedAppKeys verifiedKeys) {
        this.apps = apps;
        this.actor = actor;
        this.audit = audit;
        this.events = events;
        this.verifiedKeys = verifiedKeys;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public PushApp create(String name, String bundleId) {
        UUID team = actor.teamId();
        String cleanName = validate(team, name, bundleId, null);
        UUID id = apps.insert(team, cleanName, bundleId.trim(), actor.require().actorLabel());
        audit.record("app.created", cleanName, bundleId.trim());
        return get(id);
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public PushApp update(UUID id, String name, String bundleId) {
        UUID team = actor.teamId();
        PushApp before = get(id);
        String cleanName = validate(team, name, bundleId, id);
        apps.update(team, id, cleanName, bundleId.trim());
        audit.record("app.updated", cleanName, before.name() + " / " + before.bundleId() + " → " + bundleId.trim());
        return get(id);
    }

    /**
     * Sets the app's own device-registration rates (requests per second per app key and per
     * client address, on each node); {@code null} keeps the node-wide setting. Nodes apply
     * the change within seconds (at once on this node).
     *
     * @throws ValidationException a rate below 1 or above {@value #MAX_REGISTRATION_RATE}, naming the field
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public PushApp setRegistrationRates(UUID id, @Nullable Integer keyRate, @Nullable Integer addressRate) {
        PushApp before = get(id);
        List<ValidationException.FieldError> errors = new ArrayList<>();
        checkRate("keyRate", keyRate, errors);
        checkRate("addressRate", addressRate, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        apps.updateRegistrationRates(actor.teamId(), id, keyRate, addressRate);
        events.publishEvent(new AppRegistrationRatesChanged(id));
        audit.record("app.registration-rates-changed", before.name(), "key " + rateText(before.registrationKeyRate())
                + " → " + rateText(keyRate) + ", address " + rateText(before.registrationAddressRate()) + " → "
                + rateText(addressRate));
        return get(id);
    }

    /**
     * Sets the app's frequency cap: at most {@code perDay} notifications per device in any 24
     * hours and {@code perWeek} in any 7 days across its campaigns; {@code null} for no such cap.
     * Campaigns launched from now on are held to it; runs already fanned out keep what they were
     * given (docs/decisions/054-frequency-caps.md).
     *
     * @throws ValidationException a cap out of range, or a weekly cap below the daily one, naming the field
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public PushApp setFrequencyCap(UUID id, @Nullable Integer perDay, @Nullable Integer perWeek) {
        PushApp before = get(id);
        List<ValidationException.FieldError> errors = FrequencyCap.problems(perDay, perWeek);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        apps.updateFrequencyCap(actor.teamId(), id, perDay, perWeek);
        audit.record("app.frequency-cap-changed", before.name(), "day " + capText(before.capPerDay()) + " → "
                + capText(perDay) + ", week " + capText(before.capPerWeek()) + " → " + capText(perWeek));
        return get(id);
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void delete(UUID id) {
        PushApp app = get(id);
        events.publishEvent(new AppDeleting(actor.teamId(), id));
        apps.delete(actor.teamId(), id);
        verifiedKeys.forgetAppOnCommit(id);
        audit.record("app.deleted", app.name(), app.bundleId());
    }

    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public PushApp get(UUID id) {
        return apps.find(actor.teamId(), id).orElseThrow(NotFoundException::new);
    }

    /** Whether the current team has this app: for callers that answer 404 for another team's id. */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public boolean exists(UUID id) {
        return apps.find(actor.teamId(), id).isPresent();
    }

    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public List<PushApp> list(int offset, int limit) {
        return apps.list(actor.teamId(), offset, Math.min(limit, 500));
    }

    /** Every app of the team, by name, for pickers and lists that show them all; no page limit. */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public List<PushApp> all() {
        return apps.list(actor.teamId(), 0, Integer.MAX_VALUE);
    }

    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public long count() {
        return apps.count(actor.teamId());
    }

    private static void checkRate(String field, @Nullable Integer rate,
                                  List<ValidationException.FieldError> errors) {
        if (rate != null && (rate < 1 || rate > MAX_REGISTRATION_RATE)) {
            errors.add(new ValidationException.FieldError(field, "error.app.registration-rate",
                    MAX_REGISTRATION_RATE));
        }
    }

    private static String rateText(@Nullable Integer rate) {
        return rate == null ? "default" : rate + "/s";
    }

    private static String capText(@Nullable Integer cap) {
        return cap == null ? "none" : String.valueOf(cap);
    }

    private String validate(UUID team, String name, String bundleId, @Nullable UUID exceptId) {
        List<ValidationException.FieldError> errors = new ArrayList<>();
        String cleanName = name == null ? "" : name.trim();
        if (cleanName.isEmpty() || cleanName.length() > MAX_NAME) {
            errors.add(new ValidationException.FieldError("name", "error.name.length", MAX_NAME));
        } else if (apps.nameTaken(team, cleanName, exceptId)) {
            errors.add(new ValidationException.FieldError("name", "error.app.name-taken"));
        }
        String cleanBundle = bundleId == null ? "" : bundleId.trim();
        if (cleanBundle.length() > MAX_BUNDLE_ID || !BUNDLE_ID.matcher(cleanBundle).matches()) {
            errors.add(new ValidationException.FieldError("bundleId", "error.app.bundle-id"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return cleanName;
    }
}
