package dev.pushdeck.device.api;

import dev.pushdeck.device.DeviceAttributes;
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.DeviceRegistrationService;
import dev.pushdeck.device.Registration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Apps register their device tokens here with an app key: {@code /api/v1/device-registrations}. */
@RestController
@RequestMapping("/api/v1/device-registrations")
@Tag(name = "Device registration")
class DeviceRegistrationController {

    private final DeviceRegistrationService registrations;

    DeviceRegistrationController(DeviceRegistrationService registrations) {
        this.registrations = registrations;
    }

    /**
     * Absent fields keep what is stored; an empty list or text clears it. {@code properties} merge
     * into the stored ones key by key; a key given as null is removed.
     */
    record RegistrationBody(@Nullable String environment, @Nullable List<String> tags, @Nullable String alias,
                            @Nullable String locale, @Nullable String timezone,
                            @Schema(description = "the app's version: one to four numbers separated by dots, e.g. "
                                    + "2.10.1; \"\" clears it") @Nullable String appVersion,
                            @Schema(description = "flat custom properties, at most 50: keys a letter then letters, "
                                    + "digits, _ . - (64 at most); values text (256 at most), numbers or booleans; "
                                    + "null removes a key") @Nullable Map<String, Object> properties) {
    }

    @PutMapping("/{token}")
    @Operation(summary = "Register or refresh a device token (app key); 201 when new, 200 when known")
    ResponseEntity<DeviceJson> register(@PathVariable String token,
                                        @RequestBody(required = false) @Nullable RegistrationBody body) {
        RegistrationBody given = body == null ? new RegistrationBody(null, null, null, null, null, null, null) : body;
        Registration registration = registrations.register(token, given.environment(),
                new DeviceFields(given.tags(), given.alias(), given.locale(), given.timezone()),
                new DeviceAttributes(given.appVersion(), given.properties()));
        return ResponseEntity.status(registration.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(DeviceJson.of(registration.device()));
    }

    @DeleteMapping("/{token}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Unregister a device token (app key): it is marked UNREGISTERED until registered again")
    void unregister(@PathVariable String token, @RequestParam(required = false) String environment) {
        registrations.unregister(token, environment);
    }
}
