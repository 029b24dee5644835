package dev.pushdeck.device;

import dev.pushdeck.app.ApnsEnvironment;

/**
 * Where a device stands in an app's list in token order (token, then environment): the
 * cursor a long walk through the list continues from. Comparing positions rides on the
 * unique (app, token, environment) index, so each page costs the same at any depth.
 */
public record DevicePosition(String token, ApnsEnvironment environment) {

    public static DevicePosition of(Device device) {
        return new DevicePosition(device.token(), device.environment());
    }
}
