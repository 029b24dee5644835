package dev.pushdeck.device;

import java.util.List;

/**
 * Who a campaign reaches among an app's ACTIVE devices in one environment: everyone, the
 * devices with any or all of some tags, explicit tokens, devices by alias (the app's user
 * ids, matched exactly), or the team's test devices. Empty lists mean "no restriction",
 * so callers that mean "these tokens" or "these aliases" must never pass an empty list.
 */
public record Audience(Environment environment, List<String> tagsAny, List<String> tagsAll, List<String> tokens,
                       boolean testDevicesOnly, List<String> aliases) {

    public Audience {
        tagsAny = tagsAny == null ? List.of() : tagsAny;
        tagsAll = tagsAll == null ? List.of() : tagsAll;
        tokens = tokens == null ? List.of() : tokens;
        aliases = aliases == null ? List.of() : aliases;
    }

    /** An audience without aliases. */
    public Audience(Environment environment, List<String> tagsAny, List<String> tagsAll, List<String> tokens,
                    boolean testDevicesOnly) {
        this(environment, tagsAny, tagsAll, tokens, testDevicesOnly, List.of());
    }

    public static Audience everyone(Environment environment) {
        return new Audience(environment, List.of(), List.of(), List.of(), false);
    }
}
