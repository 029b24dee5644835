package dev.pushdeck.device;

import dev.pushdeck.device.internal.DeviceRepository;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What APNs says about tokens, for the dispatcher: devices are marked, never deleted.
 * Meant for trusted background callers with no signed-in principal (the dispatcher's
 * workers), so it takes the tenant explicitly and has no role check; it is not reachable
 * from the UI or the REST API. Joins the caller's transaction (or opens one).
 * Thread-safe. Unknown ids are ignored (the device may have been removed meanwhile).
 */
@Service
public class DeviceFeedback {

    private final DeviceRepository devices;

    DeviceFeedback(DeviceRepository devices) {
        this.devices = devices;
    }

    /**
     * APNs 410: marks the device UNREGISTERED with Apple's timestamp, unless it registered
     * again after that time (then the answer is stale and ignored).
     *
     * @return whether the device was marked
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public boolean unregistered(UUID tenantId, UUID deviceId, Instant appleTimestamp, String reason) {
        return devices.markUnregistered(tenantId, deviceId, appleTimestamp, reason, true);
    }

    /**
     * APNs 400 BadDeviceToken / DeviceTokenNotForTopic: marks the device INVALID in its
     * environment at {@code at} with the reason.
     *
     * @return whether the device was marked
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public boolean invalid(UUID tenantId, UUID deviceId, String reason, Instant at) {
        return devices.markInvalid(tenantId, deviceId, at, reason);
    }
}
