package dev.pushdeck.device;

import dev.pushdeck.shared.error.ValidationException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The two kinds of Live Activity token ActivityKit hands an app: an <em>update</em> token of one
 * running activity ({@code Activity.pushTokenUpdates}), which updates and ends that activity,
 * and a <em>push-to-start</em> token of an attributes type ({@code pushToStartTokenUpdates},
 * iOS 17.2+), which starts a new activity remotely.
 */
public enum ActivityKind {
    UPDATE, PUSH_TO_START;

    /** The word of the API: {@code update} or {@code push-to-start}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Reads the API's word, case-insensitively.
     *
     * @throws ValidationException on field {@code kind} for anything else
     */
    public static ActivityKind parse(@Nullable String text) {
        for (ActivityKind kind : values()) {
            if (kind.wire().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return kind;
            }
        }
        throw new ValidationException("kind", "activity.kind.invalid");
    }
}
