package dev.pushdeck.dispatch;

import dev.pushdeck.shared.error.ValidationException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A broadcast channel's message storage policy (Apple's {@code message-storage-policy}): what
 * APNs keeps for a device that is offline when a broadcast goes out. Fixed when the channel is
 * created.
 */
public enum StoragePolicy {
    /** 0: nothing is stored; suits updates that come often (a score every minute). */
    NONE(0),
    /** 1: the most recent broadcast is stored and delivered when the device is back. */
    MOST_RECENT(1);

    private final int apple;

    StoragePolicy(int apple) {
        this.apple = apple;
    }

    /** Apple's number for it. */
    public int apple() {
        return apple;
    }

    /** The API's word: {@code none} or {@code most-recent}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The policy of Apple's number, or null for one it does not define. */
    public static @Nullable StoragePolicy ofApple(int number) {
        for (StoragePolicy policy : values()) {
            if (policy.apple == number) {
                return policy;
            }
        }
        return null;
    }

    /**
     * Reads the API's word, case-insensitively.
     *
     * @throws ValidationException on {@code messageStoragePolicy} for anything else
     */
    public static StoragePolicy parse(@Nullable String text) {
        for (StoragePolicy policy : values()) {
            if (policy.wire().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return policy;
            }
        }
        throw new ValidationException("messageStoragePolicy", "channel.policy.invalid");
    }
}
