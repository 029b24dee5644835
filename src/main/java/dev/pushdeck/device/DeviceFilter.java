package dev.pushdeck.device;

/**
 * Filters and order of a device list; every part is optional (null means "any").
 *
 * @param tag   devices carrying this tag
 * @param query a token prefix (either token form) or an alias prefix, case-insensitive
 */
public record DeviceFilter(Environment environment, DeviceStatus status, String tag, String query, Order order) {

    /** Orders the list can be sorted by, each served by an index. */
    public enum Order { TOKEN, ALIAS, LAST_REGISTERED }

    public static final DeviceFilter ALL = new DeviceFilter(null, null, null, null, Order.TOKEN);
}
