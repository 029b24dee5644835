package dev.pushdeck.device.internal;

import dev.pushdeck.device.RateLimitedException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rate limits of the registration API: one bucket per app key and one per client
 * address, both must grant. Settings {@code pushdeck.devices.registration.key-rate},
 * {@code key-burst}, {@code address-rate}, {@code address-burst} (requests per second and
 * burst size). Per node, in memory. Thread-safe.
 */
@Component
public class RegistrationLimits {

    private final TokenBuckets perKey;
    private final TokenBuckets perAddress;

    RegistrationLimits(@Value("${pushdeck.devices.registration.key-rate:100}") double keyRate,
                       @Value("${pushdeck.devices.registration.key-burst:200}") double keyBurst,
                       @Value("${pushdeck.devices.registration.address-rate:20}") double addressRate,
                       @Value("${pushdeck.devices.registration.address-burst:40}") double addressBurst,
                       Clock clock) {
        this.perKey = new TokenBuckets(keyRate, keyBurst, clock);
        this.perAddress = new TokenBuckets(addressRate, addressBurst, clock);
    }

    /** Takes a permit for the key and the address, or throws with the time to wait. */
    public void acquire(UUID keyId, String address) {
        Duration addressWait = perAddress.take(address == null ? "?" : address);
        if (!addressWait.isZero()) {
            throw new RateLimitedException(addressWait);
        }
        Duration keyWait = perKey.take(keyId.toString());
        if (!keyWait.isZero()) {
            throw new RateLimitedException(keyWait);
        }
    }

    @Scheduled(fixedDelayString = "PT1M")
    void forgetIdle() {
        perKey.forgetIdle();
        perAddress.forgetIdle();
    }
}
