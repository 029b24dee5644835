package dev.pushdeck.device;

import org.jspecify.annotations.Nullable;

/**
 * What an app says when it registers a Live Activity token.
 *
 * @param kind           {@code update} or {@code push-to-start}
 * @param attributesType the ActivityAttributes type of the activity (or of the activities the token starts)
 * @param activityId     the app's own id of the activity, or null (push-to-start tokens have none)
 * @param deviceToken    the APNs device token of the device the activity runs on; registered before
 */
public record ActivityRequest(@Nullable String environment, @Nullable String kind, @Nullable String attributesType,
                              @Nullable String activityId, @Nullable String deviceToken) {
}
