package dev.pushdeck.device;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.device.internal.DeviceRepository;
import dev.pushdeck.device.internal.RegistrationRepository;
import dev.pushdeck.device.internal.DeviceRules;
import dev.pushdeck.device.internal.RegistrationLimits;
import dev.pushdeck.device.internal.RegistrationWriter;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.error.ValidationException;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registration and unregistration of device tokens by apps, with their app key
 * ({@code pdk_...}): a key acts only for its own app and team, which come from the
 * authenticated key, never from the request. Idempotent: registering the same token
 * again refreshes it. Every call first takes a permit from the per-key and per-address
 * rate limits ({@link RateLimitedException}). Thread-safe. Registrations that arrive
 * together are written together ({@link RegistrationWriter}); each call returns once its
 * own row is committed.
 */
@Service
public class DeviceRegistrationService {

    /** The reason recorded when an app itself unregisters a token. */
    public static final String UNREGISTERED_BY_APP = "UnregisteredByApp";
    /** The constraint that keeps a device's merged properties within their limit (V58). */
    private static final String PROPERTIES_LIMIT = "devices_properties_limit";

    private final DeviceRepository devices;
    private final RegistrationWriter writer;
    private final RegistrationLimits limits;
    private final CurrentActor actor;
    private final Clock clock;

    DeviceRegistrationService(DeviceRepository devices, RegistrationWriter writer, RegistrationLimits limits,
                              CurrentActor actor, Clock clock) {
        this.devices = devices;
        this.writer = writer;
        this.limits = limits;
        this.actor = actor;
        this.clock = clock;
    }

    /** As {@link #register(String, String, DeviceFields, DeviceAttributes)}, reporting nothing about the app. */
    @PreAuthorize("hasRole('APP_KEY')")
    public Registration register(String rawToken, @Nullable String environment, @Nullable DeviceFields fields) {
        return register(rawToken, environment, fields, DeviceAttributes.NONE);
    }

    /**
     * Registers {@code rawToken} (either token form) for the key's app. Fields that are
     * null stay as stored; an UNREGISTERED device becomes ACTIVE again because this
     * registration is newer than its unregistration; an INVALID one stays INVALID. The
     * registration's time is the device's "last seen". {@code attributes} (the app's version and
     * custom properties) merge into what is stored (docs/decisions/051-device-attributes.md).
     *
     * @throws dev.pushdeck.shared.error.ValidationException token, environment, fields or attributes are not acceptable,
     *                             or the properties would exceed {@value DeviceAttributes#MAX_PROPERTIES} keys once
     *                             merged (nothing stored)
     * @throws RateLimitedException the key or the address is over its limit
     */
    @PreAuthorize("hasRole('APP_KEY')")
    public Registration register(String rawToken, @Nullable String environment, @Nullable DeviceFields fields,
                                 @Nullable DeviceAttributes attributes) {
        AppKeyCallers.AppCaller key = appKey();
        String token = DeviceToken.normalize(rawToken);
        ApnsEnvironment env = ApnsEnvironment.parse(environment);
        DeviceFields clean = DeviceRules.normalize(fields == null ? DeviceFields.NONE : fields);
        DeviceRules.Reported reported = DeviceRules.reported(attributes);
        try {
            RegistrationRepository.Upserted upserted = writer.write(new RegistrationRepository.Registering(key.teamId(),
                    key.appId(), env, token, clean, reported, clock.instant()));
            return new Registration(upserted.device(), upserted.created());
        } catch (DataIntegrityViolationException e) {
            if (String.valueOf(e.getMostSpecificCause().getMessage()).contains(PROPERTIES_LIMIT)) {
                throw new ValidationException("properties", "device.properties.too-many-stored",
                        DeviceAttributes.MAX_PROPERTIES);
            }
            // The app was deleted while its key was in use.
            throw new NotFoundException();
        }
    }

    /**
     * Marks the key's device UNREGISTERED now (reason {@value #UNREGISTERED_BY_APP}); it
     * stays in the list and comes back with its next registration.
     *
     * @throws NotFoundException the app has no such token in that environment
     */
    @PreAuthorize("hasRole('APP_KEY')")
    @Transactional
    public void unregister(String rawToken, @Nullable String environment) {
        AppKeyCallers.AppCaller key = appKey();
        String token = DeviceToken.normalize(rawToken);
        ApnsEnvironment env = ApnsEnvironment.parse(environment);
        Device device = devices.find(key.teamId(), key.appId(), env, token).orElseThrow(NotFoundException::new);
        if (device.status() == DeviceStatus.ACTIVE) {
            devices.markUnregistered(key.teamId(), device.id(), clock.instant(), UNREGISTERED_BY_APP, false);
        }
    }

    private AppKeyCallers.AppCaller appKey() {
        return AppKeyCallers.admit(actor, limits);
    }
}
