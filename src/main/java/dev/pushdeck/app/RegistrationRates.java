package dev.pushdeck.app;

/**
 * The device-registration limits an app is held to on each node: requests per second and
 * burst, per app key and per client address. Resolved from the app's own setting and the
 * node-wide defaults ({@link RegistrationDefaults}).
 */
public record RegistrationRates(double keyRate, double keyBurst, double addressRate, double addressBurst) {
}
