package dev.pushdeck.dispatch;

import java.time.Instant;
import java.util.Set;

/**
 * What one APNs answer (or failure to get one) means for a delivery, classified by HTTP
 * status and Apple's reason rather than by "accepted or not".
 */
record Answer(Kind kind, Integer statusCode, String reason, Instant appleTimestamp) {

    enum Kind {
        /** 200. */
        ACCEPTED,
        /** Transient: try again later with backoff. */
        RETRY,
        /** The token is not valid (400 BadDeviceToken, DeviceTokenNotForTopic). */
        DEVICE_INVALID,
        /** The app was removed from the device (410). */
        DEVICE_UNREGISTERED,
        /** Apple refused our credential: pause the app's environment, give the delivery back. */
        CREDENTIAL,
        /** Apple refused the notification itself: stop the run. */
        RUN,
        /** Refused for this delivery only, for a reason we do not act on. */
        REJECTED,
        /** Not sent because the notification expired first. */
        EXPIRED,
        /** Not sent for a reason unrelated to this delivery (e.g. the database was away): give it back. */
        RELEASE
    }

    private static final Set<String> RETRY_REASONS = Set.of("TooManyRequests", "InternalServerError",
            "ServiceUnavailable", "Shutdown", "ExpiredProviderToken", "IdleTimeout");
    private static final Set<String> DEVICE_INVALID_REASONS = Set.of("BadDeviceToken", "DeviceTokenNotForTopic");
    private static final Set<String> CREDENTIAL_REASONS = Set.of("BadCertificate", "BadCertificateEnvironment",
            "InvalidProviderToken", "MissingProviderToken", "Forbidden", "TopicDisallowed",
            "TooManyProviderTokenUpdates");
    private static final Set<String> RUN_REASONS = Set.of("PayloadTooLarge", "BadCollapseId", "BadExpirationDate",
            "BadPriority", "BadTopic", "MissingTopic", "InvalidPushType", "PayloadEmpty");

    static Answer of(int statusCode, String reason, Instant appleTimestamp) {
        String why = reason == null ? "" : reason;
        Kind kind;
        if (statusCode == 200) {
            kind = Kind.ACCEPTED;
        } else if (statusCode == 410 || "Unregistered".equals(why)) {
            kind = Kind.DEVICE_UNREGISTERED;
        } else if (CREDENTIAL_REASONS.contains(why)) {
            kind = Kind.CREDENTIAL;
        } else if (RUN_REASONS.contains(why) || statusCode == 413) {
            kind = Kind.RUN;
        } else if (DEVICE_INVALID_REASONS.contains(why)) {
            kind = Kind.DEVICE_INVALID;
        } else if (RETRY_REASONS.contains(why) || statusCode == 429 || statusCode >= 500) {
            kind = Kind.RETRY;
        } else {
            kind = Kind.REJECTED;
        }
        return new Answer(kind, statusCode, reason == null ? (statusCode == 200 ? null : "HTTP" + statusCode) : reason,
                appleTimestamp);
    }

    /** Sending failed before Apple answered (connection refused, reset, timeout). */
    static Answer exception(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String name = cause.getClass().getSimpleName();
        return new Answer(Kind.RETRY, null, name.length() > 64 ? name.substring(0, 64) : name, null);
    }

    static Answer expired() {
        return new Answer(Kind.EXPIRED, null, "Expired", null);
    }

    static Answer credential(String reason) {
        return new Answer(Kind.CREDENTIAL, null, reason, null);
    }

    static Answer release() {
        return new Answer(Kind.RELEASE, null, null, null);
    }
}
