package dev.pushdeck.device.api;

import dev.pushdeck.device.ActivityKind;
import dev.pushdeck.device.ActivityRegistered;
import dev.pushdeck.device.ActivityRegistrationService;
import dev.pushdeck.device.ActivityRequest;
import dev.pushdeck.shared.web.Idempotent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Live Activity tokens: apps register them with an app key at
 * {@code /api/v1/activity-registrations/{token}}; team tokens read a device's at
 * {@code /api/v1/devices/{deviceId}/activity-registrations}, add one and forget one.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Live Activity registration")
class ActivityRegistrationController {

    private final ActivityRegistrationService activities;

    ActivityRegistrationController(ActivityRegistrationService activities) {
        this.activities = activities;
    }

    @Schema(name = "ActivityRegistrationRequest")
    record RegistrationBody(@Schema(allowableValues = {"sandbox", "production"}) @Nullable String environment,
                            @Schema(allowableValues = {"update", "push-to-start"}) @Nullable String kind,
                            @Schema(description = "the ActivityAttributes type, e.g. DeliveryAttributes")
                            @Nullable String attributesType,
                            @Schema(description = "the app's own id of the activity; optional")
                            @Nullable String activityId,
                            @Schema(description = "the APNs token of the device the activity runs on, registered "
                                    + "before at /device-registrations") @Nullable String deviceToken) {
    }

    @Schema(name = "ActivityTokenRequest")
    record AddBody(@Nullable String token,
                   @Schema(allowableValues = {"update", "push-to-start"}) @Nullable String kind,
                   @Nullable String attributesType, @Nullable String activityId) {
    }

    @PutMapping("/activity-registrations/{token}")
    @Operation(summary = "Register or refresh a Live Activity token (app key): an update token of a running "
            + "activity or a push-to-start token; 201 when new, 200 when known")
    ResponseEntity<ActivityJson> register(@PathVariable String token,
                                          @RequestBody(required = false) @Nullable RegistrationBody body) {
        RegistrationBody given = body == null ? new RegistrationBody(null, null, null, null, null) : body;
        ActivityRegistered registered = activities.register(token, new ActivityRequest(given.environment(),
                given.kind(), given.attributesType(), given.activityId(), given.deviceToken()));
        return answer(registered);
    }

    @DeleteMapping("/activity-registrations/{token}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Unregister a Live Activity token (app key) when its activity ended: it is ENDED")
    void unregister(@PathVariable String token, @RequestParam(required = false) @Nullable String environment) {
        activities.unregister(token, environment);
    }

    @GetMapping("/devices/{deviceId}/activity-registrations")
    @Operation(summary = "A device's Live Activity tokens, newest first (at most 100)")
    List<ActivityJson> list(@PathVariable UUID deviceId) {
        return activities.ofDevice(deviceId).stream().map(ActivityJson::of).toList();
    }

    @PostMapping("/devices/{deviceId}/activity-registrations")
    @Idempotent
    @Operation(summary = "File a Live Activity token under a device, as its app would register it (EDITOR); 201 "
            + "when new, 200 when the app had it")
    ResponseEntity<ActivityJson> add(@PathVariable UUID deviceId,
                                     @RequestBody(required = false) @Nullable AddBody body) {
        AddBody given = body == null ? new AddBody(null, null, null, null) : body;
        ActivityKind kind = given.kind() == null ? null : ActivityKind.parse(given.kind());
        return answer(activities.add(deviceId, given.token(), kind, given.attributesType(), given.activityId()));
    }

    @DeleteMapping("/devices/{deviceId}/activity-registrations/{registrationId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Forget a device's Live Activity token for good (EDITOR)")
    void remove(@PathVariable UUID deviceId, @PathVariable UUID registrationId) {
        activities.remove(deviceId, registrationId);
    }

    private static ResponseEntity<ActivityJson> answer(ActivityRegistered registered) {
        return ResponseEntity.status(registered.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(ActivityJson.of(registered.registration()));
    }
}
