package dev.pushdeck.device;

import dev.pushdeck.app.ApnsEnvironment;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Filters and order of a device list; every part is optional (null or empty means "any").
 *
 * @param tag        devices carrying this tag
 * @param query      a token prefix (either token form) or an alias prefix, case-insensitive
 * @param descending reverses the order (last registered: oldest first)
 * @param attributes conditions on what the app reports (version, last seen, properties), all of which must
 *                   hold; checked by the service with {@link AttributeFilters#check} under {@code filters}
 */
public record DeviceFilter(@Nullable ApnsEnvironment environment, @Nullable DeviceStatus status, @Nullable String tag,
                           @Nullable String query, Order order, boolean descending,
                           List<AttributeFilter> attributes) {

    /** Orders the list can be sorted by, each served by an index. */
    public enum Order { TOKEN, ALIAS, LAST_REGISTERED }

    public static final DeviceFilter ALL = new DeviceFilter(null, null, null, null, Order.TOKEN, false);

    public DeviceFilter {
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }

    /** A filter without attribute conditions. */
    public DeviceFilter(@Nullable ApnsEnvironment environment, @Nullable DeviceStatus status, @Nullable String tag,
                        @Nullable String query, Order order, boolean descending) {
        this(environment, status, tag, query, order, descending, List.of());
    }

    /** The same filter in another order. */
    public DeviceFilter ordered(Order newOrder, boolean newDescending) {
        return new DeviceFilter(environment, status, tag, query, newOrder, newDescending, attributes);
    }

    /** The same filter with other attribute conditions. */
    public DeviceFilter withAttributes(List<AttributeFilter> newAttributes) {
        return new DeviceFilter(environment, status, tag, query, order, descending, newAttributes);
    }
}
