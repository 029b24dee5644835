package dev.pushdeck.device;

import java.util.List;
import java.util.Objects;

/**
 * Which Live Activity tokens a campaign reaches instead of device tokens: the live tokens of
 * one kind and attributes type, of the devices its {@link Audience} selects, optionally only
 * those of some activities (by the app's id for them).
 *
 * @param activityIds empty for every activity of the type
 */
public record ActivityTarget(ActivityKind kind, String attributesType, List<String> activityIds) {

    public ActivityTarget {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(attributesType, "attributesType");
        activityIds = activityIds == null ? List.of() : List.copyOf(activityIds);
    }
}
