package dev.pushdeck.device;

import java.util.List;

/**
 * Who a campaign reaches among an app's ACTIVE devices in one environment: everyone, the
 * devices with any or all of some tags, explicit tokens, or the team's test devices.
 * Empty lists mean "no restriction".
 */
public record Audience(Environment environment, List<String> tagsAny, List<String> tagsAll, List<String> tokens,
                       boolean testDevicesOnly) {

    public static Audience everyone(Environment environment) {
        return new Audience(environment, List.of(), List.of(), List.of(), false);
    }
}
