package dev.pushdeck.app;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The node-wide device-registration limits ({@code pushdeck.devices.registration.key-rate},
 * {@code key-burst}, {@code address-rate}, {@code address-burst}), which every app has
 * unless it sets its own rate. Sized for a large app: thousands of registrations a second
 * per key, and a per-address rate that a carrier-grade NAT with many phones behind one
 * address does not reach on an ordinary morning. An app's own rate keeps the node's ratio
 * of burst to rate (two seconds' worth by default). Immutable, thread-safe.
 */
@Component
public class RegistrationDefaults {

    private final double keyRate;
    private final double keyBurst;
    private final double addressRate;
    private final double addressBurst;

    RegistrationDefaults(@Value("${pushdeck.devices.registration.key-rate:5000}") double keyRate,
                         @Value("${pushdeck.devices.registration.key-burst:10000}") double keyBurst,
                         @Value("${pushdeck.devices.registration.address-rate:500}") double addressRate,
                         @Value("${pushdeck.devices.registration.address-burst:1000}") double addressBurst) {
        this.keyRate = keyRate;
        this.keyBurst = keyBurst;
        this.addressRate = addressRate;
        this.addressBurst = addressBurst;
    }

    public double keyRate() {
        return keyRate;
    }

    public double addressRate() {
        return addressRate;
    }

    /** The limits of an app whose own rates are {@code appKeyRate} and {@code appAddressRate} (null: the node's). */
    public RegistrationRates resolve(@Nullable Integer appKeyRate, @Nullable Integer appAddressRate) {
        double perKey = appKeyRate == null ? keyRate : appKeyRate;
        double perAddress = appAddressRate == null ? addressRate : appAddressRate;
        return new RegistrationRates(perKey, perKey * keyBurst / keyRate, perAddress,
                perAddress * addressBurst / addressRate);
    }
}
