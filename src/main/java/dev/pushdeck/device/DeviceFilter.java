package dev.pushdeck.device;

import dev.pushdeck.app.ApnsEnvironment;
import org.jspecify.annotations.Nullable;

/**
 * Filters and order of a device list; every part is optional (null means "any").
 *
 * @param tag   devices carrying this tag
 * @param query      a token prefix (either token form) or an alias prefix, case-insensitive
 * @param descending reverses the order (last registered: oldest first)
 */
public record DeviceFilter(@Nullable ApnsEnvironment environment, @Nullable DeviceStatus status, @Nullable String tag,
                           @Nullable String query, Order order,
                           boolean descending) {

    /** Orders the list can be sorted by, each served by an index. */
    public enum Order { TOKEN, ALIAS, LAST_REGISTERED }

    public static final DeviceFilter ALL = new DeviceFilter(null, null, null, null, Order.TOKEN, false);
}
