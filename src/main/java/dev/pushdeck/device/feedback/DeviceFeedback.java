package dev.pushdeck.device.feedback;

import dev.pushdeck.device.internal.DeviceRepository;
import java.time.Instant;
import java.util.List;
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

    static final int CHUNK = 1000;

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

    /** A device whose token APNs refused in a run, with Apple's reason and when. */
    public record RefusedToken(UUID deviceId, String reason, Instant at) {
    }

    /**
     * APNs 400 BadDeviceToken / DeviceTokenNotForTopic, judged once the run ended well:
     * marks each still ACTIVE device INVALID at its time, with its reason and the run that
     * marked it (so an admin can restore what one run marked), unless it registered again
     * after that time. Written in statements of at most {@value #CHUNK} devices.
     *
     * @return how many devices were marked
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public int invalid(UUID tenantId, UUID runId, List<RefusedToken> refused) {
        int marked = 0;
        for (int from = 0; from < refused.size(); from += CHUNK) {
            List<RefusedToken> chunk = refused.subList(from, Math.min(refused.size(), from + CHUNK));
            marked += devices.markInvalid(tenantId, runId, chunk.stream().map(RefusedToken::deviceId).toList(),
                    chunk.stream().map(RefusedToken::at).toList(), chunk.stream().map(RefusedToken::reason).toList());
        }
        return marked;
    }
}
