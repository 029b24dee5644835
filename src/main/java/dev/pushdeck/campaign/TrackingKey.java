package dev.pushdeck.campaign;

import java.util.UUID;

/**
 * The payload key apps report opens and receipts with: {@code "pd": {"c": "<campaign id>",
 * "d": "<delivery id>"}}, the payload's last member. The campaign builds it with {@code "c"}
 * (a stand-in id of the same length until the campaign is launched); the dispatcher adds
 * {@code "d"}, the delivery's id, per device. The payload's size counts the widest delivery id,
 * so a payload within Apple's limit stays within it. See docs/decisions/045-opens-and-receipts.md.
 */
public final class TrackingKey {

    /** The top-level key, kept short: it is counted against Apple's payload limit. */
    public static final String NAME = "pd";
    /** The campaign id in payloads built before launch: the composer's preview and the stored draft. */
    public static final UUID NOT_LAUNCHED = new UUID(0, 0);
    /** The bytes the dispatcher adds per device: {@code ,"d":""} and a delivery id of up to 19 digits. */
    public static final int DELIVERY_BYTES = ",\"d\":\"\"".length() + String.valueOf(Long.MAX_VALUE).length();

    private TrackingKey() {
    }

    /** The key's text as it ends a payload built for {@code campaignId}. */
    static String tail(UUID campaignId) {
        return "\"" + NAME + "\":{\"c\":\"" + campaignId + "\"}}";
    }

    /** Whether a payload built before launch ends with the key. */
    public static boolean carriedBy(String payload) {
        return payload.endsWith(tail(NOT_LAUNCHED));
    }

    /**
     * The payload of a campaign being launched: the stand-in campaign id replaced by its own.
     * A payload without the key is returned as it is.
     */
    public static String launched(String payload, UUID campaignId) {
        return carriedBy(payload)
                ? payload.substring(0, payload.length() - tail(NOT_LAUNCHED).length()) + tail(campaignId)
                : payload;
    }
}
