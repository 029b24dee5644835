package dev.pushdeck.campaign;

import dev.pushdeck.shared.error.ValidationException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The {@code apns-push-type} header values Apple lists, with the rules Pushdeck applies
 * to each: the payload limit, the topic suffix Apple requires after the bundle id,
 * whether the composer may show an alert, a priority Apple insists on, and whether only
 * an expert (raw) payload can express it.
 */
public enum PushType {
    /** A visible notification. */
    ALERT(4096, "", true, null, false),
    /** Wakes the app silently: priority 5, {@code content-available} 1, no alert, sound or badge. */
    BACKGROUND(4096, "", false, 5, false),
    /** A PushKit VoIP call; Apple allows 5120 bytes. */
    VOIP(5120, ".voip", true, null, false),
    /** A watchOS complication update. */
    COMPLICATION(4096, ".complication", true, null, false),
    /** A File Provider change signal: silent, priority 5. */
    FILEPROVIDER(4096, ".pushkit.fileprovider", false, 5, false),
    /** A device-management wake-up: expert payload with an {@code mdm} key. */
    MDM(4096, "", false, null, true),
    /** A location query for a Location Push Service Extension: silent. */
    LOCATION(4096, ".location-query", false, null, false),
    /** A Live Activity start, update or end, composed from its own fields ({@link LiveActivity}). */
    LIVEACTIVITY(4096, ".push-type.liveactivity", false, null, false),
    /** A Push to Talk message: silent, priority 10. */
    PUSHTOTALK(4096, ".voip-ptt", false, 10, false);

    private final int limit;
    private final String topicSuffix;
    private final boolean alertAllowed;
    private final @Nullable Integer forcedPriority;
    private final boolean rawOnly;

    PushType(int limit, String topicSuffix, boolean alertAllowed, @Nullable Integer forcedPriority, boolean rawOnly) {
        this.limit = limit;
        this.topicSuffix = topicSuffix;
        this.alertAllowed = alertAllowed;
        this.forcedPriority = forcedPriority;
        this.rawOnly = rawOnly;
    }

    /** The most UTF-8 bytes APNs accepts for a payload of this type. */
    public int limit() {
        return limit;
    }

    /** The APNs topic for an app: its bundle id plus the suffix Apple requires for this type. */
    public String topic(String bundleId) {
        return bundleId + topicSuffix;
    }

    /** Whether the composer's alert fields (title, subtitle, body, sound, badge) apply. */
    public boolean alertAllowed() {
        return alertAllowed;
    }

    /** Whether only a raw payload can express this type. */
    public boolean rawOnly() {
        return rawOnly;
    }

    /** Whether the composer sets {@code content-available} regardless of the checkbox. */
    public boolean forcesContentAvailable() {
        return this == BACKGROUND || this == FILEPROVIDER;
    }

    /** The priority sent: the one Apple requires for this type, else the one asked for. */
    public int effectivePriority(int requested) {
        return forcedPriority == null ? requested : forcedPriority;
    }

    public boolean forcesPriority() {
        return forcedPriority != null;
    }

    /**
     * Whether the app's own code receives the payload, so it can report opens and receipts with
     * the {@link TrackingKey}: not for a Live Activity (ActivityKit reads it), a File Provider
     * signal or a device-management wake-up (the system handles those).
     */
    public boolean appReadsPayload() {
        return this != LIVEACTIVITY && this != FILEPROVIDER && this != MDM;
    }

    /** The header word: {@code alert}, {@code background}, ... */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads the header word, case-insensitively; null means {@link #ALERT}.
     *
     * @throws ValidationException on field {@code pushType} for anything else
     */
    public static PushType parse(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return ALERT;
        }
        for (PushType type : values()) {
            if (type.wire().equalsIgnoreCase(value.trim())) {
                return type;
            }
        }
        throw new ValidationException("pushType", "campaign.push-type.invalid");
    }
}
