package dev.pushdeck.device;

import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The rules for the names a Live Activity token is filed under, as pure functions shared by
 * registration and the campaign composer. An attributes type is the name of the app's
 * {@code ActivityAttributes} type as ActivityKit reports it, a Swift type name, optionally
 * qualified by its module ({@code DeliveryAttributes}, {@code Orders.DeliveryAttributes}).
 * An activity id is the app's own id for one activity: any text up to {@value #MAX_ACTIVITY_ID}
 * characters without control characters. Thread-safe.
 */
public final class ActivityRules {

    public static final int MAX_ATTRIBUTES_TYPE = 100;
    public static final int MAX_ACTIVITY_ID = 200;
    private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    private ActivityRules() {
    }

    /** Why {@code type} is no attributes type (a message key and its arguments), or empty when it is one. */
    public static Optional<DeviceToken.Problem> attributesType(@Nullable String type) {
        if (type == null || type.length() > MAX_ATTRIBUTES_TYPE || !TYPE_NAME.matcher(type).matches()) {
            return Optional.of(new DeviceToken.Problem("activity.attributes-type.invalid", MAX_ATTRIBUTES_TYPE));
        }
        return Optional.empty();
    }

    /** Why {@code id} is no activity id, or empty when it is one. */
    public static Optional<DeviceToken.Problem> activityId(String id) {
        if (id == null || id.isBlank() || id.length() > MAX_ACTIVITY_ID || id.chars().anyMatch(Character::isISOControl)) {
            return Optional.of(new DeviceToken.Problem("activity.activity-id.invalid", MAX_ACTIVITY_ID));
        }
        return Optional.empty();
    }
}
