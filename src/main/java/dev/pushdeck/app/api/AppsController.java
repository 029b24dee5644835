package dev.pushdeck.app.api;

import dev.pushdeck.app.AppService;
import dev.pushdeck.app.CredentialService;
import dev.pushdeck.app.EnvironmentStatus;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.shared.web.Page;
import dev.pushdeck.shared.web.Idempotent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The team's apps: {@code /api/v1/apps}. */
@RestController
@RequestMapping("/api/v1/apps")
@Tag(name = "Apps")
class AppsController {

    private final AppService apps;
    private final CredentialService credentials;

    AppsController(AppService apps, CredentialService credentials) {
        this.apps = apps;
        this.credentials = credentials;
    }

    record AppJson(UUID id, String name, String bundleId, Instant createdAt, boolean paused,
                   @Nullable String pausedReason) {
        static AppJson of(PushApp app) {
            return new AppJson(app.id(), app.name(), app.bundleId(), app.createdAt(), app.paused(), app.pausedReason());
        }
    }

    record AppBody(String name, String bundleId) {
    }

    /**
     * Where an environment stands: NONE, VALID, EXPIRING_SOON, EXPIRED or PAUSED (with the
     * reason as a stored message key and its arguments); and, while APNs is unavailable and
     * the dispatcher retries, since when and why.
     */
    record EnvironmentJson(String environment, EnvironmentStatus.State status, @Nullable UUID credentialId,
                           @Nullable Instant validUntil, @Nullable String pausedReason,
                           @Nullable Instant unavailableSince, @Nullable String unavailableReason) {
        static EnvironmentJson of(EnvironmentStatus status) {
            return new EnvironmentJson(status.environment().wire(), status.state(), status.credentialId(),
                    status.validUntil(), status.pausedReason(), status.unavailableSince(),
                    status.unavailableReason());
        }
    }

    record AppDetailJson(UUID id, String name, String bundleId, Instant createdAt, boolean paused,
                         @Nullable String pausedReason,
                         List<CredentialsController.CredentialJson> credentials, List<EnvironmentJson> environments,
                         RegistrationLimitsJson registrationLimits, FrequencyCapJson frequencyCap) {
    }

    /** The app's own registration rates per node (requests/s); null fields follow the node-wide setting. */
    record RegistrationLimitsJson(@Nullable Integer keyRate, @Nullable Integer addressRate) {
        static RegistrationLimitsJson of(PushApp app) {
            return new RegistrationLimitsJson(app.registrationKeyRate(), app.registrationAddressRate());
        }
    }

    /**
     * The app's frequency cap: at most this many notifications per device in any 24 hours / 7 days
     * across its campaigns; null for no such cap.
     */
    @Schema(description = "At most this many notifications per device in any 24 hours (perDay) and any 7 days"
            + " (perWeek) across the app's campaigns; null for no such cap. A delivery to a device at its cap is"
            + " not sent: it is SKIPPED with the reason FrequencyCap. Transactional sends"
            + " (POST /apps/{appId}/notifications) and test sends are not capped, though what APNs accepted of them"
            + " counts; Live Activity updates and broadcasts are neither capped nor counted.")
    record FrequencyCapJson(@Nullable @Schema(minimum = "1", maximum = "100", example = "3") Integer perDay,
                            @Nullable @Schema(minimum = "1", maximum = "700", example = "10") Integer perWeek) {
        static FrequencyCapJson of(PushApp app) {
            return new FrequencyCapJson(app.capPerDay(), app.capPerWeek());
        }
    }

    @GetMapping
    @Operation(summary = "List the team's apps")
    Page<AppJson> list(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        int pageSize = Page.size(size);
        int pageNo = Page.page(page);
        return new Page<>(apps.list(pageNo * pageSize, pageSize).stream().map(AppJson::of).toList(), pageNo, pageSize,
                apps.count());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Idempotent
    @Operation(summary = "Register an app (ADMIN)")
    AppJson create(@RequestBody AppBody body) {
        return AppJson.of(apps.create(body.name(), body.bundleId()));
    }

    @GetMapping("/{appId}")
    @Operation(summary = "One app, with its credentials and per-environment status")
    AppDetailJson get(@PathVariable UUID appId) {
        PushApp app = apps.get(appId);
        List<CredentialsController.CredentialJson> list = credentials.list(appId).stream()
                .map(CredentialsController.CredentialJson::of).toList();
        List<EnvironmentJson> environments = Objects.requireNonNull(credentials.statuses(List.of(appId)).get(appId),
                "statuses answer for every app asked").values().stream().map(EnvironmentJson::of).toList();
        return new AppDetailJson(app.id(), app.name(), app.bundleId(), app.createdAt(), app.paused(),
                app.pausedReason(), list, environments, RegistrationLimitsJson.of(app), FrequencyCapJson.of(app));
    }

    @GetMapping("/{appId}/frequency-cap")
    @Operation(summary = "The app's frequency cap per device (null fields: no such cap)")
    FrequencyCapJson frequencyCap(@PathVariable UUID appId) {
        return FrequencyCapJson.of(apps.get(appId));
    }

    @PutMapping("/{appId}/frequency-cap")
    @Operation(summary = "Set the app's frequency cap per device (ADMIN); null fields for no such cap")
    FrequencyCapJson setFrequencyCap(@PathVariable UUID appId, @RequestBody FrequencyCapJson body) {
        return FrequencyCapJson.of(apps.setFrequencyCap(appId, body.perDay(), body.perWeek()));
    }

    @PutMapping("/{appId}/registration-limits")
    @Operation(summary = "Set the app's own device-registration rates per node (ADMIN); null for the node default")
    RegistrationLimitsJson setRegistrationLimits(@PathVariable UUID appId, @RequestBody RegistrationLimitsJson body) {
        return RegistrationLimitsJson.of(apps.setRegistrationRates(appId, body.keyRate(), body.addressRate()));
    }

    @Schema(description = "Fields to change; an absent or null field stays as it is")
    record AppChangeJson(String name, String bundleId) {
    }

    @PatchMapping("/{appId}")
    @Operation(summary = "Rename an app or change its bundle id (ADMIN); absent fields stay")
    AppJson update(@PathVariable UUID appId, @RequestBody AppChangeJson body) {
        PushApp app = apps.get(appId);
        return AppJson.of(apps.update(appId, body.name() == null ? app.name() : body.name(),
                body.bundleId() == null ? app.bundleId() : body.bundleId()));
    }

    @DeleteMapping("/{appId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete an app with its credentials and devices (ADMIN)")
    void delete(@PathVariable UUID appId) {
        apps.delete(appId);
    }
}
