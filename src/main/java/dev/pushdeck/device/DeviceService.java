package dev.pushdeck.device;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.device.internal.ActivityRepository;
import dev.pushdeck.device.internal.DeviceAudiences;
import dev.pushdeck.device.internal.DeviceRepository;
import dev.pushdeck.device.internal.DeviceRules;
import dev.pushdeck.device.internal.FilteredDevices;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.shared.csv.CsvWriter;
import dev.pushdeck.shared.error.ConflictException;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.error.ValidationException.FieldError;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The current team's devices, per app, for people and team API tokens: lists with
 * filters, one device, manual add/edit/remove, test-device flags, audience counts and
 * exports. VIEWERs read; EDITORs and up change. Thread-safe. Another team's apps or
 * devices answer {@link NotFoundException}; bad input answers
 * {@link dev.pushdeck.shared.error.ValidationException} before anything is written.
 */
@Service
public class DeviceService {

    static final int EXPORT_PAGE = 5000;
    /** The path under which a list's attribute filters are checked: {@code filters[0].values[0]}. */
    private static final String FILTERS = "filters";
    static final List<String> EXPORT_COLUMNS = List.of("token", "environment", "tags", "alias", "locale",
            "timezone", "status");

    private final DeviceRepository devices;
    private final FilteredDevices filtered;
    private final DeviceAudiences audiences;
    private final ActivityRepository activities;
    private final AppService apps;
    private final CurrentActor actor;
    private final AuditLog audit;
    private final Clock clock;

    DeviceService(DeviceRepository devices, FilteredDevices filtered, DeviceAudiences audiences,
                  ActivityRepository activities, AppService apps, CurrentActor actor, AuditLog audit, Clock clock) {
        this.devices = devices;
        this.filtered = filtered;
        this.audiences = audiences;
        this.activities = activities;
        this.apps = apps;
        this.actor = actor;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A page of the app's devices in the filter's order. No total is counted: at a
     * million devices a count costs more than the page.
     *
     * @throws ValidationException on {@code filters[i]...} for an attribute filter that cannot be applied
     */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public List<Device> list(UUID appId, @Nullable DeviceFilter filter, long offset, int limit) {
        return list(appId, filter, null, offset, limit);
    }

    /**
     * As {@link #list(UUID, DeviceFilter, long, int)}, starting behind {@code after}: a
     * walk through a large list at constant cost per page. A position only makes sense in
     * token order, so the filter's order is token order then.
     */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public List<Device> list(UUID appId, @Nullable DeviceFilter filter, @Nullable DevicePosition after, long offset,
                             int limit) {
        PushApp app = apps.get(appId);
        DeviceFilter given = checked(filter);
        DeviceFilter clean = after == null ? given : given.ordered(DeviceFilter.Order.TOKEN, false);
        return filtered.list(actor.teamId(), app.id(), clean, after, Math.max(0, offset),
                Math.max(1, Math.min(limit, 500)));
    }

    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public Device get(UUID deviceId) {
        return devices.find(actor.teamId(), deviceId).orElseThrow(NotFoundException::new);
    }

    /** Whether the current team has this device: for callers that answer 404 for another team's id. */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public boolean exists(UUID deviceId) {
        return devices.find(actor.teamId(), deviceId).isPresent();
    }

    /**
     * How many of the current team's devices a run (a campaign's id) marked INVALID and
     * are still so: APNs refused their tokens while the run went well otherwise.
     */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public long countMarkedBy(UUID runId) {
        return devices.countMarkedBy(actor.teamId(), runId);
    }

    /**
     * Makes the devices a run marked INVALID (and that are still so) ACTIVE again, for when
     * the refusals had a cause other than the tokens. Audited with the count.
     *
     * @param what names the run for the audit log (e.g. the campaign's name)
     * @return how many devices were restored
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public int restoreMarkedBy(UUID runId, String what) {
        int restored = devices.restoreMarkedBy(actor.teamId(), runId);
        if (restored > 0) {
            audit.record("devices.restored", what, restored + " device(s) marked invalid by this run");
        }
        return restored;
    }

    /**
     * Adds a device a person pasted (either token form) as ACTIVE, registered now.
     *
     * @throws ConflictException the app already has this token in that environment
     */
    @PreAuthorize("hasRole('EDITOR')")
    @Transactional
    public Device add(UUID appId, @Nullable String environment, @Nullable String rawToken,
                      @Nullable DeviceFields fields) {
        return add(appId, environment, rawToken, fields, false);
    }

    /** As {@link #add(UUID, String, String, DeviceFields)}, marked as a test device when asked. */
    @PreAuthorize("hasRole('EDITOR')")
    @Transactional
    public Device add(UUID appId, @Nullable String environment, @Nullable String rawToken,
                      @Nullable DeviceFields fields, boolean testDevice) {
        PushApp app = apps.get(appId);
        String token = DeviceToken.normalize(rawToken);
        ApnsEnvironment env = ApnsEnvironment.parse(environment);
        DeviceFields clean = DeviceRules.normalize(fields == null ? DeviceFields.NONE : fields);
        Device device = devices.insert(actor.teamId(), app.id(), env, token, clean, clock.instant())
                .orElseThrow(() -> new ConflictException("device.exists"));
        if (testDevice) {
            devices.setTestDevice(actor.teamId(), device.id(), true);
        }
        audit.record("device.added", app.name(), env.wire() + " " + DeviceToken.shorten(token));
        return testDevice ? get(device.id()) : device;
    }

    /**
     * Changes what people may say about a device: each field of {@code changes} that is
     * not null replaces the stored one (an empty list or text clears it), and
     * {@code testDevice}, when not null, sets the test flag. All checked before anything is
     * written.
     */
    @PreAuthorize("hasRole('EDITOR')")
    @Transactional
    public Device update(UUID deviceId, @Nullable DeviceFields changes, @Nullable Boolean testDevice) {
        Device device = get(deviceId);
        DeviceFields clean = DeviceRules.normalize(changes == null ? DeviceFields.NONE : changes);
        devices.update(actor.teamId(), device.id(), clean, testDevice);
        return get(deviceId);
    }

    /**
     * Adds {@code add} to and takes {@code remove} from the tags of every device of the app
     * that matches the filter (its order is ignored), in one statement. A device that would
     * carry more than {@link DeviceRules#MAX_TAGS} tags is left as it is and counted.
     *
     * @throws ValidationException on {@code add}/{@code remove} for an invalid tag, or when both are empty; on
     *                             {@code filters[i]...} for an attribute filter that cannot be applied
     */
    @PreAuthorize("hasRole('EDITOR')")
    @Transactional
    public TagChange changeTags(UUID appId, @Nullable DeviceFilter filter, @Nullable List<String> add,
                                @Nullable List<String> remove) {
        PushApp app = apps.get(appId);
        List<String> adding = tagList(add, "add");
        List<String> removing = tagList(remove, "remove");
        if (adding.isEmpty() && removing.isEmpty()) {
            throw new ValidationException("add", "device.tags.change-empty");
        }
        FilteredDevices.TagChange change = filtered.changeTags(actor.teamId(), app.id(), checked(filter), adding,
                removing, DeviceRules.MAX_TAGS);
        audit.record("device.tags-changed", app.name(), "+" + adding + " -" + removing + ": " + change.changed()
                + " device(s)");
        return new TagChange(change.changed(), change.overLimit());
    }

    /**
     * The filter (all devices when null) with its attribute filters checked and normalized.
     *
     * @throws ValidationException on {@code filters[i]...} for an attribute filter that cannot be applied
     */
    private static DeviceFilter checked(@Nullable DeviceFilter filter) {
        DeviceFilter given = filter == null ? DeviceFilter.ALL : filter;
        List<FieldError> problems = new ArrayList<>();
        List<AttributeFilter> attributes = AttributeFilters.check(given.attributes(), FILTERS, problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return given.withAttributes(attributes);
    }

    /** How many devices a tag change altered, and how many it left alone at the tag limit. */
    public record TagChange(long changed, long overLimit) {
    }

    private static List<String> tagList(@Nullable List<String> given, String field) {
        try {
            return DeviceRules.normalizeTags(given == null ? List.of() : given);
        } catch (ValidationException e) {
            throw new ValidationException(field, "device.tags.invalid", DeviceRules.MAX_TAG_LENGTH);
        }
    }

    /** Deletes a device for good (feedback from APNs never does; people may). */
    @PreAuthorize("hasRole('EDITOR')")
    @Transactional
    public void remove(UUID deviceId) {
        Device device = get(deviceId);
        devices.delete(actor.teamId(), device.id());
        audit.record("device.removed", apps.get(device.appId()).name(),
                device.environment().wire() + " " + DeviceToken.shorten(device.token()));
    }

    /** Adds the device to, or takes it out of, the team's test devices (the audience of test sends). */
    @PreAuthorize("hasRole('EDITOR')")
    @Transactional
    public Device setTestDevice(UUID deviceId, boolean testDevice) {
        Device device = get(deviceId);
        devices.setTestDevice(actor.teamId(), device.id(), testDevice);
        return get(deviceId);
    }

    /**
     * How many ACTIVE devices of the app an audience reaches now; with an activity target, how
     * many live Live Activity tokens.
     *
     * @throws ValidationException on {@code audience.filters[i]...} for a filter that cannot be applied
     */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public long countAudience(UUID appId, Audience audience) {
        PushApp app = apps.get(appId);
        Audience clean = checkedAudience(audience);
        return clean.activity() == null ? audiences.countAudience(actor.teamId(), app.id(), clean)
                : activities.countAudience(actor.teamId(), app.id(), clean);
    }

    /**
     * How many ACTIVE devices of the app an audience of devices reaches now, by the locale they
     * reported (null for none): one grouped count, cheap at a million devices.
     *
     * @throws ValidationException      on {@code audience.filters[i]...} for a filter that cannot be applied
     * @throws IllegalArgumentException for an audience of Live Activity tokens
     */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public List<LocaleCount> countAudienceByLocale(UUID appId, Audience audience) {
        if (audience.activity() != null) {
            throw new IllegalArgumentException("Live Activity tokens are not counted by locale");
        }
        PushApp app = apps.get(appId);
        return audiences.countAudienceByLocale(actor.teamId(), app.id(), checkedAudience(audience));
    }

    /** The audience with its tokens, tags and aliases normalized and its filters checked. */
    private static Audience checkedAudience(Audience audience) {
        List<String> tokens = audience.tokens().stream().map(DeviceToken::normalize).toList();
        List<String> any = DeviceRules.normalizeTags(audience.tagsAny());
        List<String> all = DeviceRules.normalizeTags(audience.tagsAll());
        List<String> aliases = audience.aliases().stream().map(String::strip).toList();
        List<FieldError> problems = new ArrayList<>();
        List<AttributeFilter> filters = AttributeFilters.check(audience.filters(), "audience.filters", problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return new Audience(audience.environment(), any, all, tokens, audience.testDevicesOnly(), aliases,
                audience.activity(), filters);
    }

    /**
     * The property keys the app's devices report, in key order, each with the kind of value most
     * of them hold: what the composer suggests for property filters. Read from a sample of the
     * devices that report properties, so it stays quick at a million devices; a key only a few
     * devices report may be missing.
     */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public List<ReportedProperty> reportedProperties(UUID appId) {
        PushApp app = apps.get(appId);
        return audiences.reportedProperties(actor.teamId(), app.id());
    }

    /**
     * Which of the given normalized tokens (or, with {@code byAlias}, aliases) name at
     * least one ACTIVE device of the app in the environment. A transactional send reports
     * the others as unknown instead of dropping them silently.
     */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public Set<String> activeAmong(UUID appId, ApnsEnvironment environment, List<String> values, boolean byAlias) {
        PushApp app = apps.get(appId);
        return values.isEmpty() ? Set.of()
                : audiences.activeAmong(actor.teamId(), app.id(), environment, values, byAlias);
    }

    /**
     * Allows and audits an export of the app's devices now; the returned export streams
     * later, on any thread, without a principal.
     */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional
    public DeviceExport export(UUID appId) {
        PushApp app = apps.get(appId);
        UUID tenant = actor.teamId();
        audit.record("device.exported", app.name(), null);
        String name = "devices-" + app.name().replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) + ".csv";
        return new DeviceExport() {
            @Override
            public String fileName() {
                return name;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                writeCsv(tenant, app.id(), out);
            }
        };
    }

    private void writeCsv(UUID tenant, UUID appId, OutputStream out) throws IOException {
        CsvWriter csv = new CsvWriter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                64 * 1024));
        csv.write(EXPORT_COLUMNS);
        Device last = null;
        List<Device> page;
        do {
            page = filtered.after(tenant, appId, last, EXPORT_PAGE);
            for (Device device : page) {
                csv.write(List.of(device.token(), device.environment().wire(),
                        String.join(String.valueOf(DeviceRules.TAG_SEPARATOR), device.tags()), text(device.alias()),
                        text(device.locale()), text(device.timeZone()), device.status().name()));
            }
            if (!page.isEmpty()) {
                last = page.get(page.size() - 1);
            }
        } while (page.size() == EXPORT_PAGE);
        csv.flush();
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value;
    }
}
