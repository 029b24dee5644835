package dev.pushdeck.device.api;

import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.DeviceRegistrationService;
import dev.pushdeck.device.Registration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
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

    /** Absent fields keep what is stored; an empty list or text clears it. */
    record RegistrationBody(String environment, List<String> tags, String alias, String locale, String timezone) {
    }

    @PutMapping("/{token}")
    @Operation(summary = "Register or refresh a device token (app key); 201 when new, 200 when known")
    ResponseEntity<DeviceJson> register(@PathVariable String token, @RequestBody(required = false) RegistrationBody body) {
        RegistrationBody given = body == null ? new RegistrationBody(null, null, null, null, null) : body;
        Registration registration = registrations.register(token, given.environment(),
                new DeviceFields(given.tags(), given.alias(), given.locale(), given.timezone()));
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
