package dev.pushdeck.device;

import dev.pushdeck.app.ApnsEnvironment;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Who a campaign reaches among an app's devices in one environment: everyone, the devices
 * with any or all of some tags, explicit tokens, devices by alias (the app's user ids,
 * matched exactly), or the team's test devices. Empty lists mean "no restriction", so
 * callers that mean "these tokens" or "these aliases" must never pass an empty list.
 *
 * <p>Without {@code activity} it reaches the ACTIVE devices' own tokens. With one it reaches
 * the live Live Activity tokens the {@link ActivityTarget} names, of the devices it selects
 * whatever their status (a person may turn notifications off and keep Live Activities on),
 * and {@code tokens} then names activity tokens.
 *
 * <p>{@code filters} narrow any of these further by what the app reported (version, last seen,
 * properties); every filter must hold.
 */
public record Audience(ApnsEnvironment environment, List<String> tagsAny, List<String> tagsAll, List<String> tokens,
                       boolean testDevicesOnly, List<String> aliases, @Nullable ActivityTarget activity,
                       List<AttributeFilter> filters) {

    public Audience {
        tagsAny = tagsAny == null ? List.of() : tagsAny;
        tagsAll = tagsAll == null ? List.of() : tagsAll;
        tokens = tokens == null ? List.of() : tokens;
        aliases = aliases == null ? List.of() : aliases;
        filters = filters == null ? List.of() : List.copyOf(filters);
    }

    /** An audience without attribute filters. */
    public Audience(ApnsEnvironment environment, List<String> tagsAny, List<String> tagsAll, List<String> tokens,
                    boolean testDevicesOnly, List<String> aliases, @Nullable ActivityTarget activity) {
        this(environment, tagsAny, tagsAll, tokens, testDevicesOnly, aliases, activity, List.of());
    }

    /** A device audience. */
    public Audience(ApnsEnvironment environment, List<String> tagsAny, List<String> tagsAll, List<String> tokens,
                    boolean testDevicesOnly, List<String> aliases) {
        this(environment, tagsAny, tagsAll, tokens, testDevicesOnly, aliases, null);
    }

    /** A device audience without aliases. */
    public Audience(ApnsEnvironment environment, List<String> tagsAny, List<String> tagsAll, List<String> tokens,
                    boolean testDevicesOnly) {
        this(environment, tagsAny, tagsAll, tokens, testDevicesOnly, List.of());
    }

    public static Audience everyone(ApnsEnvironment environment) {
        return new Audience(environment, List.of(), List.of(), List.of(), false);
    }

    /** The same audience, reaching the Live Activity tokens {@code target} names instead of device tokens. */
    public Audience toActivities(ActivityTarget target) {
        return new Audience(environment, tagsAny, tagsAll, tokens, testDevicesOnly, aliases, target, filters);
    }

    /** The same audience, narrowed by {@code newFilters} instead of its own. */
    public Audience withFilters(List<AttributeFilter> newFilters) {
        return new Audience(environment, tagsAny, tagsAll, tokens, testDevicesOnly, aliases, activity, newFilters);
    }
}
